// Browser tests of the search page (www/) in headless Chromium.
//
//   wasm-pack build --target web --release --out-dir www/pkg --no-typescript
//   node --test tests/e2e/
//
// The page is served with the strict CSP it is meant to work under, so a CSP
// violation shows up as a console error and fails the test run.
// CHROMIUM_PATH overrides the browser binary (default /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../.ci/static-server.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WWW = join(ROOT, 'www');
const WASM = join(WWW, 'pkg', 'article_search_bg.wasm');
const OUT = join(ROOT, 'test-output');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let server;
let browser;
/** Page errors, console errors, failed requests and dialogs seen by any page. */
const problems = [];
const dialogs = [];

before(async () => {
  if (!existsSync(WASM)) {
    throw new Error(
      `${WASM} is missing: build the wasm module first, from the repository root:\n` +
        '  wasm-pack build --target web --release --out-dir www/pkg --no-typescript',
    );
  }
  await mkdir(OUT, { recursive: true });
  server = await startServer({ dir: WWW, port: 0, headers: { 'Content-Security-Policy': CSP } });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the page (with `search` as the query string), waits until the engine is ready. */
async function openPage(search = '', contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    problems.push(`console error: ${message.text()} (${where})`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });

  const started = performance.now();
  await page.goto(new URL(search, server.url).href);
  await page.waitForFunction(
    () => document.documentElement.dataset.ready === 'true' || !document.getElementById('error').hidden,
  );
  const loadMs = performance.now() - started;
  const error = await page.locator('#error').evaluate((el) => (el.hidden ? '' : el.textContent));
  assert.equal(error, '', 'the page showed an error instead of becoming ready');
  return { page, context, loadMs };
}

/** What the tests look at: the count line and each hit's id, title, snippet and marks. */
function readResults(page) {
  return page.evaluate(() => ({
    count: document.getElementById('count').textContent,
    time: document.getElementById('time').textContent,
    hits: [...document.querySelectorAll('#results > li.hit')].map((li) => ({
      id: li.dataset.id,
      title: li.querySelector('.hit-title').textContent,
      snippet: li.querySelector('.hit-snippet').textContent,
      marks: [...li.querySelectorAll('.hit-snippet mark')].map((m) => m.textContent),
      titleMarks: [...li.querySelectorAll('.hit-title mark')].map((m) => m.textContent),
    })),
  }));
}

/** Number of hits in the count line ("3 results" -> 3, "No results…" -> 0). */
function countOf(text) {
  const m = /^([\d,]+) results?\b/.exec(text);
  return m ? Number(m[1].replace(/,/g, '')) : 0;
}

test('loads and becomes ready (timing logged)', async () => {
  const { page, context, loadMs } = await openPage();
  const inPage = await page.evaluate(() => performance.now());
  console.log(`# navigation to ready: ${loadMs.toFixed(0)} ms (page clock: ${inPage.toFixed(0)} ms)`);

  const focused = await page.evaluate(() => document.activeElement?.id);
  assert.equal(focused, 'q', 'the search input has focus');
  assert.equal(await page.locator('label[for="q"]').count(), 1, 'the input has a label');
  assert.equal(await page.locator('#count').getAttribute('aria-live'), 'polite');

  // Time a query directly against the already-initialised module.
  const timing = await page.evaluate(async () => {
    const { search } = await import('./pkg/article_search.js');
    search('defence'); // warm-up
    const runs = 200;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) search(i % 2 ? 'defence' : 'ha noi');
    return (performance.now() - t0) / runs;
  });
  console.log(`# one query (mean of 200, in page): ${timing.toFixed(3)} ms`);
  await context.close();
});

test('Belousov finds the one article that names him, highlighted', async () => {
  const { page, context } = await openPage();
  await page.fill('#q', 'Belousov');
  await page.waitForSelector('#results > li.hit');
  const { count, time, hits } = await readResults(page);
  assert.equal(hits[0].id, '004_8527679b616142e3');
  assert.ok(hits[0].marks.includes('Belousov'), `marks: ${JSON.stringify(hits[0].marks)}`);
  assert.match(count, /^1 result\b/);
  assert.equal(hits.length, 1);
  console.log(`# displayed query time for "Belousov": ${time}`);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'Belousov', 'the URL follows the query');
  await context.close();
});

