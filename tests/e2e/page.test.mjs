// Browser tests of <article-search> on its demo page (www/) in headless
// Chromium, served with the strict CSP it is meant to work under:
//
//   source .ci/env.sh && build_page_wasm     (www/pkg)
//   node --test tests/e2e/
//
// Every console error (CSP violations included), page error, failed request
// and dialog fails the last test of the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  BUILD_PAGE, CSP, OUT, WWW, engineScope, focusedInWidget, inViewport, readReader, readResults, requireFile, setup, waitReady,
} from './helpers.mjs';

const BELOUSOV = '004_8527679b616142e3';
const HA_NOI = '000_c0430c9357d28e4e';

let env;

before(async () => {
  requireFile(join(WWW, 'pkg', 'article_search_bg.wasm'), BUILD_PAGE);
  env = await setup();
});

after(() => env?.close());

test('the strict CSP page loads; time from navigation to the first result of a ?q= URL (logged)', async () => {
  // First a cold load (new browser, nothing compiled), then a second one.
  for (const run of ['cold', 'warm']) {
    const context = await env.browser.newContext({ viewport: { width: 900, height: 900 } });
    const page = await context.newPage();
    env.watch(page);
    const wasm = [];
    page.on('response', (r) => r.url().endsWith('.wasm') && wasm.push(r.url()));
    const started = performance.now();
    const response = await page.goto(new URL('?q=Belousov', env.server.url).href);
    await page.locator('article-search [role="option"]').first().waitFor();
    const wallMs = performance.now() - started;
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const first = performance.getEntriesByName('article-search:first-results')[0].startTime;
      const engine = performance.getEntriesByName('article-search:engine-loaded')[0].startTime;
      return { first, afterHtml: first - nav.responseEnd, afterLoad: nav.loadEventEnd > 0 ? first - nav.loadEventEnd : null, search: first - engine };
    });
    console.log(
      `# ${run}: navigation to first result ${timing.first.toFixed(0)} ms (page clock; ${timing.afterHtml.toFixed(0)} ms after the HTML arrived, ` +
        `${timing.afterLoad === null ? 'before the load event' : `${timing.afterLoad.toFixed(0)} ms after the load event`}, ${timing.search.toFixed(0)} ms from engine loaded to hits shown; ${wallMs.toFixed(0)} ms as the test saw it)`,
    );
    assert.equal(response.headers()['content-security-policy'], CSP, 'served under the strict CSP');
    assert.equal(wasm.length, 1, 'the wasm is downloaded once');
    assert.equal((await readResults(page)).hits[0].id, BELOUSOV);
    await context.close();
  }

  const { page, context } = await env.open();
  assert.equal(await focusedInWidget(page), 'q', 'autofocus: the search box has focus');
  // No inline styles anywhere: the CSP would block them (and log it).
  const inline = await page.evaluate(() => {
    const root = document.querySelector('article-search').shadowRoot;
    return [...document.querySelectorAll('[style], style'), ...root.querySelectorAll('[style], style')].length;
  });
  assert.equal(inline, 0, 'no style attribute or <style> element');

  // One query against the already-initialised module.
  const timing = await engineScope(page).evaluate(async () => {
    const { search } = await import('./pkg/article_search.js');
    search('defence'); // warm-up
    const runs = 200;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) search(i % 2 ? 'defence' : 'ha noi');
    return (performance.now() - t0) / runs;
  });
  console.log(`# one query (mean of 200, in page): ${timing.toFixed(3)} ms`);
  await context.close();

  // What a visitor downloads for the widget, gzipped.
  const files = ['pkg/article_search_bg.wasm', 'pkg/article_search.js', 'article-search.js', 'article-search-worker.js', 'article-search.css'];
  const sizes = files.map((f) => {
    const bytes = readFileSync(join(WWW, f));
    return { f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  console.log(`# download, gzip -9: ${sizes.map((s) => `${s.f} ${s.raw} -> ${s.gzip}`).join(', ')}; total ${total} bytes`);
});

test('typing into the element shows highlighted hits, the count and the query time', async () => {
  const { page, context } = await env.open();
  await page.locator('article-search input').pressSequentially('Belousov');
  await page.locator('article-search [role="option"]').first().waitFor();
  const { count, time, hits, expanded } = await readResults(page);
  assert.equal(hits[0].id, BELOUSOV);
  assert.ok(hits[0].marks.includes('Belousov'), `marks: ${JSON.stringify(hits[0].marks)}`);
  assert.match(count, /^1 result\b/);
  assert.match(time, /^in [\d.]+ ms$/);
  assert.equal(hits.length, 1);
  assert.equal(expanded, 'true');
  console.log(`# displayed query time for "Belousov": ${time}`);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'Belousov', 'the URL follows the query');
  await context.close();
});

