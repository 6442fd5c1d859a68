"""The reference: plain BM25 from a well-known implementation (bm25s), the
baseline of the IR literature, to know where "good" is on this collection.

    python bm25.py DATA_DIR     reads DATA_DIR/articles, queries.json; writes DATA_DIR/runs/bm25s.json
"""

import json
import os
import sys
import time
from importlib.metadata import version

import bm25s
import Stemmer

K1, B = 1.2, 0.75
VERSION = f"bm25s {version('bm25s')}, PyStemmer {version('PyStemmer')}"
SETTINGS = (f"method lucene, k1 {K1}, b {B}, English Snowball stems (PyStemmer), bm25s's English stop words, "
            "title and body concatenated; any word")


def read_articles(folder):
    """The folder as the peers read it: first line the title, the rest the body."""
    ids, texts = [], []
    for name in sorted(f for f in os.listdir(folder) if f.endswith(".txt")):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            title, _, body = f.read().partition("\n")
        ids.append(name[:-4])
        texts.append(f"{title.strip()}\n{body.strip()}")
    return ids, texts


def main(data):
    start = time.perf_counter()
    ids, texts = read_articles(os.path.join(data, "articles"))
    stemmer = Stemmer.Stemmer("english")

    def tokenize(strings):
        return bm25s.tokenize(strings, stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False)

    retriever = bm25s.BM25(k1=K1, b=B)
    retriever.index(tokenize(texts), show_progress=False)

    with open(os.path.join(data, "queries.json"), encoding="utf-8") as f:
        queries = json.load(f)
    runs = {}
    for mode in ("written", "keywords"):
        runs[mode] = {}
        for q, tokens in zip(queries, tokenize([q[mode] for q in queries])):
            known = retriever.get_tokens_ids(tokens)
            if not known:
                runs[mode][q["qid"]] = []
                continue
            scores = retriever.get_scores(known)
            # Every document with a positive score, best first; equal scores in
            # document order, so the run is the same every time.
            order = sorted((i for i in range(len(ids)) if scores[i] > 0), key=lambda i: (-scores[i], i))
            runs[mode][q["qid"]] = [ids[i] for i in order[:100]]

    os.makedirs(os.path.join(data, "runs"), exist_ok=True)
    with open(os.path.join(data, "runs", "bm25s.json"), "w", encoding="utf-8") as f:
        json.dump({"engine": "bm25s", "name": "BM25 (bm25s)", "version": VERSION, "settings": SETTINGS,
                   "seconds": round(time.perf_counter() - start, 1), "runs": runs}, f)
    print(f"[relevance] bm25s: done in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main(*sys.argv[1:])
