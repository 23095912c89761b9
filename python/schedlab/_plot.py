"""Pictures with matplotlib, in the GUI's colours (gui/model/span_kind.cpp): CPU lanes
coloured by task identity (task_color), task lanes coloured by state (Okabe & Ito)."""
from typing import Dict, Tuple

# Okabe & Ito's colour-blind-safe palette, as the GUI's state spans use it.
STATE_COLOURS: Dict[str, str] = {
    "running": "#009E73",         # bluish green
    "ready": "#E69F00",           # orange
    "blocked: I/O": "#0072B2",    # blue
    "blocked: sleep": "#56B4E9",  # sky blue
    "blocked: lock/queue": "#D55E00",  # vermillion
}
STATE_HEIGHTS = {"running": 1.0}  # the rest 0.55 of a lane, as in the GUI


def task_colour(task: int) -> Tuple[float, float, float]:
    """The GUI's colour for a task on a CPU lane: golden-ratio hue steps, s=0.55, v=0.78
    (gui/model/span_kind.cpp's task_color), as matplotlib RGB in 0..1."""
    hue = task * 0.618033988749895
    h = (hue - int(hue)) * 6.0
    s, v = 0.55, 0.78
    i = int(h)
    f = h - i
    p, q, t = v * (1 - s), v * (1 - s * f), v * (1 - s * (1 - f))
    r, g, b = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)][i % 6]
    return tuple(int(c * 255) / 255 for c in (r, g, b))


def _rows(frame):
    return frame.to_dict("records") if hasattr(frame, "to_dict") else list(frame)


def _state_kind(to: str, cause: str):
    if to == "running":
        return "running"
    if to == "ready":
        return "ready"
    if to == "blocked":
        return {"io": "blocked: I/O", "sleep": "blocked: sleep"}.get(cause, "blocked: lock/queue")
    return None


def _figure(ax, lanes: int):
    import matplotlib.pyplot as plt
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=(10, 1.0 + 0.45 * max(lanes, 1)))
    return fig, ax


def _cpu_lanes(run, ax):
    slices = _rows(run.slices)
    cpus = run.summary["cpus"]
    names = {}
    for s in slices:
        names[s["task"]] = s["name"]
        ax.broken_barh([(s["start"], s["end"] - s["start"])], (s["cpu"] - 0.4, 0.8),
                       facecolors=[task_colour(s["task"])], edgecolor="white", linewidth=0.5)
        label = s["name"].rsplit("/", 1)[-1]  # a thread by its own name
        # Only where it fits: about 1/90 of the axis per character at the default size.
        if s["end"] - s["start"] >= max(1, run.summary["end_time"] * (len(label) + 1) / 90):
            ax.text((s["start"] + s["end"]) / 2, s["cpu"], label, ha="center", va="center", color="white",
                    fontsize=8, clip_on=True)
    ax.set_yticks(range(cpus), [f"CPU {c}" for c in range(cpus)])
    ax.set_ylim(cpus - 0.5, -0.5)


def _task_lanes(run, ax):
    transitions = _rows(run.transitions)
    end = run.summary["end_time"]
    order, open_spans = [], {}
    for t in transitions:
        if t["task"] not in open_spans:
            order.append((t["task"], t["name"]))
        previous = open_spans.get(t["task"])
        if previous is not None and previous[1] is not None and t["time"] > previous[0]:
            _span(ax, order, t["task"], previous[0], t["time"], previous[1])
        open_spans[t["task"]] = (t["time"], _state_kind(t["to"], t["cause"]))
    for task, (start, kind) in open_spans.items():
        if kind is not None and end > start:
            _span(ax, order, task, start, end, kind)
    ax.set_yticks(range(len(order)), [name for _, name in order])
    ax.set_ylim(len(order) - 0.5, -0.5)
    from matplotlib.patches import Patch
    ax.legend(handles=[Patch(color=c, label=k) for k, c in STATE_COLOURS.items()], loc="upper left",
              bbox_to_anchor=(1.0, 1.0), fontsize=8)


def _span(ax, order, task, start, end, kind):
    lane = [t for t, _ in order].index(task)
    height = STATE_HEIGHTS.get(kind, 0.55) * 0.8
    ax.broken_barh([(start, end - start)], (lane - height / 2, height), facecolors=[STATE_COLOURS[kind]])


def plot_gantt(run, ax=None, by: str = "cpu", title=None):
    if by not in ("cpu", "task"):
        raise ValueError(f"plot_gantt: by must be 'cpu' or 'task', got {by!r}")
    lanes = run.summary["cpus"] if by == "cpu" else len({t["task"] for t in _rows(run.transitions)})
    fig, ax = _figure(ax, lanes)
    (_cpu_lanes if by == "cpu" else _task_lanes)(run, ax)
    ax.set_xlim(0, max(run.summary["end_time"], 1))
    ax.set_xlabel("ticks")
    ax.set_title(title or f"{run.summary['policy']} on {run.summary['workload']}")
    fig.tight_layout()
    return fig


def plot_compare(df, metric: str, ax=None, kind: str = "box"):
    rows = [r for r in _rows(df) if r["metric"] == metric]
    if not rows:
        metrics = sorted({r["metric"] for r in _rows(df)})
        raise ValueError(f"plot_compare: no metric {metric!r} in the table (it has: {', '.join(metrics)})")
    if kind not in ("box", "bar"):
        raise ValueError(f"plot_compare: kind must be 'box' or 'bar', got {kind!r}")
    policies = list(dict.fromkeys(r["policy"] for r in rows))
    values = [[r["value"] for r in rows if r["policy"] == p] for p in policies]
    fig, ax = _figure(ax, 8)
    colours = [task_colour(i) for i in range(len(policies))]
    if kind == "box":
        parts = ax.boxplot(values, patch_artist=True)
        for patch, colour in zip(parts["boxes"], colours):
            patch.set_facecolor(colour)
        ax.set_xticks(range(1, len(policies) + 1), policies, rotation=30, ha="right")
    else:
        ax.bar(range(len(policies)), [sum(v) / len(v) for v in values], color=colours)
        ax.set_xticks(range(len(policies)), policies, rotation=30, ha="right")
    ax.set_ylabel(metric)
    ax.set_title(f"{metric} by policy ({len(values[0])} runs each)" if kind == "box" else f"mean {metric} by policy")
    fig.tight_layout()
    return fig
