import random

import schedlab


class PyLottery(schedlab.Policy):
    """Each pick draws one ticket among the ready tasks' tickets: a task's share of
    the CPU follows its tickets (Waldspurger and Weihl, 1994). Seeded by the run."""
    quantum = 4

    def __init__(self, ctx):
        super().__init__(ctx)
        self.draw = random.Random(ctx.seed())
        self.ready = []

    def enqueue(self, task, reason):
        self.ready.append(task)

    def dequeue(self, task):
        self.ready.remove(task)

    def has_ready(self):
        return bool(self.ready)

    def pick_next(self, cpu):
        allowed = [t for t in self.ready if self.ctx.allowed_on(t, cpu)]
        if not allowed:
            return None
        tickets = [max(self.ctx.task(t).tickets, 1) for t in allowed]
        winner = self.draw.choices(allowed, weights=tickets)[0]
        self.ready.remove(winner)
        return winner, self.quantum
