// Periodic tasks and the real-time policies (edf, rm, dm, fp, llf): every expectation below
// is a schedule computed by hand (the comments show the working), job by job.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <schedlab/workload_loader.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// Every job as "TASK/N:release-completion", "TASK/N:release-aborted" or
// "TASK/N:release-unfinished", in release order, with "!" after a missed one.
std::vector<std::string> jobs(const Outcome& o) {
  std::vector<std::string> out;
  for (const JobMetrics& j : o.result.jobs) {
    std::string s = o.result.realtime[j.task].name + "/" + std::to_string(j.number) + ":" + std::to_string(j.release) +
                    "-" + (j.completed() ? std::to_string(j.completion) : j.aborted ? "aborted" : "unfinished");
    if (j.missed) s += "!";
    out.push_back(s);
  }
  return out;
}

// Silberschatz §5.6.1: P1 (period 50, burst 20) and P2 (period 100, burst 35) under RM.
// P1 0-20, P2 20-50, P1 50-70, P2 70-75 (done), idle, P1 100-120, P2 120-150, P1 150-170,
// P2 170-175.
TEST(Realtime, SilberschatzRateMonotonicMeetsEveryDeadline) {
  const Outcome o = run_policy(load_workload_file(source_path("workloads/realtime/silberschatz-rm.yaml")), "rm");
  EXPECT_THAT(jobs(o), ElementsAre("P1/1:0-20", "P2/1:0-75", "P1/2:50-70", "P1/3:100-120", "P2/2:100-175",
                                   "P1/4:150-170"));
  EXPECT_THAT(o.gantt(), ElementsAre("P1@0:0-20", "P2@0:20-50", "P1@0:50-70", "P2@0:70-75", "P1@0:100-120",
                                     "P2@0:120-150", "P1@0:150-170", "P2@0:170-175"));
  EXPECT_EQ(o.result.realtime_summary.misses, 0u);
  EXPECT_EQ(o.result.realtime[1].preemptions, 2u);
  EXPECT_EQ(o.result.realtime[1].worst_response, 75);
}

// Silberschatz §5.6.2: P1 (50, 25) and P2 (80, 35). RM: P1 0-25, P2 25-50, P1 50-75,
// P2 75-85: P2 misses its deadline at 80. EDF: P2's deadline 80 is before P1's second
// (100), so P2 runs on to 60; P1 60-85; P2's second job 85-100, preempted by P1's third
// (deadline 150 < 160) 100-125, then 125-145; P1 150-175. No miss.
TEST(Realtime, SilberschatzRmMissesWhereEdfMeetsEveryDeadline) {
  const Workload w = load_workload_file(source_path("workloads/realtime/silberschatz-edf.yaml"));
  const Outcome rm = run_policy(w, "rm");
  EXPECT_THAT(jobs(rm), ElementsAre("P1/1:0-25", "P2/1:0-85!", "P1/2:50-75", "P2/2:80-145", "P1/3:100-125",
                                    "P1/4:150-175"));
  EXPECT_EQ(rm.result.realtime_summary.misses, 1u);
  EXPECT_EQ(rm.result.realtime[1].worst_lateness, 5);
  const Outcome edf = run_policy(w, "edf");
  EXPECT_THAT(jobs(edf), ElementsAre("P1/1:0-25", "P2/1:0-60", "P1/2:50-85", "P2/2:80-145", "P1/3:100-125",
                                     "P1/4:150-175"));
  EXPECT_THAT(edf.gantt(), ElementsAre("P1@0:0-25", "P2@0:25-60", "P1@0:60-85", "P2@0:85-100", "P1@0:100-125",
                                       "P2@0:125-145", "P1@0:150-175"));
  EXPECT_EQ(edf.result.realtime_summary.misses, 0u);
  EXPECT_DOUBLE_EQ(rm.result.realtime_summary.miss_ratio, 1.0 / 6.0);
}

