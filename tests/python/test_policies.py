"""Policies written in Python: the built-ins' schedules, exactly; the kernel's checks;
exceptions raised in callbacks; the contract battery."""
import json

import pytest

import schedlab
from conftest import WORKLOADS, bundled_workloads


class PyFcfs(schedlab.Policy):
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
        for i, t in enumerate(self.queue):
            if self.ctx.allowed_on(t, cpu):
                return self.queue.pop(i)
        return None


class PyRR(PyFcfs):
    quantum = 4

    def pick_next(self, cpu):
        task = super().pick_next(cpu)
        return None if task is None else (task, self.quantum)


class PySrtf(schedlab.Policy):
    def __init__(self, ctx):
        super().__init__(ctx)
        self.ready = {}  # task -> key when it was queued

    def key(self, task):
        info = self.ctx.task(task)
        left = info.burst_remaining
        return (float("inf") if left is None else left, info.arrival, task)

    def enqueue(self, task, reason):
        self.ready[task] = self.key(task)

    def dequeue(self, task):
        del self.ready[task]

    def has_ready(self):
        return bool(self.ready)

    def pick_next(self, cpu):
        allowed = [k for t, k in self.ready.items() if self.ctx.allowed_on(t, cpu)]
        if not allowed:
            return None
        task = min(allowed)[2]
        del self.ready[task]
        return task

    def balance(self):
        best = min(self.ready.values())
        victim, worst = None, None
        for cpu in range(self.ctx.cpu_count()):
            running = self.ctx.running_on(cpu)
            if running is None or not self.ctx.allowed_on(best[2], cpu):
                continue
            if worst is None or worst < self.key(running):
                victim, worst = cpu, self.key(running)
        if worst is not None and best[0] < worst[0]:
            self.ctx.preempt(victim)


def schedule(run):
    """Everything but the policy's name: slices, transitions and the whole JSON report."""
    doc = json.loads(run.to_json())
    doc.pop("policy")
    return run.slices.to_dict("records"), run.transitions.to_dict("records"), doc


@pytest.mark.parametrize("python_policy,spec", [(PyFcfs, "fcfs"), (PyRR, "rr:quantum=4"), (PySrtf, "srtf")])
@pytest.mark.parametrize("cpus", [1, 2])
def test_python_policies_equal_the_builtins_on_every_bundled_workload(python_policy, spec, cpus):
    for name in bundled_workloads():
        builtin = schedlab.run(WORKLOADS / name, policy=spec, cpus=cpus, until=200_000, check=True)
        ours = schedlab.run(WORKLOADS / name, policy=python_policy, cpus=cpus, until=200_000, check=True)
        assert ours.policy == f"python:{python_policy.__name__}"
        assert schedule(ours) == schedule(builtin), f"{name} on {cpus} CPUs"


def test_python_policy_in_compare_next_to_builtins():
    df = schedlab.compare(WORKLOADS / "default.yaml", ["fcfs", PyFcfs, PyRR, "rr:quantum=4"], seeds=[1, 2], jobs=2)
    by = {p: df[df.policy == p].drop(columns="policy").reset_index(drop=True) for p in set(df.policy)}
    assert by["PyFcfs"].equals(by["fcfs"])
    assert by["PyRR"].equals(by["rr:quantum=4"])


def test_a_factory_with_parameters():
    class Quantum(PyFcfs):
        def __init__(self, ctx, quantum):
            super().__init__(ctx)
            self.q = quantum

        def pick_next(self, cpu):
            t = super().pick_next(cpu)
            return None if t is None else (t, self.q)

    ours = schedlab.run(WORKLOADS / "default.yaml", policy=lambda ctx: Quantum(ctx, 2))
    assert schedule(ours) == schedule(schedlab.run(WORKLOADS / "default.yaml", policy="rr:quantum=2"))


class Boom(PyFcfs):
    def pick_next(self, cpu):
        if self.ctx.now() >= 3:
            raise ZeroDivisionError("boom at tick 3")
        return super().pick_next(cpu)


def test_an_exception_in_a_callback_ends_the_run_with_that_exception():
    with pytest.raises(ZeroDivisionError, match="boom at tick 3") as info:
        schedlab.run(WORKLOADS / "default.yaml", policy=Boom)
    assert any("pick_next() of the Python policy Boom" in note for note in info.value.__notes__)
    # The same from compare, on several threads.
    with pytest.raises(ZeroDivisionError, match="boom at tick 3"):
        schedlab.compare(WORKLOADS / "default.yaml", [Boom, "fcfs"], seeds=range(1, 9), jobs=4)
    # And the interpreter is fine afterwards.
    assert schedlab.run(WORKLOADS / "default.yaml", policy=PyFcfs).status == "completed"


def test_an_exception_in_init_ends_the_run_too():
    class BadInit(PyFcfs):
        def __init__(self, ctx):
            raise KeyError("no config")

    with pytest.raises(KeyError, match="no config"):
        schedlab.run(WORKLOADS / "default.yaml", policy=BadInit)


