"""The Python policies docs/python.md shows (examples/python/*.py): short, shown verbatim,
clean under the contract battery, and scheduling as described."""
import importlib.util

import pytest

import schedlab
from conftest import ROOT

EXAMPLES = ROOT / "examples" / "python"


def example(name):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["mlfq", "lottery"])
def test_each_example_is_under_40_lines_and_shown_verbatim_in_the_docs(name):
    text = (EXAMPLES / f"{name}.py").read_text()
    assert len(text.splitlines()) < 40
    assert f"```python\n{text}```" in (ROOT / "docs" / "python.md").read_text()


@pytest.mark.parametrize("name,cls", [("mlfq", "PyMlfq"), ("lottery", "PyLottery")])
def test_each_example_passes_the_contract_battery(name, cls):
    result = schedlab.check_policy(getattr(example(name), cls), cpus=[1, 2])
    assert result.clean, result.text


def slices(run):
    return [(s["name"], s["start"], s["end"]) for s in run.slices.to_dict("records")]


def test_mlfq_demotes_on_a_full_quantum_and_boosts():
    PyMlfq = example("mlfq").PyMlfq
    # P1 (24 ticks) and P2, P3 (3 each) at t=0: quanta 2 at level 0, 4 at 1, 8 at 2.
    r = schedlab.run(ROOT / "workloads/textbook/fcfs-convoy.yaml", policy=PyMlfq)
    assert slices(r) == [("P1", 0, 2), ("P2", 2, 4), ("P3", 4, 6), ("P1", 6, 10), ("P2", 10, 11),
                         ("P3", 11, 12), ("P1", 12, 20), ("P1", 20, 28), ("P1", 28, 30)]
    # Alone for 130 ticks: down to level 2 by t=6; the boost at t=100 lifts it, so the
    # slice after the one running then is a level-1 quantum (4) again.
    alone = schedlab.run(schedlab.Workload.from_dict({"processes": [{"name": "long", "burst": 130}]}), policy=PyMlfq)
    ends = [end for _, _, end in slices(alone)]
    assert ends == [2, 6] + list(range(14, 103, 8)) + [106, 114, 122, 130]


def test_lottery_shares_follow_tickets_and_the_seed():
    PyLottery = example("lottery").PyLottery
    w = schedlab.Workload.from_dict({"processes": [{"name": "A", "burst": 1000, "tickets": 300},
                                                   {"name": "B", "burst": 1000, "tickets": 100}]})

    def share(seed):
        r = schedlab.run(w, policy=PyLottery, seed=seed, until=400)
        assert r.status == "limit_reached"
        s = r.slices.assign(ticks=r.slices["end"] - r.slices["start"])
        return s.groupby("name")["ticks"].sum().to_dict(), slices(r)

    (one, schedule), (again, same) = share(1), share(1)
    assert (one, schedule) == (again, same)
    assert share(3)[1] != schedule
    # 300:100 tickets: A's share is 3/4; over 5 seeds x 100 draws, 0.75 +- 0.05 is > 2.5 sigma.
    total = {"A": 0, "B": 0}
    for seed in range(1, 6):
        ticks, _ = share(seed)
        assert sum(ticks.values()) == 400
        total = {k: total[k] + ticks[k] for k in total}
    assert 0.70 <= total["A"] / 2000 <= 0.80, total


def test_every_python_block_of_the_docs_runs(monkeypatch):
    text = (ROOT / "docs" / "python.md").read_text()
    blocks = [b.split("```", 1)[0] for b in text.split("```python\n")[1:]]
    assert len(blocks) == 4
    monkeypatch.chdir(ROOT)
    scope = {}
    for block in blocks:
        exec(compile(block, "docs/python.md", "exec"), scope)
    assert scope["r"].status == "completed" and "PyMlfq" in scope and "PyLottery" in scope
