"""Cranfield -> what every engine reads: a folder of articles, the queries, the judgments.

    python3 cranfield.py CRANFIELD_DIR OUT_DIR

writes OUT_DIR/articles/NNNN.txt (one per document, NNNN its Cranfield number),
OUT_DIR/queries.json and OUT_DIR/qrels.json. The folder of articles is the one
source of the documents: our engine's build reads it, and so do the peers and
BM25, so all of them index exactly the same text.
"""

import json
import os
import re
import sys


def fields(text, marker_names):
    """Splits a Cranfield file into records: `.I n` starts one, `.X` lines start
    its fields. Returns [(n, {field: [part, ...]})]; a field can repeat (576
    and 578 have two `.W` parts), so each holds a list of parts."""
    records = []
    field = None
    for line in text.splitlines():
        m = re.fullmatch(r"\.([A-Z])(?: (.*))?", line.rstrip())
        if m and m.group(1) == "I":
            records.append((int(m.group(2)), {}))
            field = None
        elif m and m.group(1) in marker_names:
            field = m.group(1)
            records[-1][1].setdefault(field, []).append([])
        elif field is not None:
            records[-1][1][field][-1].append(line)
    return records


def flat(lines):
    """The hard-wrapped lines of one part as one line of text."""
    return " ".join(" ".join(lines).split())


def article(record):
    """Title line, blank line, body: our text format (README, "Your articles").
    The body is the abstract as distributed (it starts by repeating the title);
    two `.W` parts become two paragraphs. Authors and the bibliographic line are
    left out: they are not what a reader searches. A title's closing period
    (Cranfield writes ` .`) goes: a headline has none, and our engine takes a
    first line as the title only minus it (else it also keeps the line in the
    body, and the title would count once more for our engine than for the
    others)."""
    title = " ".join(flat(p) for p in record.get("T", [])).rstrip(". ")
    body = "\n\n".join(flat(p) for p in record.get("W", []) if flat(p))
    return title, body


def write_if_changed(path, text):
    """Leaves an unchanged file alone, so its mtime stays and the engine's
    build script (rerun-if-changed on each file) does not re-index for nothing."""
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main(src, out):
    with open(os.path.join(src, "cran.all.1400"), encoding="utf-8") as f:
        docs = fields(f.read(), "TABW")
    assert [n for n, _ in docs] == list(range(1, 1401)), "cran.all.1400: expected documents 1..1400 in order"

    folder = os.path.join(out, "articles")
    os.makedirs(folder, exist_ok=True)
    wanted, skipped = set(), []
    for n, record in docs:
        title, body = article(record)
        if not title and not body:
            # 471 and 995 have no text at all. An empty file would be skipped by
            # our build with a warning anyway; leaving them out keeps every
            # engine on the same 1,398 documents (none can retrieve them).
            skipped.append(n)
            continue
        name = f"{n:04d}.txt"
        wanted.add(name)
        write_if_changed(os.path.join(folder, name), f"{title}\n\n{body}\n")
    for stale in set(os.listdir(folder)) - wanted:
        os.remove(os.path.join(folder, stale))

    with open(os.path.join(src, "cran.qry"), encoding="utf-8") as f:
        questions = fields(f.read(), "W")
    with open(os.path.join(src, "keywords.json"), encoding="utf-8") as f:
        keywords = {q["qid"]: q["keywords"] for q in json.load(f)["queries"]}
    # The judgments number the queries 1..225 by position in cran.qry, not by
    # their `.I` (001, 002, 004, 008, ...).
    queries = [
        {"qid": str(i), "cran_I": n, "written": flat(r["W"][0]), "keywords": keywords[str(i)]}
        for i, (n, r) in enumerate(questions, start=1)
    ]
    assert len(queries) == 225 == len(keywords), "expected 225 queries in cran.qry and keywords.json"

    # Graded gain as usual for nDCG: grade 1 (a complete answer) -> 4 ... grade
    # 4 (minimal interest) -> 1; -1 (not relevant) -> 0.
    qrels = {}
    with open(os.path.join(src, "cranqrel"), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            qid, doc, grade = line.split()
            gain = 5 - int(grade) if 1 <= int(grade) <= 4 else 0
            qrels.setdefault(qid, {})[f"{int(doc):04d}"] = gain
    assert set(qrels) == {q["qid"] for q in queries}, "cranqrel: expected judgments for queries 1..225"

    write_if_changed(os.path.join(out, "queries.json"), json.dumps(queries, indent=1) + "\n")
    write_if_changed(os.path.join(out, "qrels.json"), json.dumps(qrels, indent=1, sort_keys=True) + "\n")
    print(f"[relevance] Cranfield: {len(wanted)} articles in {folder} (no text, left out: {skipped}), "
          f"{len(queries)} queries, {sum(len(v) for v in qrels.values())} judgments")


if __name__ == "__main__":
    main(*sys.argv[1:])
