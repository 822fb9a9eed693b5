import sys, collections
kinds=["module","config","manifest","database","warpdiff","option","path"]
outs=["accepted","rejected","crash","hang","unclear-rejection","wrote-input","left-files"]
c=collections.Counter(); n=collections.Counter()
for line in open(sys.argv[1]):
    f=line.rstrip("\n").split("\t")
    if len(f)<2: continue
    c[(f[0],f[1])]+=1; n[f[0]]+=1
print("| kind | inputs | "+" | ".join(outs)+" |")
print("|---|---:|"+"---:|"*len(outs))
for k in kinds+["total"]:
    if k=="total": print("| **total** | %d | "%sum(n.values())+" | ".join(str(sum(c[(kk,o)] for kk in kinds)) for o in outs)+" |")
    else: print("| %s | %d | "%(k,n[k])+" | ".join(str(c[(k,o)]) for o in outs)+" |")
