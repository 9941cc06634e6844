# Draw sentences from ../shared/corpus/bulk for new annotations (deterministic).
import gzip, json, random, re, collections
S = "/work/shared"
train_docs = {json.loads(l)["doc"] for l in open("/work/main/data/train/sentences.jsonl")}
scored_urls, scored_titles = set(), set()
for s in ("seeds", "dev", "broad"):
    for l in open(f"{S}/corpus/{s}/manifest.jsonl"):
        m = json.loads(l); scored_urls.add(m.get("url") or "")
    import glob
    for f in glob.glob(f"{S}/corpus/{s}/*.txt"):
        t = open(f).read().strip().split("\n")[0].strip(); scored_titles.add(t[:60])
WEAK = "اتهام اتهامات انتقاد انتقادات إدانة ادانة استنكر استنكار ندد تنديد عقوبات تعليق قطع تجميد حظر مساعدات معونة إغاثة دعم تأييد أيد أيدت تعزيزات حشد نشر قوات استنفار طالب مطالبة دعا دعوة ناشد رفض رفضت نفى نفت هدد تهديد تحذير حذر انسحاب الإفراج إطلاق سراح هدنة وقف إطلاق النار تنازل استقال اعتقال احتجاز ترحيل إعدام مقتل اغتيال قصف غارة تفجير هجوم اشتباكات مظاهرة احتجاج اعتصام إضراب اتفاق اتفاقية وقع توقيع تعاون زيارة استقبل اجتماع مباحثات اتصال هاتفي".split()
AMBIG = "ضرب طرح رفع حمل نقل قطع دعم فتح أطلق شن سحب منح حكم قاد أعلن تحرك".split()
rng = random.Random(20261208)
def sentences(text):
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    if len(paras) < 2: return None, None
    title, body = paras[0], paras[1]
    m = re.match(r"(.{40,400}?[.!؟?])(\s|$)", body)
    first = m.group(1) if m else body[:400]
    return title, first
pool = collections.defaultdict(list)
with gzip.open(f"{S}/corpus/bulk/articles.jsonl.gz", "rt") as f:
    for line in f:
        a = json.loads(line)
        if a["id"] in train_docs or (a.get("url") or "") in scored_urls: continue
        title, first = sentences(a["text"])
        if not title or title[:60] in scored_titles: continue
        sent = first if rng.random() < 0.7 else title
        if len(sent) < 25: continue
        kind = "weak-type keywords" if any(w in sent for w in WEAK) else ("ambiguous words" if any(re.search(r"(^|\s)[وف]?"+w, sent) for w in AMBIG) else "random")
        pool[kind].append((a, title, first, sent))
for k, v in pool.items(): print(k, len(v))
draw = []
for kind, n in (("weak-type keywords", 380), ("random", 220), ("ambiguous words", 100)):
    v = pool[kind]; rng.shuffle(v)
    # at most 40 per outlet per kind so outlets vary
    per = collections.Counter(); got = 0
    for a, title, first, sent in v:
        if per[a["outlet"]] >= 40: continue
        per[a["outlet"]] += 1; got += 1
        draw.append({"id": f"{a['id']}-r", "draw": kind, "doc": a["id"], "outlet": a["outlet"], "published": a.get("published"),
                     "title": title, "first_line": first, "sentence": sent, "events": [], "note": ""})
        if got == n: break
rng.shuffle(draw)
print(len(draw), collections.Counter(d["outlet"] for d in draw).most_common(30))
overlap, a_only, b_only = draw[:200], draw[200:450], draw[450:700]
def w(name, rows):
    with open(name, "w") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
w("todo_A.jsonl", overlap + a_only)
w("todo_B.jsonl", overlap + b_only)
w("overlap_ids.txt", [])
open("overlap_ids.txt","w").write("\n".join(r["id"] for r in overlap)+"\n")