test('words no article has together: every-word hits first, then partial hits that say what they miss (screenshot: partial)', async () => {
  const { page, context } = await env.open();
  await page.fill('article-search input', 'Belousov Moscow ');
  await page.locator('article-search .hit-missing').first().waitFor();
  const { count, hits } = await readResults(page);
  assert.match(count, /^3 results, 1 with every word\b/);
  assert.equal(hits[0].id, BELOUSOV);
  assert.equal(hits[0].missing, null, 'the full match lacks nothing');
  for (const hit of hits.slice(1)) {
    assert.equal(hit.missing, 'Missing: Belousov', hit.id);
    assert.deepEqual(hit.struck, ['Belousov'], hit.id);
    assert.ok(hit.marks.includes('Moscow'), `${hit.id}: ${JSON.stringify(hit.marks)}`);
  }
  await page.screenshot({ path: join(OUT, 'partial.png'), fullPage: true });

  await page.fill('article-search input', 'Belousov Shoigu ');
  await page.locator('article-search #count', { hasText: 'none with every word' }).waitFor();
  assert.ok((await readResults(page)).hits.every((h) => /^Missing: (Belousov|Shoigu)$/.test(h.missing)));
  await context.close();
});

test('filters: a row of values with counts; choosing one lists or narrows the articles; sort by date (screenshot: filters)', async () => {
  const { page, context } = await env.open();
  const facet = (text) => page.locator('article-search button.facet', { hasText: text });
  await facet('ARMY-2024').waitFor();
  const groups = await page.evaluate(() =>
    [...document.querySelector('article-search').shadowRoot.querySelectorAll('.facet-group')].map((g) => [
      g.getAttribute('aria-label'),
      [...g.querySelectorAll('button')].map((b) => b.textContent),
    ]),
  );
  assert.deepEqual(groups, [
    ['lang', ['en 5']],
    ['tags', ['ARMY-2024 1', 'cooperation 2', 'defence 5', 'strategy dialogue 2']],
  ]);

  // No query: the articles the filter allows.
  await facet('strategy dialogue').click();
  await page.locator('article-search #count', { hasText: '2 articles' }).waitFor();
  assert.equal(await facet('strategy dialogue').getAttribute('aria-pressed'), 'true');
  let { hits } = await readResults(page);
  assert.deepEqual(hits.map((h) => h.id).sort(), ['001_ae37d6045274299b', '002_d57c819680d1b845']);

  // With a query: only its hits that have the value; values of the same field keep their counts.
  await page.locator('article-search input').fill('moscow ');
  await page.locator('article-search #count', { hasText: /^1 result/ }).waitFor();
  ({ hits } = await readResults(page));
  assert.deepEqual(hits.map((h) => h.id), ['001_ae37d6045274299b']);
  assert.equal(await facet('ARMY-2024').textContent(), 'ARMY-2024 1', 'moscow is in 004 too');
  await page.screenshot({ path: join(OUT, 'filters.png'), fullPage: true });

  // Off again, by keyboard; then newest first: 003 (2024-09-20), 004 (2024-08-12), 001 (2018-12-03).
  await facet('strategy dialogue').focus();
  await page.keyboard.press('Enter');
  await page.locator('article-search #count', { hasText: /^3 results/ }).waitFor();
  await page.locator('article-search select.sort').selectOption('-date');
  await page.locator('article-search [role="option"]').first().waitFor();
  ({ hits } = await readResults(page));
  assert.deepEqual(hits.map((h) => h.id), ['003_eae29445ca78b489', '004_8527679b616142e3', '001_ae37d6045274299b']);
  assert.equal(await page.locator('article-search [role="option"] .hit-date').first().textContent(), 'Sep 20, 2024');
  await context.close();
});