// The same set with on_miss: abort. P2's first job is killed at 80 with 30 of 35 done
// (deadline before release at the same instant); its second job, released at 80, runs
// 80-100, is preempted by P1 100-125 and completes at 140.
TEST(Realtime, AbortRemovesTheLateJobAtItsDeadline) {
  Workload w = load_workload_file(source_path("workloads/realtime/silberschatz-edf.yaml"));
  w.on_miss = OnMiss::Abort;
  const Outcome rm = run_policy(w, "rm");
  EXPECT_THAT(jobs(rm), ElementsAre("P1/1:0-25", "P2/1:0-aborted!", "P1/2:50-75", "P2/2:80-140", "P1/3:100-125",
                                    "P1/4:150-175"));
  EXPECT_THAT(rm.gantt(), ElementsAre("P1@0:0-25", "P2@0:25-50", "P1@0:50-75", "P2@0:75-80", "P2@0:80-100",
                                      "P1@0:100-125", "P2@0:125-140", "P1@0:150-175"));
  EXPECT_EQ(rm.result.realtime_summary.aborted, 1u);
  EXPECT_EQ(rm.result.realtime[1].aborted, 1u);
}

// A job completing exactly at its deadline meets it, even with abort (completion comes
// before the deadline's abort at the same instant).
TEST(Realtime, CompletingAtTheDeadlineMeetsIt) {
  const Outcome o = run_yaml("on_miss: abort\nprocesses:\n"
                             "  - {name: A, period: 10, deadline: 6, burst: 3, jobs: 2}\n"
                             "  - {name: B, period: 10, deadline: 6, burst: 3, jobs: 1}\n",
                             "edf");
  // Equal deadlines (6) and releases: listing order, A then B, B completes at 6.
  EXPECT_THAT(jobs(o), ElementsAre("A/1:0-3", "B/1:0-6", "A/2:10-13"));
  EXPECT_EQ(o.result.realtime_summary.misses, 0u);
}

// EDF ties: equal deadlines go to the earlier release, and a running job is not preempted
// by a job of an equal deadline. A (release 0, deadline 20) runs 0-8; B released at 5 with
// deadline 20 waits; C released at 5 with deadline 12 preempts A at 5 and runs 5-9; then A
// (earlier release than B, same deadline) 9-12, B 12-16.
TEST(Realtime, EdfTiesGoToTheEarlierReleaseAndNeverPreempt) {
  const Outcome o = run_yaml("processes:\n"
                             "  - {name: B, arrival: 5, period: 100, deadline: 15, burst: 4, jobs: 1}\n"
                             "  - {name: A, period: 100, deadline: 20, burst: 8, jobs: 1}\n"
                             "  - {name: C, arrival: 5, period: 100, deadline: 7, burst: 4, jobs: 1}\n",
                             "edf");
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-5", "C@0:5-9", "A@0:9-12", "B@0:12-16"));
  const Outcome tie = run_yaml("processes:\n"
                               "  - {name: A, period: 100, deadline: 20, burst: 8, jobs: 1}\n"
                               "  - {name: B, arrival: 5, period: 100, deadline: 15, burst: 4, jobs: 1}\n",
                               "edf");
  EXPECT_THAT(tie.gantt(), ElementsAre("A@0:0-8", "B@0:8-12"));  // equal deadline 20: no preemption
}

// Constrained deadlines: T1 (period 20, deadline 5, burst 2) and T2 (period 10, burst 4).
// RM ranks T2 first (shorter period): T2 0-4, T1 4-6, late. DM ranks T1 first (deadline
// 5 < 10): T1 0-2, T2 2-6.
TEST(Realtime, DeadlineMonotonicMeetsAConstrainedDeadlineRmMisses) {
  const std::string yaml = "processes:\n"
                           "  - {name: T1, period: 20, deadline: 5, burst: 2, jobs: 1}\n"
                           "  - {name: T2, period: 10, burst: 4, jobs: 2}\n";
  EXPECT_THAT(jobs(run_yaml(yaml, "rm")), ElementsAre("T1/1:0-6!", "T2/1:0-4", "T2/2:10-14"));
  EXPECT_THAT(jobs(run_yaml(yaml, "dm")), ElementsAre("T1/1:0-2", "T2/1:0-6", "T2/2:10-14"));
}

