// FlexSearch: a Document index with tokenize "forward" (what prefix search
// needs; exact queries then also match longer words) and title and body in
// its store, exported with export() into one JSON file of its keys. Its
// "fuzzy" options are phonetic encoders, not edit distance, and it has no
// phrase search: typo and phrase are n/a.
import FlexSearch from 'flexsearch';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCorpus } from '../corpus.mjs';
import { snippet, words } from './common.mjs';

const OPTIONS = {
  tokenize: 'forward',
  document: { id: 'id', index: ['title', 'body'], store: ['title', 'body'] },
};

export default {
  name: 'FlexSearch',
  package: 'flexsearch',
  library: "export { Document } from 'flexsearch';",
  features: { exact: true, prefix: true, typo: false, phrase: false },

  async build(corpusDir, outDir) {
    const index = new FlexSearch.Document(OPTIONS);
    for (const d of readCorpus(corpusDir)) index.add(d);
    const parts = {};
    await index.export((key, data) => {
      parts[key] = data;
    });
    writeFileSync(join(outDir, 'index.json'), JSON.stringify(parts));
    return ['index.json'];
  },

  async load(outDir) {
    const index = new FlexSearch.Document(OPTIONS);
    const parts = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8'));
    for (const [key, data] of Object.entries(parts)) await index.import(key, data);
    return index;
  },

  search(index, kind, query) {
    const ws = words(query);
    const results = index.search(ws.join(' '), { limit: 10, merge: true, enrich: true });
    return {
      total: null,
      hits: results.slice(0, 10).map((r) => ({ id: r.id, title: r.doc.title, snippet: snippet(r.doc.body, ws) })),
    };
  },
};
