"""A finished run: its summary and its tables (DataFrames when pandas is there)."""
import json
from typing import Any, Dict, List, Optional

try:
    import pandas as _pd
except ImportError:  # pragma: no cover - exercised by the no-pandas test
    _pd = None


def table(rows: List[Dict[str, Any]], columns: List[str]):
    """`rows` as a DataFrame with `columns` (even when empty), or the list itself without pandas."""
    if _pd is None:
        return rows
    return _pd.DataFrame(rows, columns=columns)


PROCESS_COLUMNS = ["pid", "ppid", "name", "arrival", "first_run", "completion", "turnaround", "response",
                   "waiting", "cpu_time", "switch_time", "io_time", "blocked_time", "exit_code", "exit_reason",
                   "priority", "tickets", "nice", "state", "daemon", "threads"]
THREAD_COLUMNS = ["pid", "process", "tid", "name", "arrival", "first_run", "completion", "waiting", "cpu_time",
                  "io_time", "blocked_time", "exit_code", "exit_reason", "state", "daemon"]
SLICE_COLUMNS = ["task", "pid", "name", "cpu", "start", "end", "reason", "switch_ticks"]
TRANSITION_COLUMNS = ["time", "task", "name", "from", "to", "cause"]
JOB_COLUMNS = ["task", "job", "pid", "release", "deadline", "start", "completion", "response", "lateness",
               "missed", "aborted"]
REALTIME_TASK_COLUMNS = ["task", "period", "deadline", "jobs", "completed", "misses", "aborted",
                         "worst_response", "mean_response", "worst_lateness", "preemptions", "migrations"]


class Run:
    """The result of schedlab.run().

    - ``summary``: dict of the run's totals (status, makespan, cpu_utilization, averages...)
    - ``processes``, ``threads``, ``slices``, ``transitions``: DataFrames (lists of dicts
      without pandas); a slice is one stretch of a task on a CPU, a transition one state change
    - ``jobs``: one row per job of a periodic task (release, absolute deadline, start,
      completion, response, lateness, missed, aborted; the columns of ``--format csv --jobs``),
      empty for a workload without periodic tasks
    - ``realtime``: None, or the real-time totals (jobs, misses, aborted, miss_ratio) with
      ``realtime["tasks"]`` a DataFrame of the per-task figures
    - ``status``: "completed", "deadlock" or "limit_reached"; ``deadlock``: None or a dict
      (summary, cycle, blocked); ``output``: the lines the workload's programs printed
    - ``to_json()``: the document ``schedlab run --format json`` prints
    - ``plot_gantt()``: a matplotlib Gantt chart of the slices
    """

    def __init__(self, data: Dict[str, Any]):
        self._data = data
        self.summary: Dict[str, Any] = data["summary"]
        self.processes = table(data["processes"], PROCESS_COLUMNS)
        self.threads = table(data["threads"], THREAD_COLUMNS)
        self.slices = table(data["slices"], SLICE_COLUMNS)
        self.transitions = table(data["transitions"], TRANSITION_COLUMNS)
        self.jobs = table(data["jobs"], JOB_COLUMNS)
        self.realtime: Optional[Dict[str, Any]] = data["realtime"]
        if self.realtime is not None:
            self.realtime = dict(self.realtime, tasks=table(self.realtime["tasks"], REALTIME_TASK_COLUMNS))

    @property
    def status(self) -> str:
        return self.summary["status"]

    @property
    def deadlock(self) -> Optional[Dict[str, Any]]:
        return self._data["deadlock"]

    @property
    def output(self) -> List[str]:
        """The text of each `print` step, in time order (output_records has time and task)."""
        return [line["text"] for line in self._data["output"]]

    @property
    def output_records(self) -> List[Dict[str, Any]]:
        return list(self._data["output"])

    @property
    def policy(self) -> str:
        return self.summary["policy"]

    def to_json(self) -> str:
        """The run as JSON, byte for byte what `schedlab run --format json` prints."""
        return self._data["json"]

    def to_dict(self) -> Dict[str, Any]:
        return json.loads(self._data["json"])

    def plot_gantt(self, ax=None, by: str = "cpu", title: Optional[str] = None):
        """A Gantt chart of the slices (lanes per "cpu" or per "task"); returns the figure."""
        from ._plot import plot_gantt
        return plot_gantt(self, ax=ax, by=by, title=title)

    def __repr__(self) -> str:
        s = self.summary
        return (f"<schedlab.Run {s['policy']} on {s['workload']!r}: {s['status']}, makespan {s['makespan']}, "
                f"{s['processes']} processes>")
