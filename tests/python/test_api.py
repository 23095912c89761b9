"""schedlab's Python API against the schedlab command: same workloads, same numbers."""
import csv
import io
import json

import pandas as pd
import pytest

import schedlab
from conftest import WORKLOADS, bundled_workloads

DEFAULT = WORKLOADS / "default.yaml"


def test_load_and_run_give_the_cli_json_byte_for_byte(cli):
    w = schedlab.load(DEFAULT)
    assert w.name and w.process_count > 0
    r = schedlab.run(w, policy="rr:quantum=4", seed=1)
    assert r.to_json() == cli("run", DEFAULT, "--policy", "rr:quantum=4", "--format", "json", "--seed", 1)


@pytest.mark.parametrize("name", ["course/deadlock.yaml", "course/producer-consumer.yaml",
                                  "textbook/io-bound-mix.yaml"])
def test_run_json_equals_cli_on_course_workloads(cli, name):
    path = WORKLOADS / name
    status = 3 if "deadlock.yaml" == name.split("/")[-1] else 0
    expected = cli("run", path, "--policy", "rr:quantum=1", "--format", "json", "--cpus", 2, status=status)
    assert schedlab.run(path, policy="rr:quantum=1", cpus=2).to_json() == expected


def test_run_tables_match_the_summary():
    r = schedlab.run(WORKLOADS / "textbook/fcfs-convoy.yaml", policy="fcfs")
    assert r.status == "completed" and r.deadlock is None
    assert isinstance(r.processes, pd.DataFrame)
    assert list(r.processes.columns[:3]) == ["pid", "ppid", "name"]
    assert len(r.processes) == r.summary["processes"]
    assert r.processes["turnaround"].mean() == pytest.approx(r.summary["avg_turnaround"])
    # Each process's CPU time is the sum of its slices (no switch cost here).
    per_pid = r.slices.assign(ticks=r.slices["end"] - r.slices["start"]).groupby("pid")["ticks"].sum()
    assert per_pid.to_dict() == dict(zip(r.processes["pid"], r.processes["cpu_time"]))
    # FCFS on one CPU: the slices tile the timeline in arrival order, one per burst.
    assert list(r.transitions.columns) == ["time", "task", "name", "from", "to", "cause"]
    assert r.transitions.iloc[0]["cause"] == "arrival"
    assert r.summary["makespan"] == r.slices["end"].max() - r.processes["arrival"].min()


def test_status_deadlock_and_output():
    r = schedlab.run(WORKLOADS / "course/deadlock.yaml", policy="srtf", cpus=2)
    assert r.status == "deadlock"
    assert r.deadlock["summary"] and len(r.deadlock["cycle"]) == 2
    assert {w["waits_for"].split()[0] for w in r.deadlock["cycle"]} == {"lock"}
    cli_text = schedlab.run(WORKLOADS / "course/producer-consumer.yaml").output
    doc = json.loads(schedlab.run(WORKLOADS / "course/producer-consumer.yaml").to_json())
    assert cli_text == [line["text"] for line in doc.get("output", [])]


def test_from_dict_is_the_file_schema():
    d = {"name": "two", "processes": [{"name": "A", "arrival": 0, "burst": 5},
                                      {"name": "B", "arrival": 1, "burst": 3}]}
    w = schedlab.Workload.from_dict(d)
    assert (w.name, w.process_count, w.source) == ("two", 2, "<dict>")
    r = schedlab.run(w, policy="fcfs")
    got = [(s["name"], s["start"], s["end"]) for s in r.slices.to_dict("records")]
    assert got == [("A", 0, 5), ("B", 5, 8)]
    y = schedlab.Workload.from_yaml("name: two\nprocesses:\n  - {name: A, arrival: 0, burst: 5}\n"
                                    "  - {name: B, arrival: 1, burst: 3}\n")
    assert schedlab.run(y, policy="fcfs").to_json() == r.to_json()


