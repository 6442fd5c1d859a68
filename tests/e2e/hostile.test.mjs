// A hostile corpus (tests/e2e/fixtures/hostile/: markup and script tags in
// titles, dates and bodies, javascript:, data: and vbscript: urls) and
// hostile queries must render as inert text, and only http(s) or relative
// urls may be followed. The widget is served, under the strict CSP, from
// target/e2e-hostile/ with a wasm module built from that corpus:
//
//   ARTICLE_SEARCH_ARTICLES=$PWD/tests/e2e/fixtures/hostile wasm-pack build --target web \
//     --release --out-dir target/e2e-hostile/pkg --no-typescript --no-pack
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, readReader, readResults, setup, stageDemo } from './helpers.mjs';

const DIR = join(ROOT, 'target', 'e2e-hostile');
const BUILD =
  'ARTICLE_SEARCH_ARTICLES=$PWD/tests/e2e/fixtures/hostile wasm-pack --quiet build --target web --release ' +
  '--out-dir target/e2e-hostile/pkg --no-typescript --no-pack';

let env;

before(async () => {
  stageDemo(DIR, BUILD);
  env = await setup({ dir: DIR });
});

after(() => env?.close());

/** Elements that data could have smuggled in, in the page and in the widget. */
function smuggled(page) {
  return page.evaluate(() => {
    const root = document.querySelector('article-search').shadowRoot;
    const bad = 'img, script, iframe, object, embed, style, b, x, svg:not(.icon), [onerror], [onload], [onclick], [onmouseover]';
    const own = 'script[src="article-search.js"]'; // the page's one script
    return [...document.querySelectorAll(`:is(${bad}):not(${own})`), ...root.querySelectorAll(bad)].map((n) => n.outerHTML);
  });
}

// The checks below that nothing happened wait for what they look at to be
// rendered (the hits, the reader, the URL), never for a fixed time: markup
// in the data could only act through an element it created, and smuggled()
// finds any such element as soon as the render is done, whether or not its
// handler would have fired yet.

/** Waits until the widget shows `count` hits. */
function hitsShown(page, count) {
  return page.waitForFunction(
    (count) => document.querySelector('article-search').shadowRoot.querySelectorAll('[role="option"]').length === count,
    count,
  );
}

/** Waits until the reader shows article `id` (in the URL) with at least `marks` highlights. */
function readerShows(page, id, marks) {
  return page.waitForFunction(
    ({ id, marks }) => {
      const root = document.querySelector('article-search').shadowRoot;
      return (
        new URL(location.href).searchParams.get('article') === id &&
        !root.querySelector('.reader').hidden &&
        root.querySelectorAll('.reader-text mark').length >= marks
      );
    },
    { id, marks },
  );
}

/** Every href in the page and the widget. */
function hrefs(page) {
  return page.evaluate(() => {
    const root = document.querySelector('article-search').shadowRoot;
    return [...document.querySelectorAll('[href]'), ...root.querySelectorAll('[href]')].map((n) => n.href);
  });
}

test('hostile titles, dates and urls render as text; only http(s) and relative urls are linked', async () => {
  const { page, context } = await env.open('?q=payload');
  await hitsShown(page, 6);
  const { hits } = await readResults(page);
  const byId = Object.fromEntries(hits.map((h) => [h.id, h]));
  assert.deepEqual(Object.keys(byId).sort(), ['01-markup', '02-data-url', '03-obfuscated', '04-vbscript', '05-https', '06-relative']);

  assert.equal(byId['01-markup'].title, '<img src=x onerror=alert(1)> Markup <script>alert(2)</script> title');
  // (The engine trims quotes around a front-matter value, even an unbalanced one.)
  assert.ok(byId['03-obfuscated'].title.endsWith('><svg onload=alert(1)> Obfuscated'), byId['03-obfuscated'].title);
  // A date the build cannot read (this one is markup) never reaches the page: the build warns and drops it.
  assert.equal(await page.locator('article-search [data-id="01-markup"] .hit-date').count(), 0);
  const date = page.locator('article-search [data-id="05-https"] .hit-date');
  assert.equal(await date.textContent(), 'Dec 26, 2024');
  assert.equal(await date.getAttribute('datetime'), '2024-12-26');

  // Where each hit goes: only the https and the relative urls; the rest open the reader.
  assert.equal(byId['05-https'].href, 'https://example.com/news/safe.html');
  assert.equal(byId['06-relative'].href, new URL('/news/relative.html', env.server.url).href);
  for (const id of ['01-markup', '02-data-url', '03-obfuscated', '04-vbscript']) assert.equal(byId[id].href, null, id);
  const urls = await page.locator('article-search .hit-url').allTextContents();
  assert.deepEqual(urls.sort(), ['/news/relative.html', 'example.com/news/safe.html']);

  assert.deepEqual(await smuggled(page), []);
  for (const href of await hrefs(page)) assert.match(href, /^https?:/, href);
  assert.deepEqual(env.dialogs, []);
  await context.close();
});

