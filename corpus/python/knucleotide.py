# perfdiff: test=2000 default=10000
# Count every k-mer of a DNA sequence in dicts, then report frequencies: hashing of short strings.
from perfdiff import size, begin, end
import dna

n = size(50000)
# The input is generated after begin(): everything before it counts as the interpreter's start-up, and generating
# the sequence is the program's own work (on an interpreter it took longer than the start-up itself).
begin()
seq = dna.sequence(n)[2][1].upper()


def counts(k):
    table = {}
    for i in range(len(seq) - k + 1):
        key = seq[i:i + k]
        table[key] = table.get(key, 0) + 1
    return table


lines = []
total = len(seq)
for k in (1, 2):
    table = counts(k)
    for key, c in sorted(table.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append("%s %.3f" % (key, 100.0 * c / (total - k + 1)))
    lines.append("")
for fragment in ("GGT", "GGTA", "GGTATT", "GGTATTTTAATT", "GGTATTTTAATTTATAGT"):
    lines.append("%d\t%s" % (counts(len(fragment)).get(fragment, 0), fragment))
end()
print("\n".join(lines))