test('ha noi highlights the accented original text Hà Nội', async () => {
  const { page, context } = await openPage();
  await page.fill('#q', 'ha noi');
  await page.waitForSelector('#results > li.hit');
  const { hits } = await readResults(page);
  assert.equal(hits[0].id, '000_c0430c9357d28e4e');
  const marks = hits[0].marks.map((m) => m.toLowerCase());
  assert.ok(marks.includes('hà') && marks.includes('nội'), `marks: ${JSON.stringify(hits[0].marks)}`);
  await page.screenshot({ path: join(OUT, 'results.png'), fullPage: true });
  await context.close();

  // Same query in dark mode, for eyeballing the colour scheme.
  const dark = await openPage('?q=ha+noi', { colorScheme: 'dark' });
  await dark.page.waitForSelector('#results > li.hit');
  await dark.page.screenshot({ path: join(OUT, 'results-dark.png'), fullPage: true });
  await dark.context.close();
});

test('typing letter by letter shows prefix matches before the word is complete', async () => {
  const { page, context } = await openPage();
  await page.focus('#q');
  const seen = [];
  for (const letter of 'defen') {
    await page.keyboard.type(letter, { delay: 30 });
    seen.push(await page.locator('#results > li.hit').count());
  }
  console.log(`# hits after each of d,e,f,e,n: ${seen.join(',')}`);
  const { count, hits } = await readResults(page);
  assert.equal(await page.inputValue('#q'), 'defen');
  assert.ok(hits.length >= 1, 'a prefix of "defence" finds articles');
  assert.ok(countOf(count) >= 1, `count line: ${count}`);
  assert.ok(hits[0].marks.length >= 1, 'the prefix match is highlighted');
  await context.close();
});

test('?q= in the URL searches on load', async () => {
  const { page, context } = await openPage('?q=Belousov');
  assert.equal(await page.inputValue('#q'), 'Belousov');
  const { count, hits } = await readResults(page);
  assert.equal(hits[0]?.id, '004_8527679b616142e3');
  assert.match(count, /^1 result\b/);

  // Clearing the input clears the results and drops ?q= from the URL.
  await page.fill('#q', '');
  assert.equal(await page.locator('#results > li.hit').count(), 0);
  assert.equal(new URL(page.url()).searchParams.has('q'), false);
  await context.close();
});

test('no match shows a message; a hostile query is shown as text, never as HTML', async () => {
  const { page, context } = await openPage();
  await page.fill('#q', 'zzzzqqq');
  await page.waitForFunction(() => /No results/.test(document.getElementById('count').textContent));
  let { count, hits } = await readResults(page);
  assert.equal(hits.length, 0);
  assert.match(count, /No results for .zzzzqqq./);

  const hostile = '<img src=x onerror=alert(1)>';
  await page.fill('#q', hostile);
  await page.waitForFunction(() => document.getElementById('count').textContent.includes('<img'));
  await page.waitForTimeout(200); // room for an injected image to fail and fire onerror
  ({ count, hits } = await readResults(page));
  assert.equal(hits.length, 0);
  assert.ok(count.includes(hostile), `count line: ${count}`);
  assert.equal(await page.locator('#results img').count(), 0);
  assert.equal(await page.locator('img').count(), 0, 'no <img> anywhere in the page');
  assert.deepEqual(dialogs, [], 'no dialog fired');

  // The same through ?q= on load.
  const again = await openPage(`?q=${encodeURIComponent(hostile)}`);
  assert.equal(await again.page.locator('img').count(), 0);
  assert.ok((await again.page.locator('#count').textContent()).includes('<img'));
  await again.page.waitForTimeout(200);
  assert.deepEqual(dialogs, [], 'no dialog fired');
  await again.context.close();
  await context.close();
});