test('ha noi highlights the accented original text Hà Nội (screenshots: results, dark)', async () => {
  const { page, context } = await env.open();
  await page.fill('article-search input', 'ha noi');
  await page.locator('article-search [role="option"]').first().waitFor();
  const { hits } = await readResults(page);
  assert.equal(hits[0].id, HA_NOI);
  const marks = hits[0].marks.map((m) => m.toLowerCase());
  assert.ok(marks.includes('hà') && marks.includes('nội'), `marks: ${JSON.stringify(hits[0].marks)}`);
  await page.keyboard.press('ArrowDown');
  await page.screenshot({ path: join(OUT, 'results.png'), fullPage: true });
  await context.close();

  const dark = await env.open('?q=ha+noi', { colorScheme: 'dark' });
  await dark.page.locator('article-search [role="option"]').first().waitFor();
  const look = await dark.page.evaluate(() => {
    const root = document.querySelector('article-search').shadowRoot;
    return getComputedStyle(root.querySelector('.widget')).backgroundColor;
  });
  assert.equal(look, 'rgb(23, 25, 28)', 'dark default background under prefers-color-scheme: dark');
  await dark.page.screenshot({ path: join(OUT, 'results-dark.png'), fullPage: true });
  await dark.context.close();
});

test('typing letter by letter shows prefix matches before the word is complete', async () => {
  const { page, context } = await env.open();
  const seen = [];
  for (const letter of 'defen') {
    await page.keyboard.type(letter, { delay: 30 });
    seen.push(await page.locator('article-search [role="option"]').count());
  }
  console.log(`# hits after each of d,e,f,e,n: ${seen.join(',')}`);
  const { count, hits } = await readResults(page);
  assert.equal(await page.inputValue('article-search input'), 'defen');
  assert.ok(hits.length >= 1, 'a prefix of "defence" finds articles');
  assert.match(count, /^\d+ results?\b/);
  assert.ok(hits[0].marks.length >= 1, 'the prefix match is highlighted');
  await context.close();
});

test('?q= in the URL searches on load; clearing empties the results and the URL', async () => {
  const { page, context } = await env.open('?q=Belousov');
  assert.equal(await page.inputValue('article-search input'), 'Belousov');
  const { count, hits } = await readResults(page);
  assert.equal(hits[0]?.id, BELOUSOV);
  assert.match(count, /^1 result\b/);

  await page.fill('article-search input', '');
  const empty = await readResults(page);
  assert.equal(empty.hits.length, 0);
  assert.equal(empty.expanded, 'false');
  assert.equal(empty.listHidden, true);
  assert.match(empty.count, /^Type to search 5 articles/);
  assert.equal(new URL(page.url()).searchParams.has('q'), false);
  await context.close();
});

test('no match shows a message; a hostile query is shown as text, never as HTML', async () => {
  const { page, context } = await env.open();
  await page.fill('article-search input', 'zzzzqqq');
  let { count, hits, expanded } = await readResults(page);
  assert.equal(hits.length, 0);
  assert.equal(expanded, 'false');
  assert.match(count, /No results for .zzzzqqq./);

  // Queries no article answers (not even in part: "1" would be a word), so the count line shows them.
  for (const hostile of ['<img src=x onerror=alert()>', '"><script>alert()</script>', "javascript:alert('x')"]) {
    await page.fill('article-search input', hostile);
    // Rendered: the count line names this query. (An element created from
    // it would be in the DOM from then on; no need to wait for its handler.)
    await page.waitForFunction(
      (query) => document.querySelector('article-search').shadowRoot.getElementById('count').textContent.includes(query),
      hostile,
    );
    ({ count, hits } = await readResults(page));
    assert.ok(count.includes(hostile), `count line: ${count}`);
    const created = await page.evaluate(() => {
      const root = document.querySelector('article-search').shadowRoot;
      return root.querySelectorAll('img, script, iframe, object, svg:not(.icon)').length + document.querySelectorAll('img').length;
    });
    assert.equal(created, 0, 'no element created from the query');
  }
  assert.deepEqual(env.dialogs, [], 'no dialog fired');

  // The same through ?q= on load.
  const again = await env.open(`?q=${encodeURIComponent('<img src=x onerror=alert()>')}`);
  // open() returns once the widget is ready, which it is after rendering the ?q= results.
  assert.equal(await again.page.locator('img').count(), 0);
  assert.ok((await again.page.locator('article-search #count').textContent()).includes('<img'));
  assert.deepEqual(env.dialogs, [], 'no dialog fired');
  await again.context.close();
  await context.close();
});

