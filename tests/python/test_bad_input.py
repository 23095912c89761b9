"""Bad input from Python: each a Python exception with a clear message, never a crash."""
import subprocess
import sys

import pytest

import schedlab
from conftest import WORKLOADS

DEFAULT = WORKLOADS / "default.yaml"


def test_a_file_error_carries_file_line_and_column(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("processes:\n  - {name: A, burst: 3, bogus: 1}\n")
    with pytest.raises(schedlab.WorkloadError) as info:
        schedlab.load(path)
    e = info.value
    assert (e.file, e.line, e.column) == (str(path), 2, 25)
    assert "bogus" in e.message
    assert str(e) == f"{path}:2:25: {e.message}"
    assert isinstance(e, ValueError)


def test_a_missing_file():
    with pytest.raises(schedlab.WorkloadError, match="no-such.yaml"):
        schedlab.load("no-such.yaml")


@pytest.mark.parametrize("data,fragment", [
    ({"processes": [{"name": "A", "burst": "x"}]}, "'x'"),
    ({"processes": [{"name": "A", "burst": 2.5}]}, "2.5"),
    ({"processes": [{"name": "A", "burst": True}]}, "true"),
    ({"processes": [{"name": "A", "burst": 3, "bogus": 1}]}, "bogus"),
    ({"processes": "A"}, "processes"),
    ({"cpus": -1, "processes": [{"name": "A", "burst": 3}]}, "cpus"),
    ({"bogus": 1, "processes": [{"name": "A", "burst": 3}]}, "bogus"),
])
def test_bad_dicts_raise_the_loaders_messages(data, fragment):
    with pytest.raises(schedlab.WorkloadError) as info:
        schedlab.Workload.from_dict(data)
    assert fragment in info.value.message
    assert info.value.line is None and info.value.column is None


@pytest.mark.parametrize("data,message", [
    ({"processes": [{"name": "A", "burst": {1, 2}}]}, "workload dict: Object of type set is not JSON serializable"),
    ({"processes": [{"name": "A", "burst": float("nan")}]}, "workload dict: Out of range float values are not JSON compliant: nan"),  # + ": nan" in 3.11
    ("processes: []", "a workload is a dict, got str"),
])
def test_values_a_workload_cannot_hold(data, message):
    with pytest.raises(schedlab.WorkloadError) as info:
        schedlab.Workload.from_dict(data)
    assert info.value.message.startswith(message)


@pytest.mark.parametrize("spec,fragment", [("nope", "nope"), ("rr:quantum=0", "quantum"), ("rr:q=1", "'q'"),
                                           ("rr:quantum=x", "quantum")])
def test_bad_policy_specs(spec, fragment):
    with pytest.raises(schedlab.SpecError) as info:
        schedlab.run(DEFAULT, policy=spec)
    assert fragment in str(info.value)
    with pytest.raises(schedlab.SpecError):
        schedlab.compare(DEFAULT, ["fcfs", spec])


@pytest.mark.parametrize("kwargs,message", [
    ({"cpus": -1}, "cpus must be >= 0, got -1"),
    ({"cpus": 5000}, "cpus=5000 is too many (at most 4096)"),
    ({"seed": "1"}, "seed must be an int, got '1'"),
    ({"until": -5}, "until must be >= 0, got -5"),
    ({"max_events": 0}, "max_events must be >= 1, got 0"),
])
def test_bad_run_options(kwargs, message):
    with pytest.raises(schedlab.SpecError) as info:
        schedlab.run(DEFAULT, **kwargs)
    assert str(info.value) == message


def test_bad_compare_arguments():
    with pytest.raises(schedlab.SpecError, match="no seed given"):
        schedlab.compare(DEFAULT, ["fcfs"], seeds=[])
    with pytest.raises(schedlab.SpecError, match="no policy given"):
        schedlab.compare(DEFAULT, [])
    with pytest.raises(schedlab.SpecError, match="gen:"):
        schedlab.compare("gen:bogus=1", ["fcfs"])
    with pytest.raises(schedlab.SpecError, match="a workload is a schedlab.Workload or a file path, got int"):
        schedlab.compare([3], ["fcfs"])


def test_a_policy_class_missing_a_method():
    class NoPick(schedlab.Policy):
        def enqueue(self, task, reason):
            pass

        def dequeue(self, task):
            pass

        def has_ready(self):
            return False

    with pytest.raises(schedlab.PolicyError) as info:
        schedlab.run(DEFAULT, policy=NoPick)
    assert str(info.value) == ("policy class NoPick does not define pick_next() (a policy needs enqueue(), "
                               "dequeue(), has_ready(), pick_next())")
    with pytest.raises(schedlab.PolicyError, match="does not define enqueue"):
        schedlab.check_policy(type("Empty", (), {}))
    with pytest.raises(schedlab.PolicyError, match="got 42 \\(int\\)"):
        schedlab.run(DEFAULT, policy=42)


def test_none_of_it_crashes_the_interpreter():
    # Run the worst cases in a child interpreter: it must exit by itself with status 0.
    code = f"""
import schedlab
class Boom(schedlab.Policy):
    def enqueue(self, t, r): raise MemoryError("enqueue")
    def dequeue(self, t): pass
    def has_ready(self): return True
    def pick_next(self, cpu): return 0
for policy in [Boom, "nope", lambda ctx: 3]:
    try:
        schedlab.compare({str(DEFAULT)!r}, [policy, "fcfs"], seeds=range(1, 17), jobs=4)
    except Exception as e:
        print(type(e).__name__)
"""
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["MemoryError", "SpecError", "AttributeError"]
