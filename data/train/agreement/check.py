# usage: python3 check.py done_X.jsonl  -- checks format and exact spans of annotated sentences
import json, sys
TYPES = "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
STATUS = {"occurred", "planned", "negated", "hypothetical", "claimed"}
bad = 0; n = 0; ev = 0; ids = set()
for i, line in enumerate(open(sys.argv[1]), 1):
    try: r = json.loads(line)
    except Exception as e: print(f"line {i}: not JSON: {e}"); bad += 1; continue
    n += 1
    if r["id"] in ids: print(f"line {i}: duplicate id {r['id']}"); bad += 1
    ids.add(r["id"])
    s = r["sentence"]
    for e in r.get("events", []):
        ev += 1
        def err(m):
            global bad; bad += 1; print(f"line {i} {r['id']}: {m}")
        if e.get("type") not in TYPES: err(f"type {e.get('type')}")
        if not str(e.get("cameo") or "").isdigit(): err(f"cameo {e.get('cameo')}")
        if (e.get("status") or "occurred") not in STATUS: err(f"status {e.get('status')}")
        if not e.get("trigger") or e["trigger"] not in s: err(f"trigger not in sentence: {e.get('trigger')}")
        for role in ("source", "target"):
            a = e.get(role)
            if a is None: continue
            if not isinstance(a, dict) or "name" not in a: err(f"{role} must be {{name,country,sector,text}} or null"); continue
            if a.get("text") is not None and a["text"] not in s: err(f"{role} text not in sentence: {a['text']}")
            c = a.get("country")
            if c is not None and not (isinstance(c, str) and len(c) == 3 and c.isupper()): err(f"{role} country {c}")
        loc = e.get("location")
        if loc and loc.get("text") is not None and loc["text"] not in s: err(f"location text not in sentence: {loc['text']}")
print(f"{n} sentences, {ev} events, {bad} problems")
sys.exit(1 if bad else 0)
