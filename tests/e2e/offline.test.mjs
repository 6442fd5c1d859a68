// The single-file build (npm run offline: dist/article-search.html) opened
// straight from disk as file://, with no server: it searches, opens the
// reader, and never touches the network.
//
//   node .ci/offline.mjs --no-build     (after build_page_wasm; or npm run offline)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OUT, ROOT, WWW, launchBrowser, readReader, readResults, requireFile, waitReady } from './helpers.mjs';

const FILE = join(ROOT, 'dist', 'article-search.html');
const BELOUSOV = '004_8527679b616142e3';

let browser;
const problems = [];
const requests = [];

before(async () => {
  requireFile(FILE, 'node .ci/offline.mjs   (or: npm run offline)');
  browser = await launchBrowser();
});

after(() => browser?.close());

async function open(search = '') {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
  page.on('dialog', (dialog) => problems.push(`dialog: ${dialog.message()}`));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(FILE).href + search);
  await waitReady(page);
  return { page, context };
}

test('the file holds the wasm of www/pkg, inlined, and refers to no other file', () => {
  const html = readFileSync(FILE, 'utf8');
  const inlined = /const WASM_BASE64 = "([A-Za-z0-9+/=]+)";/.exec(html)?.[1];
  assert.ok(inlined, 'the wasm is inlined as base64');
  const wasm = readFileSync(join(WWW, 'pkg', 'article_search_bg.wasm'));
  assert.ok(Buffer.from(inlined, 'base64').equals(wasm), 'the same module as www/pkg (else: node .ci/offline.mjs --no-build)');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
  const markup = html.replace(/(<script[^>]*>)[^]*?(<\/script>)/g, '$1$2').replace(/(<style>)[^]*?(<\/style>)/g, '$1$2');
  const external = markup.match(/<script[^>]+src=[^>]*>|<link[^>]+rel="(?:stylesheet|modulepreload|preload)"[^>]*>/g);
  assert.equal(external, null, 'no script or stylesheet from a file');
  console.log(`# ${FILE}: ${html.length} bytes`);
});

test('opened from file://, it searches as you type and highlights', async () => {
  const { page, context } = await open();
  assert.equal(new URL(page.url()).protocol, 'file:');
  await page.locator('article-search input').pressSequentially('Belousov');
  const { hits, count } = await readResults(page);
  assert.equal(hits[0]?.id, BELOUSOV);
  assert.ok(hits[0].marks.includes('Belousov'));
  assert.match(count, /^1 result\b/);
  const styled = await page.evaluate(() => {
    const root = document.querySelector('article-search').shadowRoot;
    return root.adoptedStyleSheets.length === 1 && getComputedStyle(root.querySelector('.hit-title')).fontWeight === '600';
  });
  assert.ok(styled, 'the widget stylesheet applies');
  await page.screenshot({ path: join(OUT, 'offline.png'), fullPage: true });
  await context.close();
});

test('from file://: ?q= on load, the reader view, Back', async () => {
  const { page, context } = await open('?q=ha+noi');
  assert.equal((await readResults(page)).hits.length > 0, true);
  await page.keyboard.press('Enter');
  await page.locator('article-search .reader').waitFor();
  const reader = await readReader(page);
  assert.ok(reader.marks.length > 0 && reader.paragraphs.length > 1);
  await page.goBack();
  await page.locator('article-search .reader').waitFor({ state: 'hidden' });
  assert.equal(await page.inputValue('article-search input'), 'ha noi');
  await context.close();
});

test('no network: only the file itself was requested (and data: URLs)', () => {
  const other = requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'));
  assert.deepEqual(other, []);
});

test('no console errors, page errors or dialogs', () => {
  assert.deepEqual(problems, []);
});
