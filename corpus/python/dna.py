"""A deterministic DNA source shared by the sequence programs (fasta, revcomp, knucleotide, regexdna).

A linear congruential generator of our own (the classic IM/IA/IC constants of a 139968-period LCG) picks
nucleotides from cumulative probability tables, so every runtime and the native Python see the same bytes.
"""
IM, IA, IC = 139968, 3877, 29573

ALU = ("GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGGGAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGACCAGCCTGGCCAACATGGTG"
       "AAACCCCGTCTCTACTAAAAATACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCAGCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCG")
IUB = [("a", 0.27), ("c", 0.12), ("g", 0.12), ("t", 0.27), ("B", 0.02), ("D", 0.02), ("H", 0.02), ("K", 0.02),
       ("M", 0.02), ("N", 0.02), ("R", 0.02), ("S", 0.02), ("V", 0.02), ("W", 0.02), ("Y", 0.02)]
HOMO = [("a", 0.3029549426680), ("c", 0.1979883004921), ("g", 0.1975473066391), ("t", 0.3015094502008)]


class Random:
    def __init__(self, seed=42):
        self.last = seed

    def next(self):
        self.last = (self.last * IA + IC) % IM
        return self.last / IM


def cumulative(table):
    total, out = 0.0, []
    for ch, p in table:
        total += p
        out.append((total, ch))
    return out


def repeat(source, length):
    """length characters of source, repeated."""
    reps = length // len(source) + 1
    return (source * reps)[:length]


def pick(table, length, rng):
    """length random characters drawn from the table (a linear scan of its cumulative probabilities)."""
    cum = cumulative(table)
    out = []
    for _ in range(length):
        r = rng.next()
        for limit, ch in cum:
            if r < limit:
                out.append(ch)
                break
        else:
            out.append(cum[-1][1])
    return "".join(out)


def sequence(n, rng=None):
    """The three sections fasta writes, as (header, sequence) pairs."""
    rng = rng or Random()
    return [(">ONE Homo sapiens alu", repeat(ALU, n * 2)),
            (">TWO IUB ambiguity codes", pick(IUB, n * 3, rng)),
            (">THREE Homo sapiens frequency", pick(HOMO, n * 5, rng))]


def lines(seq, width=60):
    return [seq[i:i + width] for i in range(0, len(seq), width)]