class PicksBlocked(PyFcfs):
    """Picks a task again once it ran: it is not ready then."""
    def __init__(self, ctx):
        super().__init__(ctx)
        self.first = None

    def pick_next(self, cpu):
        t = super().pick_next(cpu)
        if self.first is None:
            self.first = t
            return t
        return self.first


def test_picking_a_task_that_is_not_ready_is_a_policy_error_naming_the_callback():
    with pytest.raises(schedlab.PolicyError) as info:
        schedlab.run(WORKLOADS / "default.yaml", policy=PicksBlocked)
    text = str(info.value)
    assert text.startswith("policy 'python:PicksBlocked': pick_next(0) returned task 0 (")
    assert text.endswith(", not ready")


@pytest.mark.parametrize("answer,message", [
    ("'x'", "pick_next(0) returned 'x': expected None, a task id or (task id, slice)"),
    ("(t, 0)", "pick_next(0) returned a slice of 0 ticks for task 0 (must be > 0, or None)"),
    ("(t, 2.5)", "pick_next(0) returned (0, 2.5): expected None, a task id or (task id, slice)"),
    ("99", "pick_next(0) returned task 99, which does not exist"),
    ("True", "pick_next(0) returned True: expected None, a task id or (task id, slice)"),
])
def test_bad_answers_of_pick_next(answer, message):
    class Bad(PyFcfs):
        def pick_next(self, cpu):
            t = super().pick_next(cpu)
            return eval(answer)

    with pytest.raises(schedlab.PolicyError) as info:
        schedlab.run(WORKLOADS / "default.yaml", policy=Bad)
    assert str(info.value) == f"policy 'python:Bad': {message}"


def test_has_ready_must_answer_a_bool():
    class Bad(PyFcfs):
        def has_ready(self):
            return len(self.queue)

    with pytest.raises(schedlab.PolicyError, match=r"has_ready\(\) returned \d+ \(int\): expected True or False"):
        schedlab.run(WORKLOADS / "default.yaml", policy=Bad)


def test_a_context_call_the_kernel_refuses_names_the_callback():
    class Bad(PyFcfs):
        def balance(self):
            self.ctx.set_timer(self.ctx.now() - 1)

    with pytest.raises(schedlab.PolicyError) as info:
        schedlab.run(WORKLOADS / "default.yaml", policy=Bad)
    assert str(info.value).startswith("policy 'python:Bad': in balance(): policy set a timer in the past (")


def test_picking_a_running_task_again_is_refused():
    class Twice(PyFcfs):
        def pick_next(self, cpu):
            return self.queue[0] if self.queue else None  # never takes it off its queue

    with pytest.raises(schedlab.PolicyError) as info:
        schedlab.run(WORKLOADS / "default.yaml", policy=Twice, cpus=2)
    assert str(info.value).startswith("policy 'python:Twice': pick_next(1) returned task 0 (")
    assert str(info.value).endswith("), which is running, not ready")


def test_the_context_is_dead_after_the_run():
    kept = []

    class Keeps(PyFcfs):
        def __init__(self, ctx):
            super().__init__(ctx)
            kept.append(ctx)

    schedlab.run(WORKLOADS / "default.yaml", policy=Keeps)
    with pytest.raises(RuntimeError, match="belongs to a run that has ended"):
        kept[0].now()


def test_timers_and_levels_reach_the_policy():
    class Ticking(PyRR):
        def __init__(self, ctx):
            super().__init__(ctx)
            self.fired = []
            ctx.set_timer(5)

        def timer(self):
            self.fired.append(self.ctx.now())
            if self.ctx.now() < 20:
                self.ctx.set_timer(self.ctx.now() + 5)

    made = []
    schedlab.run(WORKLOADS / "default.yaml", policy=lambda ctx: made.append(Ticking(ctx)) or made[-1])
    assert made[0].fired == [5, 10, 15, 20]


def test_check_policy_passes_a_correct_python_policy_and_catches_a_wrong_one():
    good = schedlab.check_policy(PyRR, cpus=[1, 2])
    assert good.clean, good.text
    assert good.runs > 10 and good.findings == []
    bad = schedlab.check_policy(PicksBlocked, cpus=[1])
    assert not bad.clean
    # The adapter refuses the answer before the kernel sees it, so the battery files it
    # as a call the kernel rejected, naming the callback.
    assert {f["kind"] for f in bad.findings} == {"bad-call"}
    first = next(f for f in bad.findings if f["where"] == "default.yaml, 1 CPU")
    assert first["text"] == "in pick_next(): pick_next(0) returned task 0 (editor), which is blocked, not ready"
    builtin = schedlab.check_policy("rr:quantum=4", cpus=[1, 2])
    assert builtin.clean and builtin.runs == good.runs
