"""Scores the runs against the Cranfield judgments and writes RESULTS.md and results.json.

    python evaluate.py DATA_DIR OUT_DIR ENGINE [ENGINE ...]

reads DATA_DIR/qrels.json, queries.json and runs/ENGINE.json for each ENGINE of
this run; the other engines' figures are carried over from OUT_DIR/results.json
(so a quick run of our engine alone still shows the whole table).

The metrics are trec_eval's formulas, written out here so they can be read,
and computed again by trec_eval itself (pytrec_eval-terrier) on the same runs:
the run stops if any value differs by more than 1e-6.
"""

import json
import math
import os
import sys
from datetime import datetime, timezone

import pytrec_eval

DEPTH = 100  # hits asked of every engine
TOLERANCE = 1e-6
MODES = {"written": "as written", "keywords": "3 keywords"}
METRICS = {  # ours -> trec_eval's measure (pytrec_eval's key)
    "ndcg@10": "ndcg_cut_10",
    "p@10": "P_10",
    "map@100": "map_cut_100",
    "recall@100": "recall_100",
}
ORDER = ["article-search", "bm25s", "lunr", "minisearch", "orama"]  # table rows


def metrics(ranked, gains):
    """One query's figures, by trec_eval's definitions: `gains` maps every judged
    document to its gain (0 = judged not relevant); relevant means gain > 0;
    nDCG uses the gains as they are over log2(rank + 1), against the ideal
    order of all judged documents; MAP and recall divide by every relevant
    document, retrieved or not."""
    relevant = sum(1 for g in gains.values() if g > 0)
    ranked = ranked[:DEPTH]
    found, precisions = 0, 0.0
    for rank, doc in enumerate(ranked, start=1):
        if gains.get(doc, 0) > 0:
            found += 1
            precisions += found / rank
    dcg = sum(gains.get(doc, 0) / math.log2(rank + 1) for rank, doc in enumerate(ranked[:10], start=1))
    ideal = sorted((g for g in gains.values() if g > 0), reverse=True)[:10]
    idcg = sum(g / math.log2(rank + 1) for rank, g in enumerate(ideal, start=1))
    return {
        "ndcg@10": dcg / idcg if idcg else 0.0,
        "p@10": sum(1 for doc in ranked[:10] if gains.get(doc, 0) > 0) / 10,
        "map@100": precisions / relevant if relevant else 0.0,
        "recall@100": found / relevant if relevant else 0.0,
    }


def cross_check(run, qrels, ours, label):
    """trec_eval on the same run. It orders a run by score, so each hit gets a
    score that keeps the engine's own order. It leaves out queries that have no
    hit (they score 0 here, as with trec_eval -c)."""
    scored = {qid: {doc: float(DEPTH - rank) for rank, doc in enumerate(docs[:DEPTH])} for qid, docs in run.items() if docs}
    evaluator = pytrec_eval.RelevanceEvaluator(qrels, set(METRICS.values()))
    theirs = evaluator.evaluate(scored)
    worst = 0.0
    for qid, figures in ours.items():
        for name, measure in METRICS.items():
            diff = abs(figures[name] - theirs.get(qid, {}).get(measure, 0.0))
            worst = max(worst, diff)
            if diff > TOLERANCE:
                sys.exit(f"[relevance] {label}: {name} of query {qid} is {figures[name]:.6f} here and "
                         f"{theirs.get(qid, {}).get(measure, 0.0):.6f} by trec_eval: the two disagree; fix evaluate.py")
    return worst


