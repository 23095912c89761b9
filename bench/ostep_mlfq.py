#!/usr/bin/env python3
"""Bridge between OSTEP's mlfq.py simulator and schedlab (used by mlfq_vs_ostep.py).

  ostep_mlfq.py workload --jlist 0,20,5:10,30,0 [--iotime 5] [-o FILE]
  ostep_mlfq.py workload --from-output MLFQ_OUTPUT [--iotime 5] [-o FILE]
      Turn an mlfq.py job list (its -l string, or the "Job List:" it prints) into a
      schedlab workload. A job startTime,runTime,ioFreq becomes process J<n> arriving at
      startTime with program  cpu ioFreq, io ioTime, cpu ioFreq, io ioTime, ..., cpu REST:
      mlfq.py issues an I/O after every ioFreq ticks of CPU unless the job has just
      finished, so the last burst (1..ioFreq ticks) ends the job without I/O. ioFreq 0
      means no I/O at all.

  ostep_mlfq.py timeline MLFQ_OUTPUT
      Print what mlfq.py ran at each tick, one character per tick ('0'-'9','a'-'z' for
      jobs 0..35, '?' beyond, '.' idle), then its average response and turnaround.

  ostep_mlfq.py trace-timeline SCHEDLAB_TRACE
      The same line for a one-CPU schedlab run (schedlab run ... --trace-text FILE) of a
      workload made by `workload`, so the two can be compared tick for tick.

mlfq.py itself is not part of schedlab: get it from the OSTEP homework repository
(remzi-arpacidusseau/ostep-homework, cpu-sched-mlfq/mlfq.py).
"""
import argparse
import re
import sys

JOB_LINE = re.compile(r"^\s*Job\s+(\d+): startTime\s+(\d+) - runTime\s+(\d+) - ioFreq\s+(\d+)\s*$")
RUN_LINE = re.compile(r"^\[ time (\d+) \] Run JOB (\d+) at PRIORITY")
IDLE_LINE = re.compile(r"^\[ time (\d+) \] IDLE")
AVG_LINE = re.compile(r"Avg\s+\d+: startTime n/a - response ([\d.]+) - turnaround ([\d.]+)")


def parse_jlist(text):
    jobs = []
    for item in text.split(":"):
        start, run, freq = (int(x) for x in item.split(","))
        jobs.append((start, run, freq))
    return jobs


def parse_job_list_output(lines):
    jobs = []
    for line in lines:
        m = JOB_LINE.match(line)
        if m:
            assert int(m.group(1)) == len(jobs), "jobs out of order"
            jobs.append((int(m.group(2)), int(m.group(3)), int(m.group(4))))
    return jobs


def program(run, freq, iotime):
    """The steps of one job, as flow-style YAML (flat: no `repeat`)."""
    if freq <= 0 or run <= freq:
        return "[{cpu: %d}]" % run
    ios = (run - 1) // freq          # I/Os issued: after freq, 2 freq, ... below run
    last = run - ios * freq          # 1..freq
    cycle = "{cpu: %d}, {io: %d}, " % (freq, iotime)
    return "[%s{cpu: %d}]" % (cycle * ios, last)


def write_workload(jobs, iotime, name, out):
    out.write("name: %s\ncpus: 1\nprocesses:\n" % name)
    for i, (start, run, freq) in enumerate(jobs):
        out.write("  - {name: J%d, arrival: %d, program: %s}\n" % (i, start, program(run, freq, iotime)))


def ticks_of_mlfq_py(lines):
    """mlfq.py -c output -> (job number or None per tick, (avg response, avg turnaround))."""
    ticks = {}
    avg = None
    for line in lines:
        m = RUN_LINE.match(line)
        if m:
            ticks[int(m.group(1))] = int(m.group(2))
            continue
        m = IDLE_LINE.match(line)
        if m:
            ticks[int(m.group(1))] = None
            continue
        m = AVG_LINE.search(line)
        if m:
            avg = (float(m.group(1)), float(m.group(2)))
    end = max(ticks) + 1 if ticks else 0
    return [ticks.get(t) for t in range(end)], avg


SLICE_LINE = re.compile(r"^slice (\d+) cpu\d+ \[(\d+),(\d+)\)")
TASK_LINE = re.compile(r"^task (\d+) pid=\d+ ppid=\d+ name=J(\d+) ")


def ticks_of_schedlab_trace(lines):
    """schedlab --trace-text of a one-CPU run -> job number (from the name J<n>) or None per tick."""
    job_of = {}
    ticks = {}
    for line in lines:
        m = TASK_LINE.match(line)
        if m:
            job_of[int(m.group(1))] = int(m.group(2))
            continue
        m = SLICE_LINE.match(line)
        if m:
            for t in range(int(m.group(2)), int(m.group(3))):
                ticks[t] = job_of[int(m.group(1))]
    end = max(ticks) + 1 if ticks else 0
    return [ticks.get(t) for t in range(end)]


def render(ticks):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    return "".join("." if j is None else digits[j] if j < len(digits) else "?" for j in ticks)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("workload")
    src = w.add_mutually_exclusive_group(required=True)
    src.add_argument("--jlist")
    src.add_argument("--from-output")
    w.add_argument("--iotime", type=int, default=5)
    w.add_argument("--name", default="ostep-mlfq")
    w.add_argument("-o", "--output")
    t = sub.add_parser("timeline")
    t.add_argument("output")
    st = sub.add_parser("trace-timeline")
    st.add_argument("trace")
    args = ap.parse_args()

    if args.cmd == "workload":
        if args.jlist:
            jobs = parse_jlist(args.jlist)
        else:
            with open(args.from_output) as f:
                jobs = parse_job_list_output(f)
        out = open(args.output, "w") if args.output else sys.stdout
        write_workload(jobs, args.iotime, args.name, out)
        if args.output:
            out.close()
    elif args.cmd == "trace-timeline":
        with open(args.trace) as f:
            print(render(ticks_of_schedlab_trace(f)))
    else:
        with open(args.output) as f:
            ticks, avg = ticks_of_mlfq_py(f)
        print(render(ticks))
        if avg:
            print("response %.2f turnaround %.2f" % avg)

if __name__ == "__main__":
    main()
