// Asks the JavaScript engines every Cranfield query in both modes and saves
// their top 100 per query as runs/<engine>.json, for evaluate.py.
//
//   node engines.mjs DATA_DIR ENGINE...   (article-search lunr minisearch orama)
//
// Every engine gets the same documents (DATA_DIR/articles, read as the
// benchmark's peers read a corpus) and the same query strings; only what each
// engine's query syntax forces is changed, and said below. Our engine was
// built from that folder by run.sh into DATA_DIR/pkg (env
// RELEVANCE_ENGINE_VERSION and RELEVANCE_BUILD_SECONDS describe that build).
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { create, insertMultiple, search } from '@orama/orama';
import { readCorpus } from '../corpus.mjs';

const DEPTH = 100;
const require = createRequire(import.meta.url);
// The installed version, read from the file: not every package exports its package.json.
const version = (pkg) =>
  JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;

const ENGINES = {
  'article-search': {
    name: 'article-search',
    version: () => process.env.RELEVANCE_ENGINE_VERSION,
    settings: () =>
      'built through wasm-pack from the articles folder ' +
      `(build ${process.env.RELEVANCE_BUILD_SECONDS} s); search(query + ' ', {limit: 100})`,
    index: (_docs, data) => require(join(data, 'pkg', 'article_search.js')),
    // A trailing space: the engine completes the last word as a prefix while
    // it is being typed (it ends in a letter or digit); a question submitted
    // whole is complete words, and the space says so.
    search: (engine, q) => engine.search(`${q} `, { limit: DEPTH }).hits.map((h) => h.id),
  },
  lunr: {
    name: 'Lunr',
    version: () => `lunr ${version('lunr')}`,
    settings: () =>
      `defaults (English stemmer and stop words, any word), fields title (boost 2) and body; ` +
      'query syntax characters : ~ ^ * + - replaced by spaces',
    index: (docs) =>
      lunr(function () {
        this.ref('id');
        this.field('title', { boost: 2 });
        this.field('body');
        for (const d of docs) this.add(d);
      }),
    // Lunr parses its query syntax (field:, ~edits, ^boost, * wildcard, +/-
    // presence) and throws on some of it (`a:b` with an unknown field, `~x`);
    // a question is plain text, so those characters become spaces. Here only
    // "-" occurs: inside words, where Lunr splits words anyway, and in
    // question 8's "-dash" (the collection's way of writing a dash), which
    // Lunr would read as "without the word dash".
    search: (index, q) =>
      index
        .search(q.replace(/[:~^*+\-]/g, ' '))
        .slice(0, DEPTH)
        .map((r) => r.ref),
  },
  minisearch: {
    name: 'MiniSearch',
    version: () => `minisearch ${version('minisearch')}`,
    settings: () =>
      `defaults (no stemming, no stop words, any word, no prefix, no fuzzy), ` +
      'fields title (boost 2) and body',
    index: (docs) => {
      const ms = new MiniSearch({ fields: ['title', 'body'], searchOptions: { boost: { title: 2 } } });
      ms.addAll(docs);
      return ms;
    },
    search: (ms, q) =>
      ms
        .search(q)
        .slice(0, DEPTH)
        .map((r) => r.id),
  },
  orama: {
    name: 'Orama',
    version: () => `@orama/orama ${version('@orama/orama')}`,
    settings: () =>
      `defaults (no stemming, no stop words, every term a prefix, ` +
      'threshold 1: any word), schema title and body, no boost',
    index: async (docs) => {
      // The id is the document's id, not a searchable field.
      const db = create({ schema: { title: 'string', body: 'string' } });
      await insertMultiple(db, docs);
      return db;
    },
    search: (db, q) => search(db, { term: q, limit: DEPTH }).hits.map((h) => h.id),
  },
};

const [data, ...names] = process.argv.slice(2);
const docs = readCorpus(join(data, 'articles'));
const queries = JSON.parse(readFileSync(join(data, 'queries.json'), 'utf8'));
mkdirSync(join(data, 'runs'), { recursive: true });
for (const name of names) {
  const engine = ENGINES[name];
  if (!engine) throw new Error(`unknown engine ${name}: expected one of ${Object.keys(ENGINES).join(', ')}`);
  const t0 = performance.now();
  const index = await engine.index(docs, data);
  const runs = {};
  for (const mode of ['written', 'keywords']) {
    runs[mode] = {};
    for (const q of queries) runs[mode][q.qid] = await engine.search(index, q[mode]);
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  const run = { engine: name, name: engine.name, version: engine.version(), settings: engine.settings(), seconds, runs };
  writeFileSync(join(data, 'runs', `${name}.json`), JSON.stringify(run));
  console.log(`[relevance] ${engine.name}: ${docs.length} documents, ${queries.length} queries × 2 modes in ${seconds} s`);
}