def evaluate(run_file, qrels, queries):
    with open(run_file, encoding="utf-8") as f:
        run = json.load(f)
    result = {k: run[k] for k in ("engine", "name", "version", "settings", "seconds")}
    result["measured"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")
    result["modes"] = {}
    for mode in MODES:
        docs = {q["qid"]: run["runs"][mode][q["qid"]] for q in queries}
        per_query = {qid: metrics(docs[qid], qrels[qid]) for qid in docs}
        worst = cross_check(docs, qrels, per_query, f"{run['engine']} {mode}")
        summary = {name: sum(f[name] for f in per_query.values()) / len(per_query) for name in METRICS}
        summary["no hit"] = sum(1 for d in docs.values() if not d) / len(docs)
        summary["trec_eval max difference"] = worst
        summary["ndcg@10 per query"] = {qid: round(f["ndcg@10"], 4) for qid, f in per_query.items()}
        result["modes"][mode] = summary
    return result


def table(engines):
    rows = [
        "| engine | queries | nDCG@10 | P@10 | MAP@100 | Recall@100 | no hit | measured (UTC) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for e in engines:
        for mode, label in MODES.items():
            m = e["modes"][mode]
            rows.append(f"| {e['name']} | {label} | {m['ndcg@10']:.3f} | {m['p@10']:.3f} | {m['map@100']:.3f} "
                        f"| {m['recall@100']:.3f} | {m['no hit']:.0%} | {e['measured']} |")
    return "\n".join(rows)


def report(results, engines, worst):
    settings = "\n".join(f"- **{e['name']}** ({e['version']}): {e['settings']}. {e['seconds']} s to index and answer the 450 queries."
                         for e in engines)
    return f"""# Relevance on Cranfield

How good are the answers, not how fast? Every engine answers the 225 questions of the
Cranfield collection over the same 1,398 abstracts, and its top {DEPTH} is scored against
the researchers' judgments. Made by `bash bench/relevance/run.sh` (how: the top of that file).

Updated {results['updated']}; the last run ({', '.join(results['engines run'])}) took {results['seconds']} s
on 2 cores, building our engine included (a first build also compiles its dependencies: about
2.5 minutes more). Versions: {', '.join(e['version'] for e in engines)}.

{table(engines)}

## How to read it

- **as written**: the question as its researcher wrote it (`what similarity laws must be obeyed
  when constructing aeroelastic models of heated high speed aircraft .`). **3 keywords**: its three
  words of highest IDF (`laws constructing aeroelastic`), what a person types into a search box
  (`keywords.json` of the shared collection).
- **nDCG@10**: the top 10 against the best possible top 10 (1.0), each hit weighed by its grade
  (gain 4 for a complete answer, grade 1, down to 1 for minimal interest, grade 4; 0 for not
  relevant or not judged) and by its rank (divided by log2(rank + 1)). The headline figure.
- **P@10**: the share of the top 10 that is relevant (any grade 1..4). A question has 7.2
  relevant documents on average (1 to 39), so a perfect engine gets about 0.6, not 1.
- **MAP@100**: the precision at each relevant document found in the top 100, averaged over all the
  question's relevant documents (found or not): rewards finding them all, early.
- **Recall@100**: the share of the question's relevant documents found in the top 100.
- **no hit**: the share of questions that got no result at all.
- Every figure is the mean over all 225 questions; a question with no hit counts 0.
- **measured**: when that row was measured. A run of some engines (`RELEVANCE_ENGINES=...`)
  keeps the other rows as they were.
- **BM25** is the reference: the standard ranking of the literature with stems and stop words,
  any word of the question counting. It is where a good engine lands on this collection.
- The formulas are trec_eval's (`ndcg_cut.10`, `P.10`, `map_cut.100`, `recall.100`), written out
  in `evaluate.py` and checked in every run against trec_eval itself (pytrec_eval-terrier) on
  every query: the largest difference in the last run was {worst:.1e}.
- `results.json` has the same figures and, per engine and mode, each question's nDCG@10
  (`ndcg@10 per query`, by judgment id 1..225, the position in `cran.qry`): where to look first
  when a change moves the mean.

## What every engine gets

- **The documents** (`cranfield.py`, into `target/relevance/articles/NNNN.txt`, NNNN the Cranfield
  number): the title (`.T`, without its closing ` .`), a blank line, the abstract (`.W`, which
  starts by repeating the title). Authors and bibliographic lines are left out. Documents 471 and
  995 have no text and are left out (995 is judged useful background for question 125: nobody can
  find it); 576 and 578 have two `.W` parts, kept as two paragraphs. Our engine reads the folder
  through its build; the others read it as the speed benchmark's peers do (first line the title,
  the rest the body). One difference the text format makes: our engine clips a title line
  longer than 90 characters (422 documents) to a headline and then keeps the whole line in the
  body, so for those documents it sees the title's words once more than the others do.
- **The queries**: the same strings to every engine, at most {DEPTH} hits each, with two changes
  forced by a query syntax. Our engine gets a **trailing space** after every query: it treats a
  last word that ends in a letter or digit as a prefix being typed (search as you type), and a
  submitted question is complete words. Lunr gets its query syntax characters `: ~ ^ * + -`
  replaced by spaces, or it reads them as fields, edit distances, boosts, wildcards and presence
  (and throws on some of them). Of these only `-` occurs, inside words (Lunr splits there anyway)
  and in question 8, where the collection writes a dash as ` -dash `: the other engines get it as
  it is, and our engine reads it as "without the word dash" (13 documents have it).
- **The judgments** (`cranqrel`): `question document grade`; the questions are numbered by their
  position in `cran.qry` (its `.I` numbers skip). Grade -1 is judged not relevant.

## Engine settings

{settings}
"""


def main(data, out, *engines_run):
    with open(os.path.join(data, "qrels.json"), encoding="utf-8") as f:
        qrels = json.load(f)
    with open(os.path.join(data, "queries.json"), encoding="utf-8") as f:
        queries = json.load(f)
    previous = {}
    try:
        with open(os.path.join(out, "results.json"), encoding="utf-8") as f:
            previous = {e["engine"]: e for e in json.load(f)["engines"]}
    except FileNotFoundError:
        pass

    fresh = {name: evaluate(os.path.join(data, "runs", f"{name}.json"), qrels, queries) for name in engines_run}
    engines = {**previous, **fresh}
    engines = [engines[n] for n in sorted(engines, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))]
    worst = max(m["trec_eval max difference"] for e in fresh.values() for m in e["modes"].values())

    results = {
        "collection": "Cranfield: 1,398 abstracts (471 and 995 have no text), 225 queries, graded judgments",
        "depth": DEPTH,
        "updated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": int(os.environ.get("RELEVANCE_SECONDS", "0")) or None,
        "engines run": list(engines_run),
        "engines": engines,
    }
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1)
        f.write("\n")

    # Hand-written notes (how our ranking rule was chosen) follow the generated report.
    notes_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "NOTES.md")
    notes = open(notes_file, encoding="utf-8").read() if os.path.exists(notes_file) else ""
    with open(os.path.join(out, "RESULTS.md"), "w", encoding="utf-8") as f:
        f.write(report(results, engines, worst))
        if notes:
            f.write("\n" + notes)
    print(table([e for e in engines if e["engine"] in engines_run]))
    for name in engines_run:  # for quick iterations on the engine: what changed
        if name in previous:
            for mode, label in MODES.items():
                before, now = previous[name]["modes"][mode], fresh[name]["modes"][mode]
                print(f"[relevance] {fresh[name]['name']}, {label}: nDCG@10 {before['ndcg@10']:.3f} -> {now['ndcg@10']:.3f}, "
                      f"no hit {before['no hit']:.0%} -> {now['no hit']:.0%} (was measured {previous[name]['measured']})")
    print(f"[relevance] trec_eval agrees with evaluate.py (largest difference {worst:.1e}); "
          f"wrote {out}/RESULTS.md and results.json")


if __name__ == "__main__":
    main(*sys.argv[1:])
