# perfdiff: test=2500 default=25000
# FASTA with a lookup table instead of a linear scan: bisect over cumulative probabilities, one write per block.
import bisect
import sys
from perfdiff import size, begin, end
import dna


def pick_fast(table, length, rng):
    cum = dna.cumulative(table)
    limits = [c for c, _ in cum]
    chars = [ch for _, ch in cum]
    last = len(chars) - 1
    return "".join(chars[min(bisect.bisect_right(limits, rng.next()), last)] for _ in range(length))


n = size(25000)
begin()
rng = dna.Random()
blocks = [(">ONE Homo sapiens alu", dna.repeat(dna.ALU, n * 2)),
          (">TWO IUB ambiguity codes", pick_fast(dna.IUB, n * 3, rng)),
          (">THREE Homo sapiens frequency", pick_fast(dna.HOMO, n * 5, rng))]
for header, seq in blocks:
    sys.stdout.write(header + "\n" + "\n".join(dna.lines(seq)) + "\n")
end()
