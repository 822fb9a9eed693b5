# perfdiff: test=3 default=30
# Serialise and parse nested records with the json module, round after round.
import json
from perfdiff import size, begin, end, mix


def record(i):
    return {"id": i, "name": "item-%d" % i, "tags": ["t%d" % (i % 7), "u%d" % (i % 11)],
            "price": round(i * 1.25, 2), "stock": {"warehouse": i % 5, "count": (i * 37) % 101},
            "active": i % 3 == 0, "note": None}


rounds = size(60)
data = [record(i) for i in range(500)]
begin()
h = 2166136261
for r in range(rounds):
    text = json.dumps({"round": r, "items": data}, sort_keys=True)
    back = json.loads(text)
    h = mix(h, len(text))
    h = mix(h, sum(item["stock"]["count"] for item in back["items"]) + back["round"])
end()
print("rounds %d bytes %d checksum %08x" % (rounds, len(text), h))
