#!/usr/bin/env python3
"""schedlab's mlfq against OSTEP's mlfq.py on the same 10^4-job workload with I/O.

  bench/mlfq_vs_ostep.py --mlfq-py PATH/TO/mlfq.py [--schedlab build/release/cli/schedlab]
                         [--jobs 10000] [--seed 1] [--tick-for-tick] [--keep DIR]

For each configuration (OSTEP's defaults, and quantum/allotment lists with io_front) it
  1. draws a seeded job list: Poisson arrivals (mean gap 50 ticks), runTime 1..99, and
     for half the jobs an I/O every 1..10 ticks of CPU (ioTime 5);
  2. runs `mlfq.py -c -l LIST ...` and `schedlab run WORKLOAD --policy mlfq:... --format
     json` (the workload made by ostep_mlfq.py from the same list), each timed end to end
     as a separate process writing its output to a file (wall time, and user+sys CPU
     time, which a busy machine disturbs less);
  3. checks that the average response and turnaround agree (mlfq.py prints two decimals);
     with --tick-for-tick it also compares what ran at every tick (not timed).
Exit status 1 if any average differs.

mlfq.py is not part of schedlab; get it from the OSTEP homework repository
(remzi-arpacidusseau/ostep-homework, cpu-sched-mlfq/mlfq.py). Its `from __future__`
line is not the first statement, which Python 3 rejects, and a 10^4-job -l list is longer
than one command-line argument may be on Linux; so it runs under a tiny wrapper that drops
that line and hands it the arguments in-process. The wrapper's cost is in its time.
"""
import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ostep_mlfq  # noqa: E402

CONFIGS = [
    # (label, mlfq.py options, schedlab policy)
    ("OSTEP defaults", ["-n", "3", "-q", "10", "-a", "1"], "mlfq"),
    ("lists + io_front", ["-Q", "2,4,8", "-A", "1,2,4", "-I"], "mlfq:quantum=2/4/8,allotment=1/2/4,io_front=1"),
]
IO_TIME = 5

WRAPPER = r"""
import sys
path, args_file = sys.argv[1], sys.argv[2]
with open(args_file) as f:
    args = f.read().split("\n")
source = "".join(l for l in open(path).readlines() if not l.startswith("from __future__"))
sys.argv = [path] + args
exec(compile(source, path, "exec"), {"__name__": "__main__"})
"""


def job_list(n, seed):
    rnd = random.Random(seed)
    t = 0.0
    jobs = []
    for _ in range(n):
        t += rnd.expovariate(1 / 50)
        run = rnd.randint(1, 99)
        freq = rnd.randint(1, 10) if rnd.random() < 0.5 else 0
        jobs.append((int(t), run, freq))
    return jobs


def timed(cmd, out_path):
    """Run cmd with stdout to out_path; return (wall seconds, CPU seconds user+sys)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out_path, "w") as out:
        start = time.perf_counter()
        subprocess.run(cmd, stdout=out, check=True)
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mlfq-py", required=True)
    ap.add_argument("--schedlab", default=os.path.join(HERE, "..", "build", "release", "cli", "schedlab"))
    ap.add_argument("--jobs", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tick-for-tick", action="store_true")
    ap.add_argument("--keep", help="keep the workload and outputs in this directory")
    args = ap.parse_args()

    work = args.keep or tempfile.mkdtemp(prefix="mlfq-vs-ostep-")
    os.makedirs(work, exist_ok=True)
    jobs = job_list(args.jobs, args.seed)
    jlist = ":".join("%d,%d,%d" % j for j in jobs)
    workload = os.path.join(work, "workload.yaml")
    with open(workload, "w") as f:
        ostep_mlfq.write_workload(jobs, IO_TIME, "ostep-%d-jobs" % args.jobs, f)
    wrapper = os.path.join(work, "run_mlfq_py.py")
    with open(wrapper, "w") as f:
        f.write(WRAPPER)
    print("%d jobs (seed %d), %d with I/O, workload %s" % (len(jobs), args.seed, sum(1 for j in jobs if j[2]), workload))

    ok = True
    for i, (label, options, policy) in enumerate(CONFIGS):
        mlfq_args = ["-c", "-l", jlist, "-i", str(IO_TIME)] + options
        args_file = os.path.join(work, "mlfq_args_%d.txt" % i)
        with open(args_file, "w") as f:
            f.write("\n".join(mlfq_args))
        mlfq_out = os.path.join(work, "mlfq_py_%d.txt" % i)
        t_py = timed([sys.executable, wrapper, args.mlfq_py, args_file], mlfq_out)
        with open(mlfq_out) as f:
            py_ticks, py_avg = ostep_mlfq.ticks_of_mlfq_py(f)

        sl_out = os.path.join(work, "schedlab_%d.json" % i)
        t_sl = timed([args.schedlab, "run", workload, "--policy", policy, "--format", "json"], sl_out)
        with open(sl_out) as f:
            avg = json.load(f)["averages"]
        sl_avg = (round(avg["response"], 2), round(avg["turnaround"], 2))

        same = abs(sl_avg[0] - py_avg[0]) < 0.0051 and abs(sl_avg[1] - py_avg[1]) < 0.0051
        ok = ok and same
        print("\n%s: mlfq.py %s  |  schedlab --policy %s" % (label, " ".join(options), policy))
        print("  averages   mlfq.py response %.2f turnaround %.2f | schedlab response %.2f turnaround %.2f  %s"
              % (py_avg + sl_avg + ("EQUAL" if same else "DIFFERENT",)))
        print("  wall time  mlfq.py %.3f s | schedlab %.3f s | schedlab is %.0fx faster" % (t_py[0], t_sl[0], t_py[0] / t_sl[0]))
        print("  CPU time   mlfq.py %.3f s | schedlab %.3f s | schedlab is %.0fx faster" % (t_py[1], t_sl[1], t_py[1] / t_sl[1]))
        if args.tick_for_tick:
            trace = os.path.join(work, "schedlab_trace_%d.txt" % i)
            subprocess.run([args.schedlab, "run", workload, "--policy", policy, "--trace-text", trace],
                           stdout=subprocess.DEVNULL, check=True)
            with open(trace) as f:
                sl_ticks = ostep_mlfq.ticks_of_schedlab_trace(f)
            same_ticks = sl_ticks == py_ticks
            ok = ok and same_ticks
            print("  tick for tick: %s (%d ticks)" % ("IDENTICAL" if same_ticks else "DIFFERENT", len(py_ticks)))
    if not args.keep:
        print("\n(outputs in %s)" % work)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