test('the engine runs in a worker; without one (file missing, or refused by the CSP) it runs in the page', async () => {
  const { page, context } = await env.open('?q=Belousov');
  assert.ok(engineScope(page), 'the engine is in article-search-worker.js');
  assert.equal((await readResults(page)).hits[0].id, BELOUSOV);
  await context.close();

  for (const [why, prepare] of [
    ['the worker file is missing', (c) => c.route('**/article-search-worker.js', (route) => route.fulfill({ status: 404, body: 'not here' }))],
    [
      "the page's CSP says worker-src 'none'",
      (c) =>
        c.route('**/?q=*', async (route) => {
          const response = await route.fetch();
          const headers = { ...response.headers(), 'content-security-policy': `${CSP}; worker-src 'none'` };
          await route.fulfill({ response, headers });
        }),
    ],
  ]) {
    // Not watched: the 404 and the CSP refusal are logged, as they should be.
    const other = await env.browser.newContext({ viewport: { width: 900, height: 900 } });
    await prepare(other);
    const page = await other.newPage();
    await page.goto(new URL('?q=Belousov', env.server.url).href);
    await waitReady(page);
    assert.deepEqual(page.workers().map((w) => w.url()), [], `${why}: no worker`);
    const { hits, count } = await readResults(page);
    assert.equal(hits[0]?.id, BELOUSOV, `${why}: the search works in the page`);
    assert.match(count, /^1 result\b/);
    await page.fill('article-search input', 'ha noi');
    assert.ok((await readResults(page)).hits.some((h) => h.id === HA_NOI), `${why}: and goes on working`);
    await other.close();
  }
});

test('a slow download of the engine shows its progress, then the prompt', async () => {
  const context = await env.browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  env.watch(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // About 1.5 s for the demo's module: several progress messages.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 200_000, uploadThroughput: 200_000 });
  await page.goto(env.server.url);
  const count = () => document.querySelector('article-search')?.shadowRoot?.querySelector('.count')?.textContent ?? '';
  const shown = await page.waitForFunction(() => {
    const text = document.querySelector('article-search')?.shadowRoot?.querySelector('.count')?.textContent ?? '';
    return /^Loading the index… \d+\.\d MB of \d+\.\d MB$/.test(text) && text;
  }, null, { polling: 20 });
  const [loaded, total] = (await shown.jsonValue()).match(/\d+\.\d/g).map(Number);
  const size = readFileSync(join(WWW, 'pkg', 'article_search_bg.wasm')).length;
  assert.equal(total, Math.round(size / 1e5) / 10, 'in all: the module');
  assert.ok(loaded <= total);
  await waitReady(page);
  assert.match(await page.evaluate(count), /^Type to search 5 articles\.$/);
  await context.close();

  // A page that words `loading` its own way, and not the progress, keeps its words.
  const french = await env.browser.newContext({ viewport: { width: 900, height: 900 } });
  const other = await french.newPage();
  env.watch(other);
  const cdpOther = await french.newCDPSession(other);
  await cdpOther.send('Network.enable');
  await cdpOther.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 200_000, uploadThroughput: 200_000 });
  await other.addInitScript(() => {
    window.seen = [];
    customElements.whenDefined('article-search').then(() => {
      const host = document.querySelector('article-search');
      host.messages = { loading: 'Chargement de l’index…' };
      const watch = setInterval(() => {
        const text = host.shadowRoot?.querySelector('.count')?.textContent ?? '';
        if (window.seen.at(-1) !== text) window.seen.push(text);
      }, 20);
      host.ready.finally(() => clearInterval(watch));
    });
  });
  await other.goto(env.server.url);
  await waitReady(other);
  const seen = await other.evaluate(() => window.seen);
  assert.ok(seen.includes('Chargement de l’index…'), seen.join(' | '));
  assert.ok(!seen.some((text) => text.includes('MB')), seen.join(' | '));
  await french.close();
});

test('loading the engine: a transient failure is retried; a missing or damaged .wasm says which file and what happened', async () => {
  /** Opens the demo with `handler` answering the .wasm; what the widget then says, and how many times the .wasm was asked for. */
  async function load(handler) {
    // Not watched: the failures are logged, as they should be.
    const context = await env.browser.newContext({ viewport: { width: 900, height: 900 } });
    let requests = 0;
    await context.route('**/pkg/article_search_bg.wasm', (route) => handler(route, ++requests));
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.errorEvents = [];
      document.addEventListener('error', (e) => e.target.localName === 'article-search' && window.errorEvents.push(e.detail.message), true);
    });
    await page.goto(new URL('?q=Belousov', env.server.url).href);
    const outcome = await page.evaluate(async () => {
      const host = document.querySelector('article-search');
      try {
        await host.ready;
      } catch (error) {
        const shown = host.shadowRoot.querySelector('.error');
        return { rejected: error.message, shown: shown.hidden ? null : shown.textContent, events: window.errorEvents };
      }
      return { hits: host.shadowRoot.querySelectorAll('[role="option"]').length };
    });
    await context.close();
    return { ...outcome, requests };
  }

  const flaky = await load((route, n) => (n === 1 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
  assert.deepEqual(flaky, { hits: 1, requests: 2 }, 'a 503 is retried, and the second answer is used');

  const missing = await load((route) => route.fulfill({ status: 404, body: 'not here' }));
  assert.equal(missing.requests, 1, 'a 404 is not retried');
  assert.match(missing.shown, /^Could not load the search engine: HTTP 404 .*\/pkg\/article_search_bg\.wasm: copy pkg\/ next to article-search\.js$/);
  assert.equal(missing.rejected, missing.shown);
  assert.deepEqual(missing.events, [missing.shown]);

  const truncated = await load(async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.body()).subarray(0, 5000) });
  });
  assert.match(truncated.shown, /^Could not load the search engine: \/pkg\/article_search_bg\.wasm is not this engine's module \(damaged, truncated or from another build\?\): /);
  assert.equal(truncated.requests, 1);
});

