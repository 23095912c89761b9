import schedlab


class PyMlfq(schedlab.Policy):
    """Round robin on 3 levels; a full quantum drops a level; boosts lift all (OSTEP 8)."""
    quanta, boost = (2, 4, 8), 100  # the levels' quanta; ticks between boosts

    def __init__(self, ctx):
        super().__init__(ctx)
        self.level = {}  # task -> its level
        self.queues = [[] for _ in self.quanta]
        self.next_boost = None  # armed while there is work: a deadlock must end the run

    def enqueue(self, task, reason):
        level = self.level.setdefault(task, 0)
        if reason == "quantum_expired":
            level = self.level[task] = min(level + 1, len(self.quanta) - 1)
        self.ctx.set_level(task, level)
        self.queues[level].append(task)
        if self.next_boost is None:
            self.next_boost = self.ctx.now() + self.boost
            self.ctx.set_timer(self.next_boost)

    def dequeue(self, task):
        self.queues[self.level[task]].remove(task)

    def has_ready(self):
        return any(self.queues)

    def pick_next(self, cpu):  # nothing allowed on this CPU: None, it idles
        for level, queue in enumerate(self.queues):
            for task in (t for t in queue if self.ctx.allowed_on(t, cpu)):
                queue.remove(task)
                return task, self.quanta[level]

    def timer(self):
        self.level = dict.fromkeys(self.level, 0)
        self.queues = [sum(self.queues, [])] + [[] for _ in self.quanta[1:]]
        self.next_boost = None