// Offsets and the horizon: T (arrival 3, period 10) releases at 3, 13, 23 before the
// horizon 30 (33 is past it). fp: the priority number, lower first; L (priority 5)
// runs 0-3, is preempted by T (priority 1) 3-5 and completes its 10 ticks at 12.
TEST(Realtime, OffsetsHorizonAndFixedPriorities) {
  const Outcome o = run_yaml("horizon: 30\nprocesses:\n"
                             "  - {name: L, priority: 5, period: 40, burst: 10}\n"
                             "  - {name: T, priority: 1, arrival: 3, period: 10, burst: 2}\n",
                             "fp");
  EXPECT_THAT(jobs(o), ElementsAre("L/1:0-12", "T/1:3-5", "T/2:13-15", "T/3:23-25"));
  EXPECT_THAT(o.gantt(), ElementsAre("L@0:0-3", "T@0:3-5", "L@0:5-12", "T@0:13-15", "T@0:23-25"));
}

// Jobs of one task run one at a time: job 2 (released at 10) waits for job 1 (burst 15),
// even with a second CPU idle, and keeps its own release and deadline.
TEST(Realtime, JobsOfATaskRunInReleaseOrderNeverSideBySide) {
  const Outcome o = run_yaml("cpus: 2\nprocesses:\n  - {name: T, period: 10, burst: 15, jobs: 2}\n", "edf");
  EXPECT_THAT(jobs(o), ElementsAre("T/1:0-15!", "T/2:10-30!"));
  EXPECT_THAT(o.gantt(), ElementsAre("T@0:0-15", "T@0:15-30"));
  EXPECT_EQ(o.result.jobs[1].deadline, 20);
  EXPECT_EQ(o.result.jobs[1].start, 15);
}

// The Dhall effect on 2 CPUs: two light tasks (burst 2, period 20) and a heavy one
// (burst 20, period 21). Global EDF runs the lights first (deadline 20 < 21) on both
// CPUs, the heavy job starts at 2 and misses at 21; partitioned (heavy alone on CPU 1)
// every job meets its deadline.
TEST(Realtime, DhallEffectGlobalEdfMissesWherePartitioningDoesNot) {
  Workload w = load_workload_file(source_path("workloads/realtime/dhall.yaml"));
  const Outcome global = run_policy(w, "edf");
  EXPECT_THAT(jobs(global), ElementsAre("L1/1:0-2", "L2/1:0-2", "H/1:0-22!"));
  EXPECT_THAT(global.gantt(), ElementsAre("L1@0:0-2", "L2@1:0-2", "H@0:2-22"));
  w.affinities = {{}, {0}, {1}};
  w.processes[0].affinity = w.processes[1].affinity = 1;
  w.processes[2].affinity = 2;
  const Outcome parted = run_policy(w, "edf");
  EXPECT_THAT(jobs(parted), ElementsAre("L1/1:0-2", "L2/1:0-4", "H/1:0-20"));
  EXPECT_EQ(parted.result.realtime_summary.misses, 0u);
}

// Global EDF on 2 CPUs: at 0 the idle CPUs, lowest id first, take the best jobs: B
// (deadline 20) on CPU 0, A (deadline 30) on CPU 1. C released at 4 (deadline 10) takes
// the CPU of the latest deadline, A's; B ends at 6 and A resumes on CPU 0: one
// preemption and one migration of A's job.
TEST(Realtime, GlobalEdfOnTwoCpusPreemptsTheLatestDeadline) {
  const Outcome o = run_yaml("cpus: 2\nprocesses:\n"
                             "  - {name: A, period: 100, deadline: 30, burst: 10, jobs: 1}\n"
                             "  - {name: B, period: 100, deadline: 20, burst: 6, jobs: 1}\n"
                             "  - {name: C, arrival: 4, period: 100, deadline: 6, burst: 5, jobs: 1}\n",
                             "edf");
  EXPECT_THAT(o.gantt(), ElementsAre("B@0:0-6", "A@1:0-4", "C@1:4-9", "A@0:6-12"));
  EXPECT_THAT(jobs(o), ElementsAre("A/1:0-12", "B/1:0-6", "C/1:4-9"));
  EXPECT_EQ(o.result.realtime[0].preemptions, 1u);
  EXPECT_EQ(o.result.realtime[0].migrations, 1u);
  EXPECT_EQ(o.result.realtime[1].migrations, 0u);
}

