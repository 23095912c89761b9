"""Policies written in Python: subclass Policy (docs/python.md, "Policies in Python")."""
from typing import Optional, Tuple, Union

from ._errors import PolicyError

REQUIRED = ("enqueue", "dequeue", "has_ready", "pick_next")
OPTIONAL = ("running", "stopping", "balance", "timer", "task_dead", "priority_changed")


class Policy:
    """A scheduling policy, with the contract of the C++ policy API (api/policy.hpp).

    The kernel calls, with task ids (ints) and CPU ids (ints):

    - ``enqueue(task, reason)``: the task became ready; reason is "arrival", "wakeup",
      "preempted", "quantum_expired" or "yielded".
    - ``dequeue(task)``: a ready task must leave (it was killed).
    - ``has_ready() -> bool``: is anything enqueued and not yet picked?
    - ``pick_next(cpu)``: a CPU needs work. Return None (leave it idle), a task id (no
      quantum) or ``(task, slice)``; the task must be ready and allowed on that CPU.
    - optional: ``running(task, cpu)``, ``stopping(task, cpu, ran, reason)``, ``balance()``
      (end of an instant: preempt here with ``self.ctx.preempt(cpu)``), ``timer()`` (set
      with ``self.ctx.set_timer(at)``), ``task_dead(task)``, ``priority_changed(task)``.

    ``self.ctx`` is the run's Context: ``now()``, ``cpu_count()``, ``task(id)`` (a
    TaskInfo), ``running_on(cpu)``, ``allowed_on(task, cpu)``, ``preempt(cpu)``,
    ``set_slice(cpu, slice)``, ``set_timer(at)``, ``set_level(task, level)``, ``seed()``.

    A new instance is made for each run (``cls(ctx)``); pass a class, or any callable
    taking the Context and returning a policy (``lambda ctx: MyRR(ctx, quantum=2)``).
    """

    def __init__(self, ctx):
        self.ctx = ctx

    def enqueue(self, task: int, reason: str) -> None:
        raise NotImplementedError

    def dequeue(self, task: int) -> None:
        raise NotImplementedError

    def has_ready(self) -> bool:
        raise NotImplementedError

    def pick_next(self, cpu: int) -> Union[None, int, Tuple[int, Optional[int]]]:
        raise NotImplementedError

    def running(self, task: int, cpu: int) -> None:
        pass

    def stopping(self, task: int, cpu: int, ran: int, reason: str) -> None:
        pass

    def balance(self) -> None:
        pass

    def timer(self) -> None:
        pass

    def task_dead(self, task: int) -> None:
        pass

    def priority_changed(self, task: int) -> None:
        pass


def policy_name(policy) -> str:
    return getattr(policy, "__name__", None) or type(policy).__name__


def check_class(policy) -> None:
    """Raises PolicyError when a policy class misses a required method (before any run)."""
    if not isinstance(policy, type):
        if callable(policy):
            return  # a factory: its policies are checked when a run makes them
        raise PolicyError(f"a policy is a spec string, a Policy subclass or a callable taking the Context; "
                          f"got {policy!r} ({type(policy).__name__})")
    missing = []
    for name in REQUIRED:
        method = getattr(policy, name, None)
        if method is None or not callable(method) or method is getattr(Policy, name):
            missing.append(name)
    if missing:
        raise PolicyError(f"policy class {policy.__name__} does not define {', '.join(m + '()' for m in missing)} "
                          f"(a policy needs {', '.join(m + '()' for m in REQUIRED)})")
    for name in OPTIONAL + REQUIRED:
        method = getattr(policy, name, None)
        if method is not None and not callable(method):
            raise PolicyError(f"policy class {policy.__name__}: {name} is not a method")