test('the reader shows a hostile article as text, with no link to its javascript: url', async () => {
  const { page, context } = await env.open('?q=payload');
  await page.locator('article-search [role="option"][data-id="01-markup"]').click();
  await readerShows(page, '01-markup', 2);
  const reader = await readReader(page);
  assert.equal(reader.title, '<img src=x onerror=alert(1)> Markup <script>alert(2)</script> title');
  assert.ok(reader.paragraphs[0].includes('<script>alert(1)</script> then <img src=x onerror=alert(1)>'), reader.paragraphs[0]);
  assert.ok(reader.paragraphs[1].includes('<svg onload=alert(1)><style>*{display:none}</style>'), reader.paragraphs[1]);
  assert.deepEqual(reader.links, [], 'no link to javascript:');
  assert.deepEqual(reader.marks.map((m) => m.toLowerCase()), ['payload', 'payload']);
  assert.equal(new URL(page.url()).searchParams.get('article'), '01-markup');
  assert.deepEqual(await smuggled(page), []);

  // The others without a safe url open the reader too, never a link.
  for (const id of ['02-data-url', '03-obfuscated', '04-vbscript']) {
    await page.keyboard.press('Escape');
    await page.locator('article-search .reader').waitFor({ state: 'hidden' });
    await page.locator(`article-search [role="option"][data-id="${id}"]`).click();
    await page.locator('article-search .reader').waitFor();
    assert.deepEqual((await readReader(page)).links, [], id);
    assert.equal(new URL(page.url()).protocol, 'http:');
  }
  for (const href of await hrefs(page)) assert.match(href, /^https?:/, href);
  assert.deepEqual(env.dialogs, []);
  await context.close();
});

test('a hostile query (typed and in ?q=) is text in the box, the count line and the reader', async () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const { page, context } = await env.open(`?q=${encodeURIComponent(hostile)}`);
  assert.equal(await page.inputValue('article-search input'), hostile);
  // Its words are in the markup article, which it finds.
  const { hits, count } = await readResults(page);
  assert.equal(hits[0]?.id, '01-markup');
  assert.equal(hits[0].missing, null, 'the markup article has every word');
  assert.match(count, /^\d+ results?\b/);
  await page.keyboard.press('Enter');
  await readerShows(page, '01-markup', 3);
  const reader = await readReader(page);
  assert.ok(reader.marks.length >= 3, `marks: ${reader.marks}`);
  assert.deepEqual(await smuggled(page), []);

  for (const query of ['"><script>alert(1)</script>', "'; alert(1); '", '<svg/onload=alert(1)>', 'javascript:alert(1)']) {
    await page.locator('article-search input').fill(query);
    // Rendered: the query is in the URL and the count line is about it.
    await page.waitForFunction(
      (query) => {
        const count = document.querySelector('article-search').shadowRoot.getElementById('count').textContent;
        return new URL(location.href).searchParams.get('q') === query && /results?\b/.test(count);
      },
      query,
    );
    assert.equal(await page.inputValue('article-search input'), query);
    const text = await page.locator('article-search #count').textContent();
    assert.ok(/results?|No results/.test(text), text);
    assert.deepEqual(await smuggled(page), []);
  }
  assert.deepEqual(env.dialogs, []);
  await context.close();
});

test('links="reader" opens even a hit with an https url in the reader, with a link to the original', async () => {
  const { page, context } = await env.open('?q=safe+https');
  await page.evaluate(() => document.querySelector('article-search').setAttribute('links', 'reader'));
  assert.equal((await readResults(page)).hits[0].href, null);
  await page.keyboard.press('Enter');
  await page.locator('article-search .reader').waitFor();
  const reader = await readReader(page);
  assert.equal(reader.title, 'Safe https payload');
  assert.deepEqual(reader.links, ['https://example.com/news/safe.html']);
  assert.match(reader.meta, /^Dec 26, 2024 · Original page$/);
  await context.close();
});

test('a hit with an https url goes to that page on Enter (intercepted, no network)', async () => {
  const { page, context } = await env.open('?q=safe+https');
  await context.route('https://example.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>safe</title><p>the article page</p>' }),
  );
  await Promise.all([page.waitForURL('https://example.com/news/safe.html'), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('p').textContent(), 'the article page');
  await context.close();
});

test('target="_blank" opens a hit\'s url in a new tab (intercepted, no network)', async () => {
  const { page, context } = await env.open('?q=safe+https');
  await context.route('https://example.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>safe</title><p>the article page</p>' }),
  );
  await page.evaluate(() => document.querySelector('article-search').setAttribute('target', '_blank'));
  const [tab] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
  await tab.waitForURL('https://example.com/news/safe.html');
  assert.equal(new URL(page.url()).hostname, '127.0.0.1', 'the search page stays');
  assert.equal(await tab.evaluate(() => window.opener), null, 'no opener');
  await context.close();
});

test('no console errors, CSP violations, page errors, failed requests or dialogs', () => {
  assert.deepEqual(env.problems, []);
  assert.deepEqual(env.dialogs, []);
});