// LLF thrashing: A and B, both deadline 10 and burst 4, laxity 6 each at 0. A runs
// (listing order); at 1 B's laxity is 5 < A's 6: B preempts; at 2 A's is 5 = B's: no
// change; at 3 A's is 4 < B's 5: A preempts; at 5 B's 3 < A's 4: B again, and completes
// at 7; A at 8. With every=4 the policy looks again only at 4, when A is done.
TEST(Realtime, LeastLaxityThrashesBetweenEqualLaxitiesAndEveryCoarsensIt) {
  const std::string yaml = "processes:\n"
                           "  - {name: A, period: 20, deadline: 10, burst: 4, jobs: 1}\n"
                           "  - {name: B, period: 20, deadline: 10, burst: 4, jobs: 1}\n";
  const Outcome fine = run_yaml(yaml, "llf");
  EXPECT_THAT(fine.gantt(), ElementsAre("A@0:0-1", "B@0:1-3", "A@0:3-5", "B@0:5-7", "A@0:7-8"));
  const Outcome coarse = run_yaml(yaml, "llf:every=4");
  EXPECT_THAT(coarse.gantt(), ElementsAre("A@0:0-4", "B@0:4-8"));
  EXPECT_EQ(coarse.result.realtime_summary.misses, 0u);
}

// The course workloads keep the promises of their header comments.
TEST(Realtime, CourseWorkloadsLiuLaylandAndTheDominoEffect) {
  const Outcome ll = run_policy(load_workload_file(source_path("workloads/realtime/liu-layland-bound.yaml")), "rm");
  EXPECT_EQ(ll.result.realtime_summary.misses, 0u);
  EXPECT_EQ(ll.result.realtime_summary.jobs, 25u);  // 15 of T1 (0..1400), 10 of T2 (0..1269)
  EXPECT_EQ(ll.result.jobs[1].completion, 100);      // T2's first job
  Workload w = load_workload_file(source_path("workloads/realtime/liu-layland-bound.yaml"));
  w.steps[w.programs[w.processes[1].program].begin].value = 60;  // one more tick for T2
  const Outcome over = run_policy(w, "rm");
  EXPECT_EQ(over.result.jobs[1].completion, 142);
  EXPECT_TRUE(over.result.jobs[1].missed);
  // Overload: EDF spreads the misses over every task, RM keeps them on T3.
  const Workload domino = load_workload_file(source_path("workloads/realtime/overload-domino.yaml"));
  const Outcome edf = run_policy(domino, "edf");
  const Outcome rm = run_policy(domino, "rm");
  std::vector<std::uint64_t> edf_misses, rm_misses;
  for (const RealtimeTaskMetrics& m : edf.result.realtime) edf_misses.push_back(m.misses);
  for (const RealtimeTaskMetrics& m : rm.result.realtime) rm_misses.push_back(m.misses);
  EXPECT_THAT(edf_misses, ElementsAre(5u, 2u, 1u));
  EXPECT_THAT(rm_misses, ElementsAre(0u, 0u, 3u));
}

