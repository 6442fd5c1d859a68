// The split layout in headless Chromium: the bundled articles built with
// their words' postings and their text in files (target/e2e-split/pkg/files/),
// which the widget's worker fetches for the words searched and the hits it
// shows, checked against their hash.
//
//   ARTICLE_SEARCH_LAYOUT=split ARTICLE_SEARCH_FILES_DIR=target/e2e-split/pkg/files \
//     wasm-pack --quiet build --target web --release --out-dir target/e2e-split/pkg --no-typescript --no-pack
//   node --test tests/e2e/split.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, ROOT, readReader, readResults, setup, stageDemo, waitReady } from './helpers.mjs';

const DIR = join(ROOT, 'target', 'e2e-split');
const BUILD =
  'ARTICLE_SEARCH_LAYOUT=split ARTICLE_SEARCH_FILES_DIR=target/e2e-split/pkg/files wasm-pack --quiet build ' +
  '--target web --release --out-dir target/e2e-split/pkg --no-typescript --no-pack';
const BELOUSOV = '004_8527679b616142e3';

let split;
let embedded;

before(async () => {
  stageDemo(DIR, BUILD);
  split = await setup({ dir: DIR });
  embedded = await setup();
});
after(async () => {
  await split?.close();
  await embedded?.close();
});

const FILE = /^[0-9a-f]{16}\.(docs|postings|terms|tails|dates)$/;

/** What the widget shows for `query` on `env`'s page, and which index files the page fetched, in order. */
async function answer(env, query) {
  const { page, context } = await env.open();
  const fetched = [];
  page.on('request', (r) => FILE.test(r.url().split('/').pop()) && fetched.push(r.url().split('/').pop()));
  await page.fill('article-search input', query);
  const results = await readResults(page);
  await context.close();
  return { results: { ...results, time: null }, fetched };
}

test('the split build: dictionary, postings and document files named by their hash, none in the module', () => {
  const files = readdirSync(join(DIR, 'pkg', 'files'));
  for (const kind of ['.terms', '.tails', '.postings', '.docs', '.dates']) assert.ok(files.some((f) => f.endsWith(kind)), `${kind}: ${files.join(' ')}`);
  assert.ok(files.every((f) => FILE.test(f)), files.join(' '));
});

test('it answers as the embedded layout does, fetching its words\' blocks, their postings, then the files of the hits shown', async () => {
  for (const query of ['Belousov', 'ha noi', 'defence cooperation', '"law of the sea"', 'delegatoin']) {
    const a = await answer(split, query);
    const b = await answer(embedded, query);
    assert.deepEqual(a.results, b.results, query);
    assert.deepEqual(b.fetched, [], 'the embedded page fetches no file');
    const rank = (f) => (f.endsWith('.docs') ? 2 : f.endsWith('.postings') ? 1 : 0);
    const kinds = a.fetched.map(rank);
    assert.deepEqual([...new Set(kinds)].sort(), [0, 1, 2], `${query}: blocks, postings and documents: ${a.fetched}`);
    assert.equal(kinds[0], 0, `${query}: the dictionary first: ${a.fetched}`);
    assert.ok(kinds.indexOf(2) > kinds.lastIndexOf(1), `${query}: documents last: ${a.fetched}`);
    assert.equal(new Set(a.fetched).size, a.fetched.length, `${query}: each file once`);
  }
});

test('newest first and browsing by a filter fetch the dates file once, and order as the embedded page (screenshot: split-newest)', async () => {
  /** Hit ids newest first for `query` (empty: browse the `defence` tag), and the files fetched. */
  async function newest(env, query) {
    const { page, context } = await env.open();
    const fetched = [];
    page.on('request', (r) => FILE.test(r.url().split('/').pop()) && fetched.push(r.url().split('/').pop()));
    await page.locator('article-search button.facet', { hasText: 'defence' }).waitFor();
    if (query) {
      await page.fill('article-search input', query);
      await page.locator('article-search [role="option"]').first().waitFor();
      await page.locator('article-search select.sort').selectOption('-date');
    } else {
      await page.locator('article-search button.facet', { hasText: 'defence' }).click();
    }
    await page.locator('article-search [role="option"] .hit-date').first().waitFor();
    const { hits } = await readResults(page);
    if (env === split && query) await page.screenshot({ path: join(OUT, 'split-newest.png'), fullPage: true });
    await context.close();
    return { ids: hits.map((h) => h.id), fetched };
  }
  for (const query of ['moscow', '']) {
    const a = await newest(split, query);
    const b = await newest(embedded, query);
    assert.deepEqual(a.ids, b.ids, `"${query}"`);
    assert.ok(a.ids.length >= 3, `"${query}": ${a.ids}`);
    assert.equal(a.fetched.filter((f) => f.endsWith('.dates')).length, 1, `"${query}": ${a.fetched}`);
  }
});