test('a search or a reader call that throws shows its message and dispatches `error`', async () => {
  const context = await env.browser.newContext({ viewport: { width: 900, height: 900 } });
  // The engine as built, with search() and article() made to throw while its
  // worker has a flag set (the glue's exported functions are module bindings).
  await context.route('**/pkg/article_search.js', async (route) => {
    const response = await route.fetch();
    const failing = `
{
  const realSearch = search;
  const realArticle = article;
  search = (query, options) => {
    if (globalThis.failSearch) throw new Error('injected search failure');
    return realSearch(query, options);
  };
  article = (id, query) => {
    if (globalThis.failReader) throw new Error('injected reader failure');
    return realArticle(id, query);
  };
}
`;
    await route.fulfill({ response, body: (await response.text()) + failing });
  });
  const page = await context.newPage();
  env.watch(page);
  await page.goto(new URL('?q=defence', env.server.url).href);
  await waitReady(page);
  await page.evaluate(() => {
    window.errorEvents = [];
    document.querySelector('article-search').addEventListener('error', (e) => window.errorEvents.push(e.detail.message));
  });
  const shown = () =>
    page.evaluate(async () => {
      await document.querySelector('article-search').settled;
      const error = document.querySelector('article-search').shadowRoot.querySelector('.error');
      return error.hidden ? null : error.textContent;
    });
  const events = () => page.evaluate(() => window.errorEvents);
  assert.equal(await shown(), null);

  // The glue with the failures injected runs in the engine's worker.
  await engineScope(page).evaluate(() => (globalThis.failSearch = true));
  await page.fill('article-search input', 'moscow');
  assert.equal(await shown(), 'Search failed: injected search failure');
  assert.deepEqual(await events(), ['Search failed: injected search failure']);
  const failed = await readResults(page);
  assert.deepEqual([failed.hits, failed.count], [[], ''], "not the hits or count of the query before (defence)");

  // The next search that works clears the message and shows its hits.
  await engineScope(page).evaluate(() => (globalThis.failSearch = false));
  await page.fill('article-search input', 'defence');
  assert.equal(await shown(), null);
  assert.ok((await readResults(page)).hits.length > 0);

  await engineScope(page).evaluate(() => (globalThis.failReader = true));
  await page.keyboard.press('Enter');
  assert.equal(await shown(), 'Could not open the article: injected reader failure');
  assert.deepEqual(await events(), ['Search failed: injected search failure', 'Could not open the article: injected reader failure']);
  assert.equal((await readReader(page)).hidden, true, 'the reader stays closed');
  assert.equal(new URL(page.url()).searchParams.get('article'), null);
  await context.close();
});

