#!/usr/bin/env python3
"""Write tests/golden/behaviour.tsv: for every bundled workload x every policy (one and
two CPUs), the exit code of `schedlab run --format json` and the FNV-1a 64 hashes of its
stdout, its --trace-text file and its --trace (Chrome JSON) file.

tests/behaviour_golden_test.cpp runs the same grid in-process and compares. Regenerate
only when a change is meant to alter behaviour, and say so in the commit:

    tests/golden/make_behaviour_hashes.py build/release/cli/schedlab > tests/golden/behaviour.tsv
"""
import pathlib
import subprocess
import sys
import tempfile

POLICIES = ["fcfs", "sjf", "srtf", "rr", "rr:quantum=1", "priority", "priority:preemptive=1", "mlfq",
            "lottery", "stride", "cfs", "steal", "random", "pct"]
CPUS = ["1", "2"]


def fnv1a64(data: bytes) -> str:
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def main() -> int:
    schedlab = sys.argv[1]
    root = pathlib.Path(__file__).resolve().parents[2]
    workloads = sorted(p.relative_to(root / "workloads").as_posix() for p in (root / "workloads").rglob("*.yaml"))
    print("# workload\tpolicy\tcpus\texit\tjson\ttrace_text\tchrome_trace")
    with tempfile.TemporaryDirectory() as tmp:
        text, chrome = pathlib.Path(tmp, "t.txt"), pathlib.Path(tmp, "t.json")
        for w in workloads:
            for p in POLICIES:
                for c in CPUS:
                    r = subprocess.run([schedlab, "run", str(root / "workloads" / w), "--policy", p, "--cpus", c,
                                        "--format", "json", "--trace-text", str(text), "--trace", str(chrome)],
                                       capture_output=True)
                    print("\t".join([w, p, c, str(r.returncode), fnv1a64(r.stdout), fnv1a64(text.read_bytes()),
                                     fnv1a64(chrome.read_bytes())]))
                    text.unlink(missing_ok=True)
                    chrome.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
