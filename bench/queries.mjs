// Fixed query sets drawn from a corpus with a seeded generator, so that every
// engine and every run gets the same queries:
//   exact  200 words of the corpus (4+ letters, not stop words), 50 from each of
//          four document-frequency strata (top 1% of the vocabulary by document
//          frequency, 1-10%, 10-50%, the rarest half; at least 50 words each)
//   prefix the first half of each of those words, at least 3 letters
//   typo   each word with one letter replaced, never giving another corpus word
//   phrase 50 pairs of adjacent words taken from the text (3+ letters, no stop words)
//   question 50 runs of 10 consecutive words of the text (a question typed in full)
//   paste  50 runs of 60 consecutive words of the text (a pasted paragraph)
// (question and paste draw from a second generator, so adding them left the
// other sets as they were)
//
//   node bench/queries.mjs CORPUS_DIR OUT.json
import { writeFileSync } from 'node:fs';
import { readCorpus } from './corpus.mjs';

export const SEED = 42;

// Stop words that the peers (Lunr's English pipeline) drop, so an "exact"
// query for one would find nothing there through no fault of the engine.
const STOP = new Set(`a able about across after all almost also am among an and any are as at be because been but by
can cannot could dear did do does either else ever every for from get got had has have he her hers him his how however
i if in into is it its just least let like likely may me might most must my neither no nor not of off often on only or
other our own rather said say says she should since so some than that the their them then there these they this tis to
too twas us wants was we were what when where which while who whom why will with would yet you your`.split(/\s+/));

// A word: letters only, not glued to digits, underscores or hyphens (so no
// pieces of identifiers like kmalloc_node or ARMY-2024).
const WORD = /(?<![\p{L}\p{N}_-])[A-Za-z]+(?![\p{L}\p{N}_-])/gu;

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeQueries(docs, seed = SEED) {
  const rand = mulberry32(seed);
  const pick = (n) => Math.floor(rand() * n);

  const df = new Map();
  for (const { title, body } of docs) {
    const seen = new Set((`${title}\n${body}`.match(WORD) || []).map((w) => w.toLowerCase()));
    for (const w of seen) df.set(w, (df.get(w) || 0) + 1);
  }
  const vocabulary = [...df.keys()].filter((w) => w.length >= 4 && !STOP.has(w));
  vocabulary.sort((a, b) => df.get(b) - df.get(a) || (a < b ? -1 : 1));

  const V = vocabulary.length;
  // Strata bounds by rank, each holding at least 50 words on a small corpus.
  const bounds = [0];
  for (const f of [0.01, 0.1, 0.5]) bounds.push(Math.max(bounds[bounds.length - 1] + 50, Math.floor(f * V)));
  bounds.push(V);
  if (bounds[3] >= V) throw new Error(`vocabulary of ${V} words is too small for 200 query words`);
  const exact = [];
  for (let s = 0; s < 4; s++) {
    const [from, to] = [bounds[s], bounds[s + 1]];
    const chosen = new Set();
    while (chosen.size < 50) chosen.add(vocabulary[from + pick(to - from)]);
    exact.push(...chosen);
  }

  const prefix = exact.map((w) => w.slice(0, Math.max(3, Math.ceil(w.length / 2))));

  const typo = exact.map((w) => {
    for (;;) {
      const i = pick(w.length);
      const c = String.fromCharCode(97 + pick(26));
      const t = w.slice(0, i) + c + w.slice(i + 1);
      if (c !== w[i] && !df.has(t)) return t;
    }
  });

  const phrase = [];
  const seen = new Set();
  for (let tries = 0; phrase.length < 50 && tries < 100000; tries++) {
    const { body } = docs[pick(docs.length)];
    const words = body.split(/\s+/);
    if (words.length < 2) continue;
    const i = pick(words.length - 1);
    const [a, b] = [words[i], words[i + 1]];
    const ok = (w) => /^[A-Za-z]{3,}$/.test(w) && !STOP.has(w.toLowerCase());
    const key = `${a} ${b}`.toLowerCase();
    if (ok(a) && ok(b) && !seen.has(key)) {
      seen.add(key);
      phrase.push(key.split(' '));
    }
  }

  // Runs of consecutive words, as written (punctuation and all): ranked-OR
  // queries whose every content word counts, each from a random document
  // long enough to hold it.
  const runRand = mulberry32(seed + 1);
  const runs = (length) => {
    const out = [];
    for (let tries = 0; out.length < 50 && tries < 100000; tries++) {
      const { body } = docs[Math.floor(runRand() * docs.length)];
      const words = body.split(/\s+/).filter((w) => /[A-Za-z]/.test(w));
      if (words.length < length) continue;
      const i = Math.floor(runRand() * (words.length - length + 1));
      out.push(words.slice(i, i + length).join(' '));
    }
    return out;
  };
  const question = runs(10);
  const paste = runs(60);

  return {
    seed,
    documents: docs.length,
    vocabulary: V,
    exact,
    exactDf: exact.map((w) => df.get(w)),
    prefix,
    typo,
    phrase,
    question,
    paste,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, out] = process.argv.slice(2);
  const q = makeQueries(readCorpus(dir));
  writeFileSync(out, JSON.stringify(q, null, 1) + '\n');
  console.log(`${out}: ${q.exact.length} words, ${q.phrase.length} phrases, vocabulary ${q.vocabulary}`);
}
