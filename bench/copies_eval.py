#!/usr/bin/env python3
"""Scores newsdex's grouping of copies against the truth of
bench/copies_set.py: pairwise precision and recall.

Reads every record's story from `newsdex search '*' --all-copies --json`
on an index of the set, and counts the pairs of records put in one story
(predicted) and the pairs that are copies of one story (true):
precision = true pairs predicted / pairs predicted, recall = true pairs
predicted / true pairs.

Usage:
  bench/copies_set.py --out copies-set
  newsdex --index copies-set/index index --rebuild copies-set/copies.jsonl
  bench/copies_eval.py --index copies-set/index --truth copies-set/truth.tsv \
      [--newsdex PATH] [--show N]
Python 3 standard library only.
"""

import argparse
import collections
import json
import subprocess
import sys


def pairs(groups):
    return {(a, b) for members in groups.values()
            for i, a in enumerate(sorted(members))
            for b in sorted(members)[i + 1:]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--newsdex", default="newsdex")
    ap.add_argument("--show", type=int, default=0,
                    help="print this many wrong pairs of each kind")
    args = ap.parse_args()
    truth = {}
    with open(args.truth, encoding="utf-8") as f:
        for line in f:
            rid, story = line.rstrip("\n").split("\t")
            truth[rid] = story
    out = subprocess.run(
        [args.newsdex, "--index", args.index, "search", "*", "--all-copies",
         "--json", "--no-facets", "-n", str(len(truth) + 1)],
        check=True, capture_output=True, text=True).stdout
    hits = json.loads(out)["hits"]
    predicted = {h["id"]: h["story"] for h in hits}
    missing = set(truth) - set(predicted)
    if missing:
        sys.exit(f"copies_eval: {len(missing)} records of the truth are "
                 f"not in the index, e.g. {sorted(missing)[:3]}")
    true_groups, pred_groups = (collections.defaultdict(set),
                                collections.defaultdict(set))
    for rid in truth:
        true_groups[truth[rid]].add(rid)
        pred_groups[predicted[rid]].add(rid)
    t, p = pairs(true_groups), pairs(pred_groups)
    both = len(t & p)
    precision = both / len(p) if p else 1.0
    recall = both / len(t) if t else 1.0
    print(f"records {len(truth)}, true stories {len(true_groups)}, "
          f"predicted stories {len(pred_groups)}")
    print(f"pairs: true {len(t)}, predicted {len(p)}, both {both}")
    print(f"precision {precision:.4f}  recall {recall:.4f}")
    for label, wrong in (("false pair", p - t), ("missed pair", t - p)):
        for a, b in sorted(wrong)[: args.show]:
            print(f"{label}: {a} {b}")


if __name__ == "__main__":
    main()
