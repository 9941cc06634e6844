# Agreement of two blind passes over the same 200 sentences: the first pass is in
# ../own_2026_12.jsonl, the second in second_pass_B.jsonl. Run from this folder.
import json,sys
A={json.loads(l)['id']:json.loads(l) for l in open('../own_2026_12.jsonl')}
B={json.loads(l)['id']:json.loads(l) for l in open('second_pass_B.jsonl')}
ids=[l.strip() for l in open('overlap_ids.txt') if l.strip()]
ev_agree=types_agree=0
tp=fp=fn=0; tp2=0; n2a=n2b=0
def match(ea, eb, strict):
    used=set(); m=0
    for x in ea:
        for j,y in enumerate(eb):
            if j in used or x['type']!=y['type']: continue
            if strict:
                ca=((x.get('source') or {}).get('country'),(x.get('target') or {}).get('country'))
                cb=((y.get('source') or {}).get('country'),(y.get('target') or {}).get('country'))
                if ca!=cb and ca!=cb[::-1]: continue
            used.add(j); m+=1; break
    return m
for i in ids:
    ea,eb=A[i]['events'],B[i]['events']
    ev_agree+= (bool(ea)==bool(eb))
    types_agree+= (sorted({e['type'] for e in ea})==sorted({e['type'] for e in eb}))
    tp+=match(ea,eb,False); tp2+=match(ea,eb,True); n2a+=len(ea); n2b+=len(eb)
f1=lambda t: 2*t/(n2a+n2b) if n2a+n2b else 0
print(f"{len(ids)} sentences: event vs none agree {ev_agree}/{len(ids)}; same set of types {types_agree}/{len(ids)}; events A {n2a}, B {n2b}; F1 by type {f1(tp):.2f}; by type and both actors' countries {f1(tp2):.2f}")
