# perfdiff: test=20000 default=400000
# Reverse-complement every FASTA section: str.translate and slicing on large strings.
import sys
from perfdiff import size, begin, end, mix
import dna

COMPLEMENT = str.maketrans("ACGTUMRWSYKVHDBNacgtumrwsykvhdbn", "TGCAAKYWSRMBDHVNTGCAAKYWSRMBDHVN")

n = size(100000)
# The input is generated after begin(): everything before it counts as the interpreter's start-up, and generating
# the sequence is the program's own work (on an interpreter it took longer than the start-up itself).
begin()
# a tenth of the sequence generated, repeated ten times: the setup stays small beside the reverse complements
sections = [(h, s * 10) for h, s in dna.sequence(max(1, n // 10))]
h = 2166136261
for header, seq in sections:
    rc = "\n".join(dna.lines(seq.translate(COMPLEMENT)[::-1]))
    for i in range(0, len(rc), 4096):
        h = mix(h, sum(rc[i:i + 4096].encode()))
    sys.stdout.write(header + "\n" + rc[:122] + "\n")
end()
print("checksum %08x" % h)