test('the reader opens an article of a file not fetched yet', async () => {
  const { page, context } = await split.open(`?article=${BELOUSOV}`);
  const reader = await readReader(page);
  assert.equal(reader.hidden, false);
  assert.match(reader.title, /Belousov/);
  assert.ok(reader.paragraphs.length > 1);
  await context.close();
});

test('faults: a missing, damaged or foreign file fails the search with a message, never a partial page; a 503 is retried', async () => {
  /** The widget's state for `query` with `handler` answering the index files. */
  async function withFiles(handler, query = 'Belousov') {
    // Not watched: the failures are logged, as they should be.
    const context = await split.browser.newContext({ viewport: { width: 900, height: 900 } });
    let requests = 0;
    await context.route('**/pkg/files/*', (route) => handler(route, ++requests));
    const page = await context.newPage();
    await page.goto(split.server.url);
    await waitReady(page);
    const events = [];
    await page.exposeFunction('reportError', (message) => events.push(message));
    await page.evaluate(() => document.querySelector('article-search').addEventListener('error', (e) => window.reportError(e.detail.message)));
    await page.fill('article-search input', query);
    const results = await readResults(page);
    const error = await page.evaluate(() => {
      const box = document.querySelector('article-search').shadowRoot.querySelector('.error');
      return box.hidden ? null : box.textContent;
    });
    // The page has settled; the worker may still be fetching the round's other
    // files, and closing must not fail their handlers mid-flight.
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
    return { results, error, events, requests };
  }

  const missing = await withFiles((route) => route.fulfill({ status: 404, body: 'not here' }));
  assert.match(missing.error, /^Search failed: HTTP 404 .*\/pkg\/files\/[0-9a-f]{16}\.terms: deploy all of pkg\/, its files\/ folder too/);
  assert.deepEqual(missing.results.hits, []);
  assert.equal(missing.results.count, '', 'no count either');
  assert.deepEqual(missing.events, [missing.error]);

  const truncated = await withFiles(async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.body()).subarray(0, 100) });
  });
  // A term block's length is not in the index (its hash says enough), a postings file's is.
  assert.match(truncated.error, /^Search failed: .*[0-9a-f]{16}\.terms is not the file this index names \(100 bytes\): from another build\?/);
  assert.deepEqual(truncated.results.hits, []);
  const truncatedPostings = await withFiles(async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    await route.fulfill({ response, body: route.request().url().endsWith('.postings') ? body.subarray(1) : body });
  });
  assert.match(truncatedPostings.error, /^Search failed: .*[0-9a-f]{16}\.postings is not the file this index names \((\d+) bytes, expected (\d+)\): from another build\?/);
  const [, got, expected] = truncatedPostings.error.match(/\((\d+) bytes, expected (\d+)\)/);
  assert.equal(Number(got) + 1, Number(expected));
  assert.deepEqual(truncatedPostings.results.hits, []);

  // Another build's file under this name: the bytes of a different file.
  const names = readdirSync(join(DIR, 'pkg', 'files'));
  const foreign = await withFiles(async (route) => {
    const other = names.find((n) => !route.request().url().endsWith(n));
    const response = await route.fetch({ url: route.request().url().replace(/[0-9a-f]{16}\.(docs|postings|terms|tails|dates)$/, other) });
    await route.fulfill({ response });
  });
  assert.match(foreign.error, /is not the file this index names/);

  // The blocks and postings fetched, a document file damaged: still no partial page.
  const damagedRecord = await withFiles(async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    await route.fulfill({ response, body: route.request().url().endsWith('.docs') ? body.subarray(1) : body });
  });
  assert.match(damagedRecord.error, /\.docs is not the file this index names/);
  assert.deepEqual(damagedRecord.results.hits, []);

  const flaky = await withFiles((route, n) => (n === 1 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
  assert.equal(flaky.error, null, 'retried');
  assert.equal(flaky.results.hits[0]?.id, BELOUSOV);
});

test('no console errors, CSP violations, page errors, failed requests or dialogs', () => {
  assert.deepEqual(split.problems, []);
  assert.deepEqual(split.dialogs, []);
});
