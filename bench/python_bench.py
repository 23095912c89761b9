#!/usr/bin/env python3
"""schedlab from Python against the CLI, measured in the same run (docs/performance.md).

    PYTHONPATH=build/ci/python /usr/bin/python3 bench/python_bench.py build/ci/cli/schedlab [REPEATS]

1. The same compare sweep (gen:n=2000 x 5 policies x 20 seeds, -j 2) through
   `schedlab compare -f csv` and schedlab.compare(): best of REPEATS wall times, ratio.
2. A Python policy's overhead per scheduling decision: the built-in rr:quantum=4 and a
   Python round robin with the same schedule on one generated workload, each as a
   one-cell compare (no trace to convert, one thread); (python - builtin) / pick_next calls.
"""
import subprocess
import sys
import time

import schedlab

CLI = sys.argv[1]
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
SPEC = "gen:n=2000,io-share=0.3"
POLICIES = ["fcfs", "rr:quantum=4", "srtf", "mlfq", "lottery"]


def best(fn):
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def cli_compare():
    args = [CLI, "compare", SPEC, *sum((["--policy", p] for p in POLICIES), []), "--seeds", "1..20",
            "-f", "csv", "-j", "2", "--no-progress"]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)


def py_compare():
    schedlab.compare(SPEC, POLICIES, seeds=range(1, 21), jobs=2)


class PyRR(schedlab.Policy):
    picks = 0

    def __init__(self, ctx):
        super().__init__(ctx)
        self.queue = []

    def enqueue(self, task, reason):
        self.queue.append(task)

    def dequeue(self, task):
        self.queue.remove(task)

    def has_ready(self):
        return bool(self.queue)

    def pick_next(self, cpu):
        PyRR.picks += 1
        return (self.queue.pop(0), 4) if self.queue else None


def main():
    c, p = best(cli_compare), best(py_compare)
    print(f"compare {SPEC} x {len(POLICIES)} policies x 20 seeds, -j 2: cli {c:.3f} s, python {p:.3f} s, "
          f"python/cli {p / c:.3f}")
    w = schedlab.Workload.from_yaml(subprocess.run([CLI, "gen", "-n", "2000", "--seed", "1"], check=True,
                                                   capture_output=True, text=True).stdout)
    b = best(lambda: schedlab.compare(w, ["rr:quantum=4"], jobs=1))
    PyRR.picks = 0
    r = best(lambda: schedlab.compare(w, [PyRR], jobs=1))
    picks = PyRR.picks // REPEATS
    assert schedlab.run(w, policy=PyRR).slices.equals(schedlab.run(w, policy="rr:quantum=4").slices)
    print(f"run of gen -n 2000: built-in rr {b * 1e3:.1f} ms, Python rr {r * 1e3:.1f} ms "
          f"(python/builtin {r / b:.1f}), {picks} pick_next calls: "
          f"{(r - b) / picks * 1e6:.2f} us overhead per decision (all callbacks of the run counted in)")


main()
