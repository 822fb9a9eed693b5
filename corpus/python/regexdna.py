# perfdiff: test=2500 default=25000
# Regular expressions over a DNA sequence: variant counts and IUB code substitutions (the re engine).
import re
from perfdiff import size, begin, end
import dna

n = size(50000)
# The input is generated after begin(): everything before it counts as the interpreter's start-up, and generating
# the sequence is the program's own work (on an interpreter it took longer than the start-up itself).
begin()
text = "".join(h + "\n" + "\n".join(dna.lines(s)) + "\n" for h, s in dna.sequence(n))
original = len(text)
seq = re.sub(">.*\n|\n", "", text)
cleaned = len(seq)
variants = ("agggtaaa|tttaccct", "[cgt]gggtaaa|tttaccc[acg]", "a[act]ggtaaa|tttacc[agt]t",
            "ag[act]gtaaa|tttac[agt]ct", "agg[act]taaa|ttta[agt]cct", "aggg[acg]aaa|ttt[cgt]ccct",
            "agggt[cgt]aa|tt[acg]accct", "agggta[cgt]a|t[acg]taccct", "agggtaa[cgt]|[acg]ttaccct")
lines = ["%s %d" % (v, len(re.findall(v, seq))) for v in variants]
substitutions = (("tHa[Nt]", "<4>"), ("aND|caN|Ha[DS]|WaS", "<3>"), ("a[NSt]|BY", "<2>"),
                 ("<[^>]*>", "|"), ("\\|[^|][^|]*\\|", "-"))
for pattern, replacement in substitutions:
    seq = re.sub(pattern, replacement, seq)
end()
print("\n".join(lines))
print("\n%d\n%d\n%d" % (original, cleaned, len(seq)))
