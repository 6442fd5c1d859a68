// `npm run package`: the engine and the element as an npm package, typed, in
// dist/package/, for sites built with a bundler:
//
//   import init, { search } from 'article-search';        // the engine
//   import 'article-search/element';                      // <article-search>
//
// Layout (the element finds its stylesheet and the engine next to itself):
//   package.json, article-search.js, article-search-worker.js, article-search.css, article-search.d.ts,
//   pkg/article_search.js, pkg/article_search_bg.wasm, pkg/article_search.d.ts
//
//   node .ci/package.mjs              build the wasm (articles/ or ARTICLE_SEARCH_ARTICLES)
//   node .ci/package.mjs --no-build   reuse www/pkg (build_page_wasm, in .ci/env.sh)
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist/package');
const BUILT = join(ROOT, 'www/pkg');
const args = process.argv.slice(2);
for (const arg of args) {
  if (arg !== '--no-build') {
    console.error(`unknown argument ${arg}: the option is --no-build`);
    process.exit(2);
  }
}

if (!args.includes('--no-build')) {
  execFileSync('bash', ['-c', 'source .ci/env.sh && build_page_wasm'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'pkg'), { recursive: true });
for (const file of ['article_search.js', 'article_search_bg.wasm', 'article_search.d.ts']) {
  copyFileSync(join(BUILT, file), join(OUT, 'pkg', file));
}
// A split layout's document files (pkg/files/), which the element's worker fetches.
if (existsSync(join(BUILT, 'files'))) cpSync(join(BUILT, 'files'), join(OUT, 'pkg/files'), { recursive: true });
for (const file of ['article-search.js', 'article-search-worker.js', 'article-search.css', 'article-search.d.ts']) {
  copyFileSync(join(ROOT, 'www', file), join(OUT, file));
}
const { version, license } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
const manifest = {
  name: 'article-search',
  version: version ?? /^version = "(.+)"$/m.exec(cargo)[1],
  description: 'Client-side article search: an fst index embedded in a WebAssembly module, and the <article-search> element',
  license: license ?? /^license = "(.+)"$/m.exec(cargo)[1],
  type: 'module',
  exports: {
    '.': { types: './pkg/article_search.d.ts', default: './pkg/article_search.js' },
    './element': { types: './article-search.d.ts', default: './article-search.js' },
    './article-search.css': './article-search.css',
    './article-search-worker.js': './article-search-worker.js',
    './pkg/article_search_bg.wasm': './pkg/article_search_bg.wasm',
  },
  types: './pkg/article_search.d.ts',
  sideEffects: ['./article-search.js'],
  files: ['article-search.js', 'article-search-worker.js', 'article-search.css', 'article-search.d.ts', 'pkg/'],
};
writeFileSync(join(OUT, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`[package] ${OUT}: ${manifest.name} ${manifest.version}`);