test('a misspelling offers "Did you mean"; clicking the suggestion searches for it', async () => {
  const { page, context } = await env.open();
  const line = page.locator('article-search .did-you-mean');
  const button = page.locator('article-search button.suggestion');
  assert.ok(await line.isHidden(), 'hidden before anything is typed');

  await page.fill('article-search input', 'Belousow');
  await button.waitFor({ state: 'visible' });
  assert.equal(await button.textContent(), 'belousov');
  assert.equal(await button.getAttribute('type'), 'button');
  assert.equal(await line.textContent(), 'Did you mean belousov?');
  const look = await button.evaluate((el) => {
    const style = getComputedStyle(el);
    return { underline: style.textDecorationLine, border: style.borderTopStyle, background: style.backgroundColor };
  });
  assert.deepEqual(look, { underline: 'underline', border: 'none', background: 'rgba(0, 0, 0, 0)' }, 'looks like a link');
  assert.equal((await readResults(page)).hits[0]?.id, BELOUSOV, 'the typo match is shown under it');
  await page.screenshot({ path: join(OUT, 'did-you-mean.png'), fullPage: true });

  await button.click();
  assert.equal(await page.inputValue('article-search input'), 'belousov');
  await line.waitFor({ state: 'hidden' });
  const { count, hits } = await readResults(page);
  assert.equal(hits[0].id, BELOUSOV);
  assert.ok(hits[0].marks.includes('Belousov'), `marks: ${JSON.stringify(hits[0].marks)}`);
  assert.match(count, /^1 result\b/);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'belousov', 'the URL follows the suggestion');
  assert.equal(await focusedInWidget(page), 'q', 'typing goes on in the search box');

  await page.fill('article-search input', 'Moskow');
  await button.waitFor({ state: 'visible' });
  assert.equal(await button.textContent(), 'moscow');
  await page.fill('article-search input', '');
  assert.ok(await line.isHidden(), 'hidden for an empty query');
  await context.close();
});

test('keyboard only: / focuses, arrows move, Enter opens the reader, Escape returns with the query kept', async () => {
  const { page, context } = await env.open();
  await page.evaluate(() => document.activeElement.blur());
  assert.equal(await focusedInWidget(page), null);

  await page.keyboard.press('/');
  assert.equal(await focusedInWidget(page), 'q', '/ focuses the search box');
  await page.keyboard.type('defence');
  let state = await readResults(page);
  assert.equal(await page.inputValue('article-search input'), 'defence', 'the / itself is not typed');
  assert.ok(state.hits.length >= 3, `hits: ${state.hits.length}`);
  assert.equal(state.expanded, 'true');
  assert.equal(state.activedescendant, null, 'no option is active before an arrow key');

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  state = await readResults(page);
  assert.equal(state.activedescendant, state.hits[1].domId);
  assert.deepEqual(state.hits.map((h) => h.selected), state.hits.map((_, i) => String(i === 1)));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  state = await readResults(page);
  assert.equal(state.activedescendant, state.hits.at(-1).domId, 'ArrowUp from the first wraps to the last');
  await page.keyboard.press('ArrowDown');
  state = await readResults(page);
  assert.equal(state.activedescendant, state.hits[0].domId, 'ArrowDown from the last wraps to the first');
  await page.keyboard.press('ArrowDown');
  state = await readResults(page);
  assert.equal(state.activedescendant, state.hits[1].domId);
  const opened = state.hits[1];

  await page.keyboard.press('Enter');
  await page.locator('article-search .reader').waitFor();
  let reader = await readReader(page);
  assert.equal(reader.hidden, false);
  assert.equal(reader.title, opened.title, 'the article of the active hit');
  assert.ok(reader.marks.length > 0, 'matches are highlighted in the text');
  assert.equal(reader.focused, 'reader-title', 'focus moves to the article');
  assert.equal(new URL(page.url()).searchParams.get('article'), opened.id);
  state = await readResults(page);
  assert.equal(state.listHidden, true);
  assert.equal(state.expanded, 'false');

  await page.keyboard.press('Escape');
  await page.locator('article-search .reader').waitFor({ state: 'hidden' });
  state = await readResults(page);
  assert.equal(await page.inputValue('article-search input'), 'defence', 'the query is kept');
  assert.equal(await focusedInWidget(page), 'q', 'focus is back in the search box');
  assert.equal(state.expanded, 'true');
  assert.equal(state.activedescendant, opened.domId, 'the opened hit is still the active one');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'defence');
  assert.equal(new URL(page.url()).searchParams.has('article'), false);

  // Enter with no active option opens the first hit; Escape in the box clears it.
  await page.fill('article-search input', 'Belousov');
  await page.keyboard.press('Enter');
  await page.locator('article-search .reader').waitFor();
  reader = await readReader(page);
  assert.match(reader.title, /Giang/);
  await page.keyboard.press('Escape');
  await page.locator('article-search .reader').waitFor({ state: 'hidden' });
  await page.keyboard.press('Escape');
  assert.equal(await page.inputValue('article-search input'), '', 'Escape in the box clears the query');
  assert.equal((await readResults(page)).hits.length, 0);

  // In a text field, / is just a character.
  await page.keyboard.type('a/b');
  assert.equal(await page.inputValue('article-search input'), 'a/b');
  await context.close();
});