// A top-level daemon is killed once every other process has ended: a periodic task with
// jobs still to be released has not ended, even between its jobs (and the daemon, with no
// deadline, only runs when no job waits).
TEST(Realtime, DaemonsOutliveThePeriodicTasksBetweenJobs) {
  const Outcome o = run_yaml("processes:\n"
                             "  - {name: srv, daemon: true, program: [{repeat: {times: forever, program: [{cpu: 1}, "
                             "{sleep: 4}]}}]}\n"
                             "  - {name: T, period: 10, burst: 2, jobs: 3}\n",
                             "edf");
  EXPECT_THAT(jobs(o), ElementsAre("T/1:0-2", "T/2:10-12", "T/3:20-22"));
  EXPECT_EQ(o.process("srv").completion, 22);
  EXPECT_EQ(o.process("srv").exit_reason, ExitReason::Killed);
}

TEST(Realtime, JsonHasJobsAndRealtimeOnlyForPeriodicWorkloads) {
  const CliResult rt = run_cli({"run", source_path("workloads/realtime/silberschatz-edf.yaml"), "-p", "rm", "--format", "json"});
  ASSERT_EQ(rt.code, 0) << rt.err;
  EXPECT_THAT(rt.out, HasSubstr(",\"realtime\":{\"jobs\":6,\"misses\":1,\"aborted\":0,\"miss_ratio\":0.16666666666666666,"
                                "\"tasks\":[{\"name\":\"P1\",\"period\":50,\"deadline\":50,\"jobs\":4,\"completed\":4,"));
  EXPECT_THAT(rt.out, HasSubstr("\n{\"task\":\"P2\",\"job\":1,\"pid\":3,\"release\":0,\"deadline\":80,\"start\":25,"
                                "\"completion\":85,\"response\":85,\"lateness\":5,\"missed\":true,\"aborted\":false},"));
  const CliResult plain = run_cli({"run", source_path("workloads/default.yaml"), "--format", "json"});
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_THAT(plain.out, Not(HasSubstr("realtime")));
  EXPECT_THAT(plain.out, Not(HasSubstr("\"jobs\"")));
}

TEST(Realtime, CsvJobsAndTable) {
  const std::string file = source_path("workloads/realtime/silberschatz-edf.yaml");
  const CliResult csv = run_cli({"run", file, "-p", "rm", "--format", "csv", "--jobs"});
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "task,job,pid,release,deadline,start,completion,response,lateness,missed,aborted\n"
            "P1,1,2,0,50,0,25,25,-25,false,false\n"
            "P2,1,3,0,80,25,85,85,5,true,false\n"
            "P1,2,4,50,100,50,75,25,-25,false,false\n"
            "P2,2,5,80,160,85,145,65,-15,false,false\n"
            "P1,3,6,100,150,100,125,25,-25,false,false\n"
            "P1,4,7,150,200,150,175,25,-25,false,false\n");
  const CliResult table = run_cli({"run", file, "-p", "rm"});
  EXPECT_THAT(table.out, HasSubstr("P2        80        80     2       1        0          85      75.00           5        2     0\n"));
  EXPECT_THAT(table.out, HasSubstr("deadline misses 1 of 6 jobs (16.7%)\n"));
  const CliResult bad = run_cli({"run", file, "--jobs"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--jobs needs --format csv"));
}

TEST(Realtime, CompareGainsMissRatioAndWorstResponseForPeriodicWorkloads) {
  const std::string file = source_path("workloads/realtime/silberschatz-edf.yaml");
  const CliResult table = run_cli({"compare", file, "-p", "edf", "-p", "rm", "-j", "1", "--no-progress"});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("  miss ratio  worst resp\n"));
  EXPECT_THAT(table.out, HasSubstr("       0.0%*         65*\n"));  // edf
  EXPECT_THAT(table.out, HasSubstr("      16.7%          85\n"));  // rm (trailing blanks trimmed)
  const CliResult json = run_cli({"compare", file, "-p", "rm", "-j", "1", "--format", "json"});
  EXPECT_THAT(json.out, HasSubstr(",\"miss_ratio\":0.16666666666666666,\"worst_response\":85}"));
  const CliResult plain = run_cli({"compare", source_path("workloads/default.yaml"), "-p", "rm", "-j", "1"});
  EXPECT_THAT(plain.out, Not(HasSubstr("miss")));
}

}  // namespace
}  // namespace schedlab::test