def test_policies_lists_the_builtins_with_parameters(cli):
    ps = schedlab.policies()
    names = [p["name"] for p in ps]
    for name in ["fcfs", "sjf", "srtf", "rr", "mlfq", "lottery", "stride", "cfs"]:
        assert name in names
    rr = next(p for p in ps if p["name"] == "rr")
    assert rr["params"] == [{"name": "quantum", "type": "int", "default": "4",
                             "help": "ticks a task may run before it goes to the tail", "min": 1, "max": None}]
    listed = cli("policies")
    for name in names:
        assert name in listed


def cli_rows(text):
    return [(r["workload"], r["policy"], int(r["seed"]), r["metric"], float(r["value"]))
            for r in csv.DictReader(io.StringIO(text))]


def test_compare_equals_the_cli_csv(cli):
    files = [WORKLOADS / "default.yaml", WORKLOADS / "textbook/io-bound-mix.yaml"]
    policies = ["fcfs", "rr:quantum=2", "srtf", "lottery", "mlfq"]
    df = schedlab.compare(files, policies, seeds=range(1, 5), jobs=2)
    assert list(df.columns) == ["workload", "policy", "seed", "metric", "value", "status", "cpus"]
    args = ["compare", *files, *sum((["--policy", p] for p in policies), []), "--seeds", "1..4", "-f", "csv", "-j", 2]
    expected = cli_rows(cli(*args))
    got = [(r["workload"], r["policy"], r["seed"], r["metric"], float(r["value"])) for r in df.to_dict("records")]
    assert got == expected
    assert len(got) == 2 * 5 * 4 * len(set(df["metric"]))


def test_compare_generated_workloads_and_jobs_do_not_change_numbers(cli):
    spec = "gen:n=30,io-share=0.3"
    one = schedlab.compare(spec, ["rr", "srtf"], seeds=[1, 2, 3], jobs=1)
    many = schedlab.compare([spec], ["rr", "srtf"], seeds=[1, 2, 3], jobs=4)
    assert one.equals(many)
    expected = cli_rows(cli("compare", spec, "--policy", "rr", "--policy", "srtf", "--seeds", "1..3", "-f", "csv"))
    assert [(r["workload"], r["policy"], r["seed"], r["metric"], float(r["value"]))
            for r in one.to_dict("records")] == expected


def test_every_bundled_workload_runs_like_the_cli(cli):
    for name in bundled_workloads():
        r = schedlab.run(WORKLOADS / name, policy="rr:quantum=3", until=100_000)
        status = {"completed": 0, "deadlock": 3, "limit_reached": 0}[r.status]
        assert r.to_json() == cli("run", WORKLOADS / name, "--policy", "rr:quantum=3", "--until", 100000,
                                  "--format", "json", status=status), name


def test_help_is_useful():
    doc = schedlab.run.__doc__
    assert "policy" in doc and "Run" in doc and "SpecError" in doc
    assert "compare -f csv" in schedlab.compare.__doc__


def test_jobs_equal_the_cli_jobs_csv(cli):
    path = WORKLOADS / "realtime/overload-domino.yaml"
    r = schedlab.run(path, policy="edf")
    rows = list(csv.DictReader(io.StringIO(cli("run", path, "--policy", "edf", "--format", "csv", "--jobs"))))
    assert len(r.jobs) == len(rows) > 0
    assert list(r.jobs.columns) == list(rows[0].keys())
    as_text = {True: "true", False: "false", None: ""}
    for got, want in zip(r.jobs.to_dict("records"), rows):
        for key, value in want.items():
            g = got[key]
            g = as_text[g] if isinstance(g, bool) or g is None else ("" if pd.isna(g) else str(int(g))
                                                                     if isinstance(g, float) else str(g))
            assert g == value, (key, got, want)
    doc = json.loads(r.to_json())["realtime"]
    assert r.realtime["misses"] == doc["misses"] > 0 and r.realtime["jobs"] == len(r.jobs)
    assert list(r.realtime["tasks"]["task"]) == [t["name"] for t in doc["tasks"]]


def test_a_workload_without_periodic_tasks_has_no_jobs():
    r = schedlab.run(DEFAULT, policy="fcfs")
    assert r.realtime is None and len(r.jobs) == 0 and list(r.jobs.columns)[:2] == ["task", "job"]