test('reader view: a click opens the whole article, every match marked, first in view; Back and Forward (screenshot: reader)', async () => {
  const { page, context } = await env.open('?q=defence');
  const wasm = [];
  page.on('response', (r) => r.url().endsWith('.wasm') && wasm.push(r.url()));
  const hits = (await readResults(page)).hits;
  const target = hits[hits.length - 1];
  await page.locator(`article-search [role="option"][data-id="${target.id}"]`).click();
  await page.locator('article-search .reader').waitFor();

  const reader = await readReader(page);
  // The engine's own answer, asked in the worker the widget runs it in.
  const expected = await engineScope(page).evaluate(async (id) => {
    const engine = await import('./pkg/article_search.js');
    return engine.article(id, 'defence');
  }, target.id);
  assert.equal(reader.title, expected.title);
  const words = (s) => s.replace(/\s+/g, ' ').trim();
  assert.equal(words(reader.paragraphs.join(' ')), words(expected.text), 'the whole text, as text');
  assert.ok(reader.paragraphs.length > 1, 'in paragraphs');
  const marked = expected.highlights.map(([s, e]) => expected.text.slice(s, e));
  assert.deepEqual(reader.marks, marked, 'every match of the query is a <mark>');
  assert.ok(reader.marks.every((m) => /^defen[cs]e/i.test(m)), `marks: ${reader.marks.join(',')}`);
  assert.equal(reader.matches, `${marked.length + expected.titleHighlights.length} matches`);
  assert.ok(await inViewport(page, '.reader-text mark'), 'the first match is scrolled into view');
  await page.screenshot({ path: join(OUT, 'reader.png') });
  await page.screenshot({ path: join(OUT, 'reader-full.png'), fullPage: true });

  // The browser's Back returns to the results, query kept; Forward reopens.
  await page.goBack();
  await page.locator('article-search .reader').waitFor({ state: 'hidden' });
  let state = await readResults(page);
  assert.equal(state.listHidden, false);
  assert.equal(await page.inputValue('article-search input'), 'defence');
  assert.equal(new URL(page.url()).searchParams.has('article'), false);
  await page.goForward();
  await page.locator('article-search .reader').waitFor();
  assert.equal((await readReader(page)).title, expected.title);

  // Escape after a click in the text (focus on the body) leaves the reader too.
  await page.locator('article-search .reader-text p').first().click();
  assert.equal(await focusedInWidget(page), null);
  await page.keyboard.press('Escape');
  await page.locator('article-search .reader').waitFor({ state: 'hidden' });
  await page.goForward();
  await page.locator('article-search .reader').waitFor();

  // The Back button does the same as the browser's Back.
  await page.locator('article-search button.back').click();
  await page.locator('article-search .reader').waitFor({ state: 'hidden' });
  assert.equal(await page.inputValue('article-search input'), 'defence');
  assert.equal(new URL(page.url()).searchParams.has('article'), false);

  // Typing while reading goes back to the results for the new query.
  await page.locator(`article-search [role="option"][data-id="${target.id}"]`).click();
  await page.locator('article-search .reader').waitFor();
  await page.locator('article-search input').fill('moscow');
  state = await readResults(page);
  assert.equal(state.readerHidden, true);
  assert.ok(state.hits.length > 0);
  assert.equal(new URL(page.url()).searchParams.has('article'), false);
  assert.equal(wasm.length, 0, 'the wasm is not fetched again');

  const dark = await env.open(`?q=defence&article=${target.id}`, { colorScheme: 'dark' });
  await dark.page.screenshot({ path: join(OUT, 'reader-dark.png') });
  await dark.context.close();
  await context.close();
});

test('a ?article= URL opens the reader on load; Back button and Escape then return to the results', async () => {
  const { page, context } = await env.open(`?q=Belousov&article=${BELOUSOV}`);
  let reader = await readReader(page);
  assert.equal(reader.hidden, false);
  assert.ok(reader.marks.includes('Belousov'));
  await page.locator('article-search button.back').click();
  await page.locator('article-search .reader').waitFor({ state: 'hidden' });
  assert.equal((await readResults(page)).hits[0].id, BELOUSOV);
  assert.equal(new URL(page.url()).search, '?q=Belousov');

  // An unknown id shows the results and drops it from the URL.
  const unknown = await env.open('?q=Belousov&article=nope');
  reader = await readReader(unknown.page);
  assert.equal(reader.hidden, true);
  assert.equal(new URL(unknown.page.url()).search, '?q=Belousov');
  await unknown.context.close();
  await context.close();
});

