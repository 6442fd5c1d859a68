// Pagefind: indexed through its Node API (its native indexer ships in the npm
// package) as custom records, written to a folder. Its search runs in a
// browser and fetches index chunks and fragments as it needs them, so its
// queries are measured in headless Chromium over a local static server
// (bench/pagefind-browser.mjs). It has no typo tolerance.
import * as pagefind from 'pagefind';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readCorpus } from '../corpus.mjs';

// What its search needs; the rest of its output is optional UI.
const UI = /^pagefind-(ui|modular-ui|component-ui|highlight)\b|^wasm\.unknown\.|playground/;

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export default {
  name: 'Pagefind',
  package: 'pagefind',
  library: null, // pagefind.js and its wasm are among the files it writes
  browser: true,
  features: { exact: true, prefix: true, typo: false, phrase: true },
  // Quotes are Pagefind's exact mode (no completions, no similar words).
  syntax: { exact: (w) => `"${w}"`, prefix: (w) => w, phrase: ([a, b]) => `"${a} ${b}"` },

  async build(corpusDir, outDir) {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    for (const d of readCorpus(corpusDir)) {
      const r = await index.addCustomRecord({ url: `/${d.id}/`, content: d.body, language: 'en', meta: { title: d.title } });
      if (r.errors?.length) throw new Error(`pagefind: ${r.errors.join('; ')}`);
    }
    const w = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    if (w.errors?.length) throw new Error(`pagefind: ${w.errors.join('; ')}`);
    await pagefind.close();
    const all = walk(outDir).map((p) => relative(outDir, p));
    return all.filter((f) => !UI.test(f.split('/').pop()));
  },
};
