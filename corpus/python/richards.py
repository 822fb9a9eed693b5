# perfdiff: test=4 default=40
# An operating-system scheduler simulation in the style of Martin Richards' benchmark: task control blocks,
# packets passed between an idle task, a worker, two handlers and two devices, and a priority queue of tasks.
from perfdiff import size, begin, end

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1


class Packet:
    __slots__ = ("link", "ident", "kind", "datum", "data")

    def __init__(self, link, ident, kind):
        self.link, self.ident, self.kind, self.datum, self.data = link, ident, kind, 0, [0] * 4

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        tail = queue
        while tail.link is not None:
            tail = tail.link
        tail.link = self
        return queue


class Task:
    __slots__ = ("ident", "priority", "queue", "waiting", "held", "state", "link")

    def __init__(self, ident, priority, queue, state, link):
        self.ident, self.priority, self.queue, self.link = ident, priority, queue, link
        self.waiting = queue is not None
        self.held = False
        self.state = state


class Scheduler:
    def __init__(self):
        self.tasks = [None] * 6
        self.head = None
        self.queue_count = 0
        self.hold_count = 0

    def add(self, ident, priority, queue, state):
        task = Task(ident, priority, queue, state, self.head)
        self.tasks[ident] = task
        self.head = task
        return task

    def runnable(self, t):
        return not t.held and (not t.waiting or t.queue is not None)

    def run(self):
        current = self.head
        while current is not None:
            if not self.runnable(current):
                current = current.link
                continue
            packet = None
            if current.waiting and current.queue is not None:
                packet, current.queue = current.queue, current.queue.link
                current.waiting = False
            current = self.step(current, packet)

    def step(self, task, packet):
        return BEHAVIOUR[task.ident](self, task, packet)

    def hold(self, task):
        self.hold_count += 1
        task.held = True
        return task.link

    def release(self, task, ident):
        target = self.tasks[ident]
        target.held = False
        return target if target.priority > task.priority else task

    def wait(self, task):
        task.waiting = True
        return task

    def send(self, task, packet):
        target = self.tasks[packet.ident]
        self.queue_count += 1
        packet.link = None
        packet.ident = task.ident
        was_empty = target.queue is None
        target.queue = packet.append_to(target.queue)
        if was_empty and target.waiting:
            target.waiting = False
            return target if target.priority > task.priority else task
        return task


def idle(s, task, packet):
    st = task.state
    st["count"] -= 1
    if st["count"] == 0:
        return s.hold(task)
    if st["control"] & 1 == 0:
        st["control"] >>= 1
        return s.release(task, DEVICE_A)
    st["control"] = (st["control"] >> 1) ^ 0xD008
    return s.release(task, DEVICE_B)


def worker(s, task, packet):
    st = task.state
    if packet is None:
        return s.wait(task)
    st["destination"] = HANDLER_B if st["destination"] == HANDLER_A else HANDLER_A
    packet.ident = st["destination"]
    packet.datum = 0
    for i in range(4):
        st["count"] = st["count"] + 1 if st["count"] < 26 else 1
        packet.data[i] = 64 + st["count"]
    return s.send(task, packet)


def handler(s, task, packet):
    st = task.state
    if packet is not None:
        if packet.kind == KIND_WORK:
            st["work"] = packet.append_to(st["work"])
        else:
            st["devices"] = packet.append_to(st["devices"])
    work = st["work"]
    if work is not None:
        if work.datum < 4:
            device = st["devices"]
            if device is not None:
                st["devices"] = device.link
                device.datum = work.data[work.datum]
                work.datum += 1
                return s.send(task, device)
        else:
            st["work"] = work.link
            return s.send(task, work)
    return s.wait(task)


def device(s, task, packet):
    st = task.state
    if packet is None:
        pending = st["pending"]
        if pending is None:
            return s.wait(task)
        st["pending"] = None
        return s.send(task, pending)
    st["pending"] = packet
    return s.hold(task)


BEHAVIOUR = {IDLE: idle, WORKER: worker, HANDLER_A: handler, HANDLER_B: handler, DEVICE_A: device, DEVICE_B: device}


def bench(count):
    s = Scheduler()
    s.add(IDLE, 0, None, {"control": 1, "count": count})
    work = Packet(None, WORKER, KIND_WORK)
    work = Packet(work, WORKER, KIND_WORK)
    s.add(WORKER, 1000, work, {"destination": HANDLER_A, "count": 0})
    for handler_id, device_id, priority in ((HANDLER_A, DEVICE_A, 2000), (HANDLER_B, DEVICE_B, 3000)):
        queue = Packet(None, device_id, KIND_DEVICE)
        queue = Packet(queue, device_id, KIND_DEVICE)
        queue = Packet(queue, device_id, KIND_DEVICE)
        s.add(handler_id, priority, queue, {"work": None, "devices": None})
    s.add(DEVICE_A, 4000, None, {"pending": None})
    s.add(DEVICE_B, 5000, None, {"pending": None})
    for t in s.tasks:
        if t.ident != IDLE:
            t.waiting = True
    s.tasks[IDLE].waiting = False
    s.run()
    return s.queue_count, s.hold_count


iterations = size(40)
begin()
results = [bench(1000) for _ in range(iterations)]
end()
print("iterations %d queued %d held %d" % (iterations, results[-1][0], results[-1][1]))
