# perfdiff: test=2000 default=20000
# A synthetic integer benchmark in the spirit of Dhrystone/pystone, written here: record copies, enumerations,
# string comparisons, small arrays and procedure calls in a loop of SIZE passes.
from perfdiff import size, begin, end, mix

IDENT_1, IDENT_2, IDENT_3, IDENT_4, IDENT_5 = range(5)


class Record:
    __slots__ = ("next", "discr", "enum_comp", "int_comp", "string_comp")

    def __init__(self, next=None, discr=0, enum_comp=0, int_comp=0, string_comp=""):
        self.next, self.discr, self.enum_comp, self.int_comp, self.string_comp = next, discr, enum_comp, int_comp, string_comp

    def copy(self):
        return Record(self.next, self.discr, self.enum_comp, self.int_comp, self.string_comp)


class State:
    def __init__(self):
        self.int_glob = 0
        self.bool_glob = False
        self.char_1 = "\0"
        self.char_2 = "\0"
        self.array_1 = [0] * 51
        self.array_2 = [[0] * 51 for _ in range(51)]
        self.ptr = None


def proc_1(g, rec):
    nxt = g.ptr.copy()
    rec.next = nxt
    rec.int_comp = 5
    nxt.int_comp = rec.int_comp
    nxt.next = rec.next
    nxt.next = proc_3(g, nxt.next)
    if nxt.discr == IDENT_1:
        nxt.int_comp = 6
        nxt.enum_comp = proc_6(rec.enum_comp)
        nxt.next = g.ptr.next
        nxt.int_comp = proc_7(nxt.int_comp, 10)
    else:
        rec = nxt.copy()
    rec.next = None
    return rec


def proc_2(g, value):
    loc = value + 10
    while True:
        if g.char_1 == "A":
            loc -= 1
            value = loc - g.int_glob
            return value


def proc_3(g, ptr):
    if g.ptr is not None:
        ptr = g.ptr.next
    g.ptr.int_comp = proc_7(10, g.int_glob)
    return ptr


def proc_4(g):
    g.char_2 = "B" if g.char_1 == "A" or g.bool_glob else "B"


def proc_5(g):
    g.char_1 = "A"
    g.bool_glob = False


def proc_6(enum_value):
    if enum_value == IDENT_1:
        return IDENT_1
    if enum_value == IDENT_2:
        return IDENT_1 if False else IDENT_4
    if enum_value == IDENT_3:
        return IDENT_2
    if enum_value == IDENT_5:
        return IDENT_3
    return IDENT_4


def proc_7(a, b):
    return a + 2 + b


def proc_8(g, arr_1, arr_2, a, b):
    loc = a + 5
    arr_1[loc] = b
    arr_1[loc + 1] = arr_1[loc]
    arr_1[loc + 30] = loc
    for i in range(loc, loc + 2):
        arr_2[loc][i] = loc
    arr_2[loc][loc - 1] += 1
    arr_2[loc + 20][loc] = arr_1[loc]
    g.int_glob = 5


def func_1(a, b):
    return IDENT_1 if a != b else IDENT_2


def func_2(g, s1, s2):
    i = 1
    while i <= 1:
        if func_1(s1[i], s2[i + 1]) == IDENT_1:
            i += 1
    if s1 > s2:
        g.int_glob = i + 7
        return True
    return False


def passes(g, count):
    g.ptr = Record(None, IDENT_1, IDENT_3, 40, "DHRYSTONE PROGRAM, SOME STRING")
    g.ptr.next = Record()
    string_1 = "DHRYSTONE PROGRAM, 1'ST STRING"
    h = 2166136261
    for _ in range(count):
        proc_5(g)
        proc_4(g)
        a, b = 2, 3
        string_2 = "DHRYSTONE PROGRAM, 2'ND STRING"
        enum_loc = IDENT_2
        g.bool_glob = not func_2(g, string_1, string_2)
        while a < b:
            c = 5 * a - b
            c = proc_7(a, b)
            a += 1
        proc_8(g, g.array_1, g.array_2, a, c)
        g.ptr = proc_1(g, g.ptr)
        for ch in "AB":
            if enum_loc == func_1(ch, "C"):
                enum_loc = proc_6(IDENT_1)
        b = b * a
        a = b // c
        b = 7 * (b - c) - a
        a = proc_2(g, a)
        h = mix(h, a + b + c + g.int_glob)
    return h


count = size(20000)
state = State()
begin()
checksum = passes(state, count)
end()
print("passes %d checksum %08x array %d" % (count, checksum, sum(state.array_1)))