test('a misspelling offers "Did you mean"; clicking the suggestion searches for it', async () => {
  const { page, context } = await openPage();
  const line = page.locator('.did-you-mean');
  const button = page.locator('.did-you-mean button.suggestion');
  assert.equal(await line.count(), 1, 'one suggestion line');
  assert.ok(await line.isHidden(), 'hidden before anything is typed');

  await page.fill('#q', 'Belousow');
  await button.waitFor({ state: 'visible' });
  assert.equal(await button.textContent(), 'belousov');
  assert.equal(await button.getAttribute('type'), 'button');
  assert.equal(await line.textContent(), 'Did you mean belousov?');
  const below = await page.evaluate(
    () =>
      document.querySelector('.did-you-mean').getBoundingClientRect().top >=
      document.getElementById('count').getBoundingClientRect().bottom,
  );
  assert.ok(below, 'the line is under the count');
  const look = await button.evaluate((el) => {
    const style = getComputedStyle(el);
    return { underline: style.textDecorationLine, border: style.borderTopStyle, background: style.backgroundColor };
  });
  assert.deepEqual(look, { underline: 'underline', border: 'none', background: 'rgba(0, 0, 0, 0)' }, 'looks like a link');
  // The typo match is already shown under the suggestion.
  assert.equal((await readResults(page)).hits[0]?.id, '004_8527679b616142e3');
  await page.screenshot({ path: join(OUT, 'did-you-mean.png'), fullPage: true });

  await button.click();
  assert.equal(await page.inputValue('#q'), 'belousov');
  await line.waitFor({ state: 'hidden' });
  const { count, hits } = await readResults(page);
  assert.equal(hits[0].id, '004_8527679b616142e3');
  assert.ok(hits[0].marks.includes('Belousov'), `marks: ${JSON.stringify(hits[0].marks)}`);
  assert.match(count, /^1 result\b/);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'belousov', 'the URL follows the suggestion');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'q', 'typing goes on in the input');

  // Gone for a query that matches as typed, back for a misspelling, gone when cleared.
  await page.fill('#q', 'Moskow');
  await button.waitFor({ state: 'visible' });
  assert.equal(await button.textContent(), 'moscow');
  await page.fill('#q', '');
  assert.ok(await line.isHidden(), 'hidden for an empty query');
  await context.close();

  // On load from ?q= as well.
  const again = await openPage('?q=Belousow');
  assert.equal(await again.page.locator('button.suggestion').textContent(), 'belousov');
  assert.ok(await again.page.locator('.did-you-mean').isVisible());
  await again.context.close();
});

test('the highlight helper survives unsorted, overlapping and out-of-range ranges', async () => {
  const { page, context } = await openPage();
  const cases = await page.evaluate(async () => {
    const { highlight } = await import('./app.js');
    const render = (text, ranges) => {
      const div = document.createElement('div');
      div.append(highlight(text, ranges));
      return { html: div.innerHTML, text: div.textContent };
    };
    return [
      render('Hà Nội today', [[3, 6], [0, 2]]),
      render('abcdef', [[1, 4], [2, 5], [-3, 1], [4, 99], [5, 2], [NaN, 3], 'x', [1]]),
      render('😀 emoji', [[0, 2]]),
      render('<b>x</b>', [[0, 3]]),
      render('plain', null),
    ];
  });
  assert.deepEqual(cases[0], { html: '<mark>Hà</mark> <mark>Nội</mark> today', text: 'Hà Nội today' });
  assert.deepEqual(cases[1], { html: '<mark>abcdef</mark>', text: 'abcdef' });
  assert.deepEqual(cases[2], { html: '<mark>😀</mark> emoji', text: '😀 emoji' });
  assert.deepEqual(cases[3], { html: '<mark>&lt;b&gt;</mark>x&lt;/b&gt;', text: '<b>x</b>' });
  assert.deepEqual(cases[4], { html: 'plain', text: 'plain' });
  await context.close();
});

test('no console errors, page errors, failed requests or dialogs', () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(dialogs, []);
});