test('attributes: limit, placeholder, label; a second element shares the one engine', async () => {
  const { page, context } = await env.open('?q=defence');
  const wasm = [];
  page.on('response', (r) => r.url().endsWith('.wasm') && wasm.push(r.url()));
  assert.equal(await page.getAttribute('article-search input', 'placeholder'), 'e.g. Belousov, Hà Nội, defence');
  assert.equal(await page.locator('article-search label[for="q"]').textContent(), 'Search articles');
  await page.evaluate(() => {
    const widget = document.querySelector('article-search');
    widget.setAttribute('limit', '2');
    widget.setAttribute('placeholder', 'Find');
    widget.setAttribute('label', 'Find news');
  });
  const { hits, count } = await readResults(page);
  assert.equal(hits.length, 2);
  assert.match(count, /^5 results \(showing the top 2\)$/);
  assert.equal(await page.getAttribute('article-search input', 'placeholder'), 'Find');
  assert.equal(await page.getByLabel('Find news').count(), 1, 'the box is labelled by the label attribute');

  // A second element, its query kept out of the URL (param=""): the engine is already loaded.
  const second = await page.evaluate(async () => {
    const other = document.createElement('article-search');
    other.setAttribute('param', '');
    document.querySelector('main').append(other);
    await other.ready;
    other.value = 'moscow';
    await other.settled;
    return { hits: other.shadowRoot.querySelectorAll('[role="option"]').length, url: location.search };
  });
  assert.ok(second.hits > 0);
  assert.equal(second.url, '?q=defence', 'param="" leaves the URL alone');
  assert.equal(wasm.length, 0, 'no second download of the wasm');
  await context.close();
});

test('theming: --as-* custom properties and ::part() reach inside the shadow root', async () => {
  const { page, context } = await env.open('?q=defence');
  const look = await page.evaluate(() => {
    // A constructed sheet, since the CSP forbids a <style> element.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      article-search { --as-accent: rgb(1, 2, 3); --as-mark-bg: rgb(200, 100, 50); }
      article-search::part(hit-title) { text-transform: uppercase; }
      article-search::part(label) { position: static; width: auto; height: auto; clip-path: none; }
    `);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const root = document.querySelector('article-search').shadowRoot;
    const title = getComputedStyle(root.querySelector('.hit-title'));
    return {
      color: title.color,
      transform: title.textTransform,
      mark: getComputedStyle(root.querySelector('mark')).backgroundColor,
      label: root.querySelector('label').getBoundingClientRect().width > 10,
    };
  });
  assert.deepEqual(look, { color: 'rgb(1, 2, 3)', transform: 'uppercase', mark: 'rgb(200, 100, 50)', label: true });

  // The selected hit is ::part(hit active); theme="dark" | "light" overrides the colour scheme.
  await page.keyboard.press('ArrowDown');
  const themed = await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('article-search::part(hit active) { outline: 3px solid rgb(4, 5, 6); }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const host = document.querySelector('article-search');
    const root = host.shadowRoot;
    const background = () => getComputedStyle(root.querySelector('.widget')).backgroundColor;
    const light = background();
    host.setAttribute('theme', 'dark');
    const dark = background();
    host.removeAttribute('theme');
    return {
      outlines: [...root.querySelectorAll('[role="option"]')].map((li) => getComputedStyle(li).outlineColor === 'rgb(4, 5, 6)'),
      light,
      dark,
    };
  });
  assert.deepEqual(themed.outlines, themed.outlines.map((_, i) => i === 0), 'only the selected hit');
  assert.deepEqual([themed.light, themed.dark], ['rgb(255, 255, 255)', 'rgb(23, 25, 28)']);
  await context.close();

  const dark = await env.open('?q=defence', { colorScheme: 'dark' });
  const forced = await dark.page.evaluate(() => {
    const host = document.querySelector('article-search');
    host.setAttribute('theme', 'light');
    return getComputedStyle(host.shadowRoot.querySelector('.widget')).backgroundColor;
  });
  assert.equal(forced, 'rgb(255, 255, 255)', 'theme="light" in a dark scheme');
  await dark.context.close();
});

test('the highlight helper survives unsorted, overlapping and out-of-range ranges', async () => {
  const { page, context } = await env.open();
  const cases = await page.evaluate(async () => {
    const { highlight } = await import('./article-search.js');
    const render = (text, ranges) => {
      const div = document.createElement('div');
      div.append(highlight(text, ranges));
      return { html: div.innerHTML.replaceAll(' part="mark"', ''), text: div.textContent };
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

test('no console errors, CSP violations, page errors, failed requests or dialogs', () => {
  assert.deepEqual(env.problems, []);
  assert.deepEqual(env.dialogs, []);
});
