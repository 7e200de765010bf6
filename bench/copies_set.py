#!/usr/bin/env python3
"""Writes a labelled set of story copies for measuring newsdex's grouping.

From the BBC set (../shared/corpora/bbc/bbc.jsonl) and Reuters-21578
(../shared/corpora/reuters21578/reuters21578.jsonl), takes articles of a
few topics (so that the unrelated articles are on the same subjects as
the copied ones) and writes:

- every chosen article once, as its own story;
- for some of them, 1 to 4 copies as other papers would run them, each
  with one to three of these edits: a new headline, the last paragraph
  dropped, a byline inserted, a boilerplate footer added, a paragraph
  added, light rewording (a few words swapped for synonyms, "said" for
  "told reporters").

Output, in OUT (default: copies-set/):
- `copies.jsonl`: the records (id, title, body, source, published);
- `truth.tsv`: `id<TAB>story`, the story each record is a copy of.

`bench/copies_eval.py` scores what newsdex grouped against `truth.tsv`.

Usage: bench/copies_set.py [--out DIR] [--seed N] [--per-corpus N]
Python 3 standard library only; the same seed writes the same set.
"""

import argparse
import json
import os
import random
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(REPO, "..", "shared", "corpora")
BBC = os.path.join(SHARED, "bbc", "bbc.jsonl")
REUTERS = os.path.join(SHARED, "reuters21578", "reuters21578.jsonl")

# Reuters-21578 topics and BBC categories the set is drawn from.
REUTERS_TOPICS = ["earn", "acq", "crude", "grain", "money-fx", "trade"]
BBC_CATEGORIES = ["business", "politics", "tech", "sport", "entertainment"]

SOURCES = ["Harbour Wire", "The Daily Ledger", "Morning Post",
           "Evening Courier", "City Gazette", "Northern Times"]
BYLINES = ["By Anna Kowalski, business correspondent",
           "By James O'Neill", "From our correspondent in London",
           "By Maria Santos and Tom Becker", "Staff reporter"]
FOOTERS = [
    "Copyright {year} {source}. All rights reserved. This material may "
    "not be published, broadcast, rewritten or redistributed.",
    "Follow us on social media for the latest news. Subscribe to our "
    "newsletter to receive the morning briefing in your inbox.",
    "Additional reporting by our news desk. For corrections, write to "
    "the readers' editor of {source}.",
]
EXTRA = [
    "Analysts said the outlook would depend on the coming months.",
    "The announcement came after markets closed on the day.",
    "Officials declined to comment further on the matter.",
]
HEADLINE_PREFIX = ["UPDATE 1-", "UPDATE 2-", "", "REFILE-", "WRAPUP-"]
SYNONYMS = {
    "said": "stated", "rose": "climbed", "fell": "dropped",
    "big": "large", "also": "further", "company": "firm",
    "increase": "rise", "shares": "stock", "government": "administration",
    "expected": "anticipated", "however": "but", "about": "around",
    "buy": "purchase", "help": "assist", "new": "fresh",
    "year": "twelve months", "told": "informed", "plans": "intends",
}


def paragraphs(body):
    """Paragraphs of a body: blank-line separated (BBC) or indented
    lines (Reuters)."""
    parts = re.split(r"\n\s*\n|\n(?=[ \t]+\S)", body.strip())
    return [p.strip() for p in parts if p.strip()]


def lead(body):
    """The first 25 words of a body, lowercased, without punctuation:
    two articles with the same lead are copies already in the corpus."""
    return " ".join(re.findall(r"\w+", body.lower())[:25])


