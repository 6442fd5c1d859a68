// Lunr: the index serialized with JSON.stringify; Lunr keeps no documents,
// so (as its users do) titles and bodies go in a second JSON file for the
// results. Prefix is `pre*`, one typo is `word~1`. No phrase search.
import lunr from 'lunr';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCorpus } from '../corpus.mjs';
import { snippet, words } from './common.mjs';

// Long text: Lunr's default (any word), with its query syntax characters
// taken out so that a pasted paragraph cannot be read as operators.
const plain = (text) => text.replace(/[:~^*+\-]/g, ' ');
const SYNTAX = { exact: (w) => `+${w}`, prefix: (w) => `+${w}*`, typo: (w) => `+${w}~1`, question: plain, paste: plain };

export default {
  name: 'Lunr',
  package: 'lunr',
  library: "export { default } from 'lunr';",
  features: { exact: true, prefix: true, typo: true, phrase: false, question: true, paste: true },

  async build(corpusDir, outDir) {
    const docs = readCorpus(corpusDir);
    const index = lunr(function () {
      this.ref('id');
      this.field('title', { boost: 3 });
      this.field('body');
      for (const d of docs) this.add(d);
    });
    writeFileSync(join(outDir, 'index.json'), JSON.stringify(index));
    const store = Object.fromEntries(docs.map((d) => [d.id, [d.title, d.body]]));
    writeFileSync(join(outDir, 'docs.json'), JSON.stringify(store));
    return ['index.json', 'docs.json'];
  },

  async load(outDir) {
    const index = lunr.Index.load(JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')));
    const store = JSON.parse(readFileSync(join(outDir, 'docs.json'), 'utf8'));
    return { index, store };
  },

  search({ index, store }, kind, query) {
    const ws = words(query);
    const results = index.search(ws.map(SYNTAX[kind]).join(' '));
    return {
      total: results.length,
      hits: results.slice(0, 10).map((r) => {
        const [title, body] = store[r.ref];
        return { id: r.ref, title, snippet: snippet(body, ws) };
      }),
    };
  },
};
