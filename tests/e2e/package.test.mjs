// The typed npm package (`npm run package`, dist/package/) as a site with a
// bundler uses it: a TypeScript page imports the engine and the element by
// the package's name, `tsc` checks it against the package's declarations,
// esbuild bundles it, and the bundle runs in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, requireFile, launchBrowser } from './helpers.mjs';
import { startServer } from '../../.ci/static-server.mjs';

const PACKAGE = join(ROOT, 'dist/package');
const SITE = join(ROOT, 'target/e2e-package');

const PAGE = `
import init, { search, stats, type SearchResults, type Hit } from 'article-search';
import type { ArticleSearchElement, ResultsDetail } from 'article-search/element';
import 'article-search/element';

await init();
const results: SearchResults = search('Belousov', { limit: 3, filters: { tags: ['defence'] }, sort: '-date' });
const first: Hit | undefined = results.hits[0];
const element: ArticleSearchElement = document.createElement('article-search');
element.addEventListener('results', (event: CustomEvent<ResultsDetail>) => {
  document.body.dataset.element = \`\${event.detail.total} \${event.detail.fullMatches}\`;
});
document.body.append(element);
await element.ready;
element.value = 'Moscow';
document.body.dataset.api = JSON.stringify({ total: results.total, first: first?.id, documents: stats().documents });
`;

let server;
let browser;

before(() => {
  requireFile(join(PACKAGE, 'package.json'), 'npm run package');
  rmSync(SITE, { recursive: true, force: true });
  mkdirSync(join(SITE, 'node_modules'), { recursive: true });
  symlinkSync(PACKAGE, join(SITE, 'node_modules/article-search'), 'dir');
  writeFileSync(join(SITE, 'main.ts'), PAGE);
  writeFileSync(
    join(SITE, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'es2022', moduleResolution: 'bundler', strict: true, noEmit: true, lib: ['es2022', 'dom'], skipLibCheck: false },
      files: ['main.ts'],
    }),
  );
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the package type-checks a page that uses it (tsc, strict)', () => {
  execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', SITE], { stdio: 'pipe' });
  // And a wrong use is caught: the types are not `any`.
  writeFileSync(join(SITE, 'wrong.ts'), "import { search } from 'article-search';\nsearch('x', { sort: 'newest' });\n");
  const wrong = () =>
    execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '--strict', '--moduleResolution', 'bundler', '--module', 'es2022', '--target', 'es2022', join(SITE, 'wrong.ts')], { stdio: 'pipe' });
  assert.throws(wrong, (error) => /"newest"/.test(String(error.stdout)) && /TS2769|TS2322/.test(String(error.stdout)));
});

test('esbuild bundles it and the bundle searches in Chromium', async () => {
  const esbuild = await import('esbuild');
  const out = join(SITE, 'out');
  await esbuild.build({ entryPoints: [join(SITE, 'main.ts')], bundle: true, format: 'esm', outdir: out, absWorkingDir: SITE, logLevel: 'error' });
  // The engine's glue fetches its .wasm next to itself (bundled: next to the
  // bundle); the element loads its stylesheet and its worker next to itself,
  // and the worker the engine next to itself.
  cpSync(join(PACKAGE, 'pkg/article_search_bg.wasm'), join(out, 'article_search_bg.wasm'));
  cpSync(join(PACKAGE, 'pkg'), join(out, 'pkg'), { recursive: true });
  cpSync(join(PACKAGE, 'article-search.css'), join(out, 'article-search.css'));
  cpSync(join(PACKAGE, 'article-search-worker.js'), join(out, 'article-search-worker.js'));
  writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bundle</title><script type="module" src="main.js"></script>');
  server = await startServer({ dir: out, port: 0 });
  browser = await launchBrowser();
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(server.url);
  await page.waitForFunction(() => document.body.dataset.api && document.body.dataset.element, null, { timeout: 10000 });
  const api = JSON.parse(await page.evaluate(() => document.body.dataset.api));
  assert.deepEqual(api, { total: 1, first: '004_8527679b616142e3', documents: 5 });
  assert.equal(await page.evaluate(() => document.body.dataset.element), '3 3');
  assert.deepEqual(problems, []);
});
