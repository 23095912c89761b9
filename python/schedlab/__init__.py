"""schedlab from Python: the same C++ kernel as the `schedlab` command (docs/python.md).

    import schedlab
    w = schedlab.load("workloads/default.yaml")
    r = schedlab.run(w, policy="rr:quantum=4")
    r.processes          # a DataFrame: pid, name, arrival, turnaround, response, waiting, ...
    df = schedlab.compare([w], ["fcfs", "rr:quantum=4", MyPolicy], seeds=range(1, 11))

Policies are spec strings (as on the command line; schedlab.policies() lists them) or
Python classes derived from schedlab.Policy.
"""
import json as _json
import os as _os
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from ._errors import PolicyError, SchedlabError, SpecError, WorkloadError
from ._policy import Policy, check_class as _check_class, policy_name as _policy_name
from ._run import Run, table as _table
from . import _schedlab
from ._schedlab import Context, TaskInfo, Workload

__all__ = ["load", "Workload", "run", "Run", "compare", "policies", "check_policy", "Policy", "Context",
           "TaskInfo", "plot_compare", "SchedlabError", "WorkloadError", "SpecError", "PolicyError"]

PolicyLike = Union[str, type, Any]
WorkloadLike = Union[Workload, str, "os.PathLike[str]"]


def load(path: Union[str, "_os.PathLike[str]"]) -> Workload:
    """Load a workload file (YAML, docs/workload-format.md).

    Raises WorkloadError with ``message``, ``file``, ``line`` and ``column``."""
    return _schedlab.load_file(_os.fspath(path))


def _from_dict(cls, data: Dict[str, Any]) -> Workload:
    """A workload from a dict with the schema of the files (docs/workload-format.md).

    The same validation as a file: unknown keys, wrong types and bad values raise
    WorkloadError (``line`` and ``column`` are None: a dict has no positions)."""
    if not isinstance(data, dict):
        raise WorkloadError(f"a workload is a dict, got {type(data).__name__}")
    try:
        text = _json.dumps(data, indent=1, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise WorkloadError(f"workload dict: {e}") from None
    try:
        return _schedlab.load_text(text, "<dict>")
    except WorkloadError as e:
        raise WorkloadError(e.message) from None


def _from_yaml(cls, text: str, source: str = "<string>") -> Workload:
    """A workload from YAML text; errors name ``source`` with line and column."""
    return _schedlab.load_text(text, source)


Workload.from_dict = classmethod(_from_dict)
Workload.from_yaml = classmethod(_from_yaml)


def _policy_arg(policy: PolicyLike):
    if isinstance(policy, str):
        return policy
    _check_class(policy)
    return _schedlab._PythonPolicy(policy, _policy_name(policy))


def _workload_arg(workload: WorkloadLike) -> Workload:
    if isinstance(workload, Workload):
        return workload
    if isinstance(workload, (str, _os.PathLike)):
        return load(workload)
    raise SpecError(f"a workload is a schedlab.Workload or a file path, got {type(workload).__name__}")


def _count(name: str, value, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SpecError(f"{name} must be an int, got {value!r}")
    if value < low:
        raise SpecError(f"{name} must be >= {low}, got {value}")
    return value


def run(workload: WorkloadLike, policy: PolicyLike = "rr:quantum=4", cpus: Optional[int] = None, seed: int = 1,
        until: Optional[int] = None, max_events: int = 2_000_000_000, check: bool = False) -> Run:
    """Run one policy on one workload; returns a Run.

    workload: a Workload or a file path. policy: a spec ("rr:quantum=4", see policies())
    or a Policy subclass. cpus: None takes the workload's ``cpus:``. seed: for randomised
    policies. until: stop the clock there (status "limit_reached"). check: attach the
    kernel's invariant checker.

    Raises SpecError (bad spec), WorkloadError, PolicyError (the policy broke the
    contract), or the exception a Python policy's callback raised."""
    w = _workload_arg(workload)
    data = _schedlab.run(w, _policy_arg(policy), _count("cpus", cpus or 0), _count("seed", seed),
                         _count("until", until) if until is not None else 2**63 - 1,
                         _count("max_events", max_events, 1), bool(check))
    return Run(data)


def compare(workloads: Union[WorkloadLike, Sequence[WorkloadLike]], policies: Sequence[PolicyLike],
            seeds: Iterable[int] = (1,), jobs: int = 0, cpus: Optional[int] = None,
            until: Optional[int] = None, max_events: int = 2_000_000_000):
    """Every policy on every workload with every seed, in parallel in C++ (GIL released).

    workloads: Workloads, file paths or generator specs ("gen:n=100,io-share=0.3", a new
    workload per seed). Returns a tidy DataFrame (a list of dicts without pandas) with
    columns workload, policy, seed, metric, value, status, cpus: the rows and numbers of
    ``schedlab compare -f csv`` (plus status and cpus). jobs: threads (0: one per core)."""
    if isinstance(workloads, (str, Workload, _os.PathLike)):
        workloads = [workloads]
    if isinstance(policies, (str, type)):
        policies = [policies]
    items = []
    for w in workloads:
        if isinstance(w, str) and w.startswith("gen:"):
            items.append(w)
        else:
            items.append(_workload_arg(w))
    seed_list = [_count("seed", s) for s in seeds]
    columns = _schedlab.compare(items, [_policy_arg(p) for p in policies], seed_list, _count("jobs", jobs),
                                _count("cpus", cpus or 0), _count("until", until) if until is not None else 2**63 - 1,
                                _count("max_events", max_events, 1))
    names = ["workload", "policy", "seed", "metric", "value", "status", "cpus"]
    rows = [dict(zip(names, row)) for row in zip(*(columns[n] for n in names))]
    return _table(rows, names)


def policies() -> List[Dict[str, Any]]:
    """The built-in policies: name, summary and params (name, type, default, help, min, max)."""
    return _schedlab.policies()


class CheckResult:
    """What check_policy found: ``clean``, ``findings`` (kind, where, time, text), ``text``."""

    def __init__(self, data):
        self.clean: bool = data["clean"]
        self.runs: int = data["runs"]
        self.findings: List[Dict[str, Any]] = data["findings"]
        self.text: str = data["text"]

    def __bool__(self) -> bool:
        return self.clean

    def __repr__(self) -> str:
        return f"<schedlab.CheckResult clean={self.clean} runs={self.runs} findings={len(self.findings)}>"


def check_policy(policy: PolicyLike, cpus: Sequence[int] = (1, 2, 4), starvation: int = 1000, seed: int = 1,
                 max_events: int = 100_000) -> CheckResult:
    """Run a policy over the contract battery of ``schedlab check-policy`` (bundled
    workloads, scenarios reaching every callback, generated workloads) with every check
    on; returns a CheckResult (``.text`` is the report check-policy prints)."""
    return CheckResult(_schedlab.check_policy(_policy_arg(policy), [_count("cpus", c, 1) for c in cpus],
                                              _count("starvation", starvation), _count("seed", seed),
                                              _count("max_events", max_events, 1)))


def plot_compare(df, metric: str = "avg_turnaround", ax=None, kind: str = "box"):
    """A chart of one metric of a compare() table per policy (box plot over seeds, or
    "bar" of the means); returns the figure."""
    from ._plot import plot_compare as _plot_compare
    return _plot_compare(df, metric, ax=ax, kind=kind)
