# perfdiff: test=2500 default=25000
# Generate DNA and write it as FASTA, 60 columns a line: a write per line through WASI fd_write.
import sys
from perfdiff import size, begin, end
import dna

n = size(25000)
begin()
out = sys.stdout
for header, seq in dna.sequence(n):
    out.write(header + "\n")
    for line in dna.lines(seq):
        out.write(line + "\n")
        out.flush()
end()