def load():
    """The chosen articles: (corpus, topic, record). Articles whose lead
    another one shares are left out: the corpora hold copies of their
    own (a story sent twice, a corrected headline), and the truth must
    not call them different stories."""
    out = []
    with open(REUTERS, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            topics = r.get("topics") or []
            topic = next((t for t in REUTERS_TOPICS if t in topics), None)
            if topic and len((r.get("body") or "").split()) >= 40:
                out.append(("reuters", topic, r))
    with open(BBC, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("category") in BBC_CATEGORIES:
                out.append(("bbc", r["category"], r))
    # Copies already in the corpus: the same lead, the same headline, or
    # a body sharing 30% of its 8-word sequences with another's.
    counts = {}
    for corpus, topic, r in out:
        for k in ("lead " + lead(r.get("body", "")),
                  "title " + " ".join(r.get("title", "").lower().split())):
            counts[k] = counts.get(k, 0) + 1
    grams, owners = [], {}
    for n, (_, _, r) in enumerate(out):
        words = re.findall(r"\w+", r.get("body", "").lower())
        g = {" ".join(words[i:i + 8]) for i in range(len(words) - 7)}
        grams.append(g)
        for x in g:
            owners.setdefault(x, set()).add(n)
    kept = []
    for n, a in enumerate(out):
        r = a[2]
        if counts["lead " + lead(r.get("body", ""))] > 1 or counts[
                "title " + " ".join(r.get("title", "").lower().split())] > 1:
            continue
        shared = {}
        for x in grams[n]:
            for m in owners[x]:
                if m != n:
                    shared[m] = shared.get(m, 0) + 1
        if any(c >= 0.3 * len(grams[n]) for c in shared.values()):
            continue
        kept.append(a)
    return kept


def reword(text, rng):
    """Light rewording: about one word in twenty-five of the synonym
    list swapped, the rest left as written."""
    words = text.split(" ")
    for i, w in enumerate(words):
        bare = w.strip(".,;:").lower()
        if bare in SYNONYMS and rng.random() < 0.6:
            words[i] = w.lower().replace(bare, SYNONYMS[bare])
    return " ".join(words)


def new_headline(title, body, rng):
    prefix = rng.choice(HEADLINE_PREFIX)
    if rng.random() < 0.5:
        # A headline written from the lead: its first words.
        lead = " ".join(body.split()[:rng.randint(5, 9)]).rstrip(",.;")
        return prefix + lead
    words = title.split()
    rng.shuffle(words)
    return prefix + " ".join(words[: max(3, len(words) - 1)])


def copy_of(record, source, rng):
    """A copy of `record` as `source` would run it, with its edits."""
    title = record.get("title", "")
    paras = paragraphs(record.get("body", ""))
    edits = rng.sample(["headline", "drop_last", "byline", "footer",
                        "reword", "add_paragraph"], rng.randint(1, 3))
    if "headline" in edits:
        title = new_headline(title, " ".join(paras), rng)
    if "drop_last" in edits and len(paras) > 2:
        paras = paras[:-1]
    if "reword" in edits:
        paras = [reword(p, rng) for p in paras]
    if "add_paragraph" in edits:
        paras.insert(rng.randint(1, len(paras)), rng.choice(EXTRA))
    if "byline" in edits:
        paras.insert(0, rng.choice(BYLINES))
    if "footer" in edits:
        year = (record.get("date") or "2005")[:4]
        paras.append(rng.choice(FOOTERS).format(year=year, source=source))
    return title, "\n\n".join(paras), edits


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="copies-set")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--per-corpus", type=int, default=1500,
                    help="articles drawn from each corpus")
    ap.add_argument("--copied", type=float, default=0.4,
                    help="share of the articles that get copies")
    args = ap.parse_args()
    for path in (BBC, REUTERS):
        if not os.path.isfile(path):
            sys.exit(f"copies_set: {path} not found")
    rng = random.Random(args.seed)
    chosen = []
    articles = load()
    for corpus in ("reuters", "bbc"):
        pool = [a for a in articles if a[0] == corpus]
        rng.shuffle(pool)
        chosen.extend(pool[: args.per_corpus])
    os.makedirs(args.out, exist_ok=True)
    records, truth, edits_seen = [], [], {}
    for n, (corpus, topic, r) in enumerate(chosen):
        story = f"{corpus}:{r['id']}"
        published = r.get("date") or "2005-03-01"
        base = {"id": f"s{n}-0", "title": r.get("title", ""),
                "body": r.get("body", ""), "source": rng.choice(SOURCES),
                "published": published[:10], "topic": topic}
        records.append(base)
        truth.append((base["id"], story))
        if rng.random() >= args.copied:
            continue
        for c in range(1, rng.randint(2, 5)):
            source = rng.choice(SOURCES)
            title, body, edits = copy_of(r, source, rng)
            for e in edits:
                edits_seen[e] = edits_seen.get(e, 0) + 1
            rec = {"id": f"s{n}-{c}", "title": title, "body": body,
                   "source": source, "published": published[:10],
                   "topic": topic, "edits": edits}
            records.append(rec)
            truth.append((rec["id"], story))
    rng.shuffle(records)
    with open(os.path.join(args.out, "copies.jsonl"), "w",
              encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "truth.tsv"), "w",
              encoding="utf-8") as f:
        for rid, story in truth:
            f.write(f"{rid}\t{story}\n")
    stories = len(set(s for _, s in truth))
    print(f"copies_set: {len(records)} records of {stories} stories "
          f"into {args.out}; edits: "
          + ", ".join(f"{k} {v}" for k, v in sorted(edits_seen.items())),
          file=sys.stderr)


if __name__ == "__main__":
    main()
