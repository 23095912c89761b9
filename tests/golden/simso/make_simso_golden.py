#!/usr/bin/python3
"""Write the SimSo golden job lists of tests/golden/simso/ (checked by tests/simso_golden_test.cpp).

SimSo (github MaximeCheramy/simso) is run outside the tree, through its Python API, on
Debian's python3-simpy 2.3.1, with one cycle per tick (cycles_per_ms = 1) and no
overheads. For each case this writes NAME.yaml (the schedlab workload: horizon = SimSo's
duration) and NAME.tsv: one line per job SimSo released before the duration:
task, job number, release, absolute deadline, completion ("-" when SimSo did not complete
it by the duration), aborted (0/1).

    /usr/bin/python3 tests/golden/simso/make_simso_golden.py /path/to/simso

Conventions mapped here (docs/policies.md, "Against SimSo"): SimSo's FP runs the highest
`priority` number first, schedlab's fp the lowest, so SimSo is given -priority; SimSo has
no DM, so dm is checked against SimSo's FP with the relative deadline as priority (-deadline in SimSo).

Left out, because the two disagree (see docs/policies.md, "Against SimSo"): overloads with
aborts. RM, one CPU, abort: T1 (period 10, burst 4), T2 (15, 6), T3 (20, 8). By hand (and
in schedlab) T2's second job runs 15-20, is preempted by T1 at 20 and completes at 25,
within its deadline 30; SimSo (commit ddfc1b5) aborts it at 30 (it also prints "Can't
schedule a terminated job!" on such sets).
"""
import pathlib
import sys

# name: (simso scheduler, schedlab policy, cpus, duration, on_miss, tasks)
# task: (name, offset, period, deadline, wcet, schedlab priority)
CASES = {
    "edf-silberschatz": ("EDF", "edf", 1, 400, "continue",
                         [("P1", 0, 50, 50, 25, 0), ("P2", 0, 80, 80, 35, 0)]),
    "rm-silberschatz-abort": ("RM", "rm", 1, 400, "abort",
                              [("P1", 0, 50, 50, 25, 0), ("P2", 0, 80, 80, 35, 0)]),
    "rm-three": ("RM", "rm", 1, 420, "abort",
                 [("T1", 0, 7, 7, 3, 0), ("T2", 0, 12, 12, 3, 0), ("T3", 0, 20, 20, 5, 0)]),
    "edf-offsets-constrained": ("EDF", "edf", 1, 300, "abort",
                                [("A", 2, 10, 8, 3, 0), ("B", 0, 15, 12, 4, 0), ("C", 5, 25, 20, 6, 0)]),
    "edf-global-2cpu": ("EDF", "edf", 2, 240, "abort",
                        [("A", 0, 10, 10, 6, 0), ("B", 0, 12, 12, 7, 0), ("C", 3, 15, 15, 5, 0),
                         ("D", 1, 20, 18, 6, 0)]),
    "fp-priorities": ("FP", "fp", 1, 300, "abort",
                      [("A", 0, 20, 20, 4, 3), ("B", 1, 10, 10, 3, 1), ("C", 0, 30, 30, 8, 2)]),
    "dm-constrained": ("FP", "dm", 1, 200, "abort",
                       [("T1", 0, 20, 5, 2, 5), ("T2", 0, 10, 10, 4, 10), ("T3", 0, 25, 20, 5, 20)]),
}


def run_simso(simso_path, scheduler, cpus, duration, abort, tasks):
    sys.path.insert(0, simso_path)
    from simso.configuration import Configuration
    from simso.core import Model
    c = Configuration()
    c.cycles_per_ms = 1
    c.duration = duration
    for i, (name, offset, period, deadline, wcet, priority) in enumerate(tasks):
        t = c.add_task(name=name, identifier=i + 1, period=period, activation_date=offset, wcet=wcet,
                       deadline=deadline, abort_on_miss=abort)
        t.data["priority"] = -priority  # SimSo's FP: higher number first
    for p in range(cpus):
        c.add_processor(name="CPU%d" % p, identifier=p + 1)
    c.scheduler_info.clas = "simso.schedulers." + scheduler
    c.check_all()
    m = Model(c)
    m.run_model()
    rows = []
    for t in m.task_list:
        for n, j in enumerate(t.jobs, 1):
            if j.activation_date >= duration:
                continue
            done = j.end_date is not None and not j.aborted
            rows.append((int(j.activation_date), t.name, n, int(j.absolute_deadline),
                         str(int(j.end_date)) if done else "-", 1 if j.aborted else 0))
    return sorted(rows, key=lambda r: (r[0], [x[0] for x in tasks].index(r[1])))


def main():
    simso_path = sys.argv[1]
    here = pathlib.Path(__file__).resolve().parent
    for name, (scheduler, policy, cpus, duration, on_miss, tasks) in CASES.items():
        lines = [f"name: simso-{name}", f"cpus: {cpus}", f"horizon: {duration}", f"on_miss: {on_miss}",
                 "processes:"]
        for (tname, offset, period, deadline, wcet, priority) in tasks:
            lines.append(f"  - {{name: {tname}, arrival: {offset}, period: {period}, deadline: {deadline}, "
                         f"burst: {wcet}, priority: {priority}}}")
        (here / f"{name}.yaml").write_text(f"# SimSo golden case, policy {policy}: see make_simso_golden.py\n" +
                                           "\n".join(lines) + "\n")
        rows = run_simso(simso_path, scheduler, cpus, duration, on_miss == "abort", tasks)
        out = [f"# simso {scheduler} -> schedlab {policy}; task job release deadline completion aborted"]
        out += ["\t".join(str(x) for x in (r[1], r[2], r[0], r[3], r[4], r[5])) for r in rows]
        (here / f"{name}.tsv").write_text("\n".join(out) + "\n")
        print(name, len(rows), "jobs")


if __name__ == "__main__":
    main()
