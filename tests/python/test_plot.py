"""Pictures: plot_gantt and plot_compare draw what the run holds, in the GUI's colours."""
import matplotlib
import matplotlib.colors as mcolors
import pytest

import schedlab
from schedlab._plot import STATE_COLOURS, task_colour
from conftest import WORKLOADS

matplotlib.use("Agg")


def test_task_colours_are_the_guis():
    # gui/model/span_kind.cpp's task_color, worked by hand: task 0 is hue 0 (v, p, p),
    # task 1 hue 0.618 (sector 3: p, q, v); each channel truncated to 0..255.
    assert task_colour(0) == (198 / 255, 89 / 255, 89 / 255)
    assert task_colour(1) == (89 / 255, 121 / 255, 198 / 255)
    assert STATE_COLOURS["running"] == "#009E73" and STATE_COLOURS["ready"] == "#E69F00"


def bars(ax):
    """(x, width, y, facecolour) of every bar, in drawing order."""
    out = []
    for collection in ax.collections:
        colour = tuple(collection.get_facecolor()[0][:3])
        for path in collection.get_paths():
            (x0, y0), (x1, _) = path.vertices.min(axis=0), path.vertices.max(axis=0)
            out.append((round(x0), round(x1 - x0), round(y0, 2), colour))
    return out


def test_gantt_by_cpu_draws_every_slice_in_its_tasks_colour():
    r = schedlab.run(WORKLOADS / "textbook/fcfs-convoy.yaml", policy="rr:quantum=4", cpus=2)
    fig = r.plot_gantt()
    assert isinstance(fig, matplotlib.figure.Figure)
    ax = fig.axes[0]
    expected = [(s["start"], s["end"] - s["start"], round(s["cpu"] - 0.4, 2), task_colour(s["task"]))
                for s in r.slices.to_dict("records")]
    got = [(x, w, y, tuple(round(c, 6) for c in colour)) for x, w, y, colour in bars(ax)]
    assert got == [(x, w, y, tuple(round(c, 6) for c in colour)) for x, w, y, colour in expected]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["CPU 0", "CPU 1"]
    assert ax.get_title() == "rr:quantum=4 on " + r.summary["workload"]
    assert ax.get_xlim() == (0, r.summary["end_time"])


def test_gantt_by_task_colours_states_like_the_gui():
    r = schedlab.run(WORKLOADS / "textbook/io-bound-mix.yaml", policy="fcfs")
    fig = r.plot_gantt(by="task")
    ax = fig.axes[0]
    colours = {mcolors.to_hex(c) for *_, c in bars(ax)}
    assert colours <= {c.lower() for c in STATE_COLOURS.values()}
    assert STATE_COLOURS["running"].lower() in colours and STATE_COLOURS["blocked: I/O"].lower() in colours
    # The running spans are the slices, lane by lane.
    running = sorted((x, w) for x, w, _, c in bars(ax) if mcolors.to_hex(c) == STATE_COLOURS["running"].lower())
    assert running == sorted((s["start"], s["end"] - s["start"]) for s in r.slices.to_dict("records"))
    lanes = [t.get_text() for t in ax.get_yticklabels()]
    assert lanes == list(dict.fromkeys(r.transitions["name"]))
    with pytest.raises(ValueError, match="by must be 'cpu' or 'task', got 'x'"):
        r.plot_gantt(by="x")


def test_plot_compare_one_box_per_policy():
    df = schedlab.compare(WORKLOADS / "default.yaml", ["fcfs", "rr:quantum=2", "lottery"], seeds=range(1, 6))
    fig = schedlab.plot_compare(df, "avg_turnaround")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["fcfs", "rr:quantum=2", "lottery"]
    assert ax.get_title() == "avg_turnaround by policy (5 runs each)"
    medians = [line.get_ydata()[0] for line in ax.lines[4::6]]  # each box: 2 whiskers, 2 caps, median, fliers
    want = df[df.metric == "avg_turnaround"].groupby("policy", sort=False)["value"].median().tolist()
    assert medians == pytest.approx(want)
    bar = schedlab.plot_compare(df, "context_switches", kind="bar").axes[0]
    heights = [p.get_height() for p in bar.patches]
    assert heights == pytest.approx(df[df.metric == "context_switches"].groupby("policy", sort=False)["value"]
                                    .mean().tolist())
    with pytest.raises(ValueError, match="no metric 'nope' in the table"):
        schedlab.plot_compare(df, "nope")
