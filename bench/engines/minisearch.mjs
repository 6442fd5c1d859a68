// MiniSearch: the index serialized with JSON.stringify, title and body kept
// with storeFields so results can show them. No phrase search.
import MiniSearch from 'minisearch';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCorpus } from '../corpus.mjs';
import { snippet, words } from './common.mjs';

const OPTIONS = { fields: ['title', 'body'], storeFields: ['title', 'body'], searchOptions: { boost: { title: 3 } } };
const KIND = {
  exact: { prefix: false, fuzzy: false },
  prefix: { prefix: true, fuzzy: false },
  typo: { prefix: false, fuzzy: 1 },
  // Long text: its documented default, any word (OR).
  question: { prefix: false, fuzzy: false, combineWith: 'OR' },
  paste: { prefix: false, fuzzy: false, combineWith: 'OR' },
};

export default {
  name: 'MiniSearch',
  package: 'minisearch',
  library: "export { default } from 'minisearch';",
  features: { exact: true, prefix: true, typo: true, phrase: false, question: true, paste: true },

  async build(corpusDir, outDir) {
    const ms = new MiniSearch(OPTIONS);
    ms.addAll(readCorpus(corpusDir));
    writeFileSync(join(outDir, 'index.json'), JSON.stringify(ms));
    return ['index.json'];
  },

  async load(outDir) {
    return MiniSearch.loadJSON(readFileSync(join(outDir, 'index.json'), 'utf8'), OPTIONS);
  },

  search(ms, kind, query) {
    const results = ms.search(words(query).join(' '), { combineWith: 'AND', ...KIND[kind] });
    return {
      total: results.length,
      hits: results.slice(0, 10).map((r) => ({ id: r.id, title: r.title, snippet: snippet(r.body, r.terms) })),
    };
  },
};
