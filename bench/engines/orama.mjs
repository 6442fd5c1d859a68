// Orama: the database saved with save() and JSON.stringify (what its data
// persistence plugin does), documents included. Terms match as prefixes
// unless exact: true; tolerance: 1 is one typo. No phrase search.
import { create, insertMultiple, load, save, search } from '@orama/orama';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCorpus } from '../corpus.mjs';
import { snippet, words } from './common.mjs';

const SCHEMA = { id: 'string', title: 'string', body: 'string' };
// question and paste: any word (threshold 1 keeps documents with only some of the terms).
const KIND = { exact: { exact: true }, prefix: {}, typo: { tolerance: 1 }, question: { threshold: 1 }, paste: { threshold: 1 } };

export default {
  name: 'Orama',
  package: '@orama/orama',
  library: "export { create, load, search } from '@orama/orama';",
  features: { exact: true, prefix: true, typo: true, phrase: false, question: true, paste: true },

  async build(corpusDir, outDir) {
    const db = create({ schema: SCHEMA });
    await insertMultiple(db, readCorpus(corpusDir), 1000);
    writeFileSync(join(outDir, 'db.json'), JSON.stringify(save(db)));
    return ['db.json'];
  },

  async load(outDir) {
    const db = create({ schema: SCHEMA });
    load(db, JSON.parse(readFileSync(join(outDir, 'db.json'), 'utf8')));
    return db;
  },

  search(db, kind, query) {
    const ws = words(query);
    const r = search(db, {
      term: ws.join(' '),
      properties: ['title', 'body'],
      boost: { title: 3 },
      threshold: 0,
      limit: 10,
      ...KIND[kind],
    });
    return {
      total: r.count,
      hits: r.hits.map((h) => ({ id: h.document.id, title: h.document.title, snippet: snippet(h.document.body, ws) })),
    };
  },
};
