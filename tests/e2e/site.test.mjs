// The fixture site (tests/fixtures/site/: built pages with navigation,
// headers, footers, a sidebar, data attributes and a page to ignore;
// Markdown with YAML front matter in subfolders; English, French and
// Vietnamese articles) in the widget, under the strict CSP, served from
// target/e2e-site/ with a wasm module built from it:
//
//   ARTICLE_SEARCH_ARTICLES=$PWD/tests/fixtures/site wasm-pack build --target web \
//     --release --out-dir target/e2e-site/pkg --no-typescript --no-pack
//
// Also the widget's own words in another language (`lang`, `messages`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WWW, OUT, readReader, readResults, setup, stageDemo } from './helpers.mjs';

const DIR = join(ROOT, 'target', 'e2e-site');
const BUILD =
  'ARTICLE_SEARCH_ARTICLES=$PWD/tests/fixtures/site wasm-pack --quiet build --target web --release ' +
  '--out-dir target/e2e-site/pkg --no-typescript --no-pack';

let env;

before(async () => {
  stageDemo(DIR, BUILD);
  // The demo page in Vietnamese: the widget takes its words from <html lang>.
  const demo = readFileSync(join(WWW, 'index.html'), 'utf8');
  writeFileSync(join(DIR, 'vi.html'), demo.replace('<html lang="en">', '<html lang="vi-VN">'));
  env = await setup({ dir: DIR });
});

after(() => env?.close());

/** Types `query` into the widget and waits for the count line to change to what it says for it. */
async function search(page, query) {
  await page.evaluate((query) => {
    const element = document.querySelector('article-search');
    return new Promise((resolve) => {
      element.addEventListener('results', resolve, { once: true });
      element.value = query;
    });
  }, query);
  return readResults(page);
}

test('words only in navigation, headers, footers, sidebars, scripts and ignored parts are not found', async () => {
  const { page, context } = await env.open();
  for (const query of ['Subscribe', 'Newsletter', 'Trending', 'Facebook', 'analytics', 'Budget debate']) {
    const { count, hits } = await search(page, query);
    assert.equal(hits.length, 0, `${query}: ${hits.map((h) => h.id)}`);
    assert.equal(count, `No results for “${query}”`);
  }
  // The page marked to be ignored and the draft are not articles.
  assert.equal((await search(page, 'embargoed')).hits.length, 0);
  await context.close();
});

test('urls come from the pages, titles from their <h1> or front matter', async () => {
  const { page, context } = await env.open();
  const { hits } = await search(page, 'Belousov Giang');
  const visit = hits.find((h) => h.id === 'news/2024/belousov-visit/index');
  assert.ok(visit, hits.map((h) => h.id).join());
  assert.equal(visit.title, 'Belousov visits Hà Nội for talks on defence cooperation');
  assert.equal(visit.href, new URL('/news/2024/belousov-visit/', page.url()).href);
  const french = (await search(page, 'Centre tropical vietnamo-russe')).hits[0];
  assert.equal(french.id, 'posts/fr/cooperation-defense');
  assert.equal(french.title, 'Les coopérations de défense entre le Vietnam et la Russie');
  await context.close();
});

test('French plurals find their singulars in French articles; unaccented Vietnamese finds accented text', async () => {
  const { page, context } = await env.open();
  // (English articles say "General" too.)
  let { hits } = await search(page, 'général ');
  const french = hits.find((h) => h.id === 'posts/fr/cooperation-defense');
  assert.deepEqual(french?.marks, ['généraux'], hits.map((h) => h.id).join());
  ({ hits } = await search(page, 'les relations bilatérale '));
  assert.equal(hits[0]?.id, 'posts/fr/cooperation-defense');
  assert.ok(hits[0].marks.includes('bilatérales'), hits[0].marks.join());

  for (const query of ['hop tac quoc phong', 'HỢP TÁC QUỐC PHÒNG', 'thu truong bo quoc phong']) {
    ({ hits } = await search(page, query));
    assert.equal(hits[0]?.id, 'vi/hop-tac-quoc-phong/index', query);
    assert.equal(hits[0].missing, null, query);
  }
  assert.deepEqual(hits[0].marks.slice(0, 4), ['Thứ', 'trưởng', 'Bộ', 'Quốc']);
  await context.close();
});

test('the language filter lists the articles of a language', async () => {
  const { page, context } = await env.open();
  await page.locator('article-search button.facet[data-field="lang"][data-value="vi"]').click();
  await page.locator('article-search #count', { hasText: /^1 article$/ }).waitFor();
  const { hits } = await readResults(page);
  assert.deepEqual(hits.map((h) => h.id), ['vi/hop-tac-quoc-phong/index']);
  await context.close();
});

test('a Vietnamese page gets the widget in Vietnamese; a page can replace any of its words (screenshot: vietnamese)', async () => {
  const { page, context } = await env.open('vi.html');
  const placeholder = await page.locator('article-search input').getAttribute('placeholder');
  assert.equal(placeholder, 'e.g. Belousov, Hà Nội, defence', 'the page\'s own placeholder stays');
  assert.equal(await page.locator('article-search label.label').textContent(), 'Tìm bài viết');
  assert.match((await readResults(page)).count, /^Gõ để tìm trong \d+ bài viết\.$/);

  let result = await search(page, 'quoc phong Nga');
  assert.match(result.count, /^\d+ kết quả/);
  assert.match(result.time, /^trong (\d,\d\d|\d+) ms$/, 'Vietnamese writes a decimal comma');
  const date = page.locator('article-search [data-id="vi/hop-tac-quoc-phong/index"] .hit-date');
  assert.equal(await date.getAttribute('datetime'), '2024-12-26');
  assert.equal(await date.textContent(), new Intl.DateTimeFormat('vi-VN', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2024, 11, 26)));
  assert.equal(await page.locator('article-search select.sort option[value="-date"]').textContent(), 'Mới nhất');
  result = await search(page, 'Belousov Nga');
  const partial = result.hits.find((h) => h.missing !== null);
  assert.match(partial?.missing ?? '', /^Thiếu: /);
  await page.screenshot({ path: join(OUT, 'vietnamese.png'), fullPage: true });

  // The page's own words, one by one; the others stay Vietnamese.
  await page.evaluate(() => {
    document.querySelector('article-search').messages = { results: (n, f) => `${f} bài tìm thấy` };
  });
  result = await search(page, 'quoc phong');
  assert.match(result.count, /^\d+ bài tìm thấy/);
  assert.equal(await page.locator('article-search label.label').textContent(), 'Tìm bài viết');

  // In the reader too (the hit's own page is not in this test's server).
  await page.evaluate(() => document.querySelector('article-search').setAttribute('links', 'reader'));
  await page.locator('article-search [data-id="vi/hop-tac-quoc-phong/index"]').click();
  await page.locator('article-search .reader:not([hidden])').waitFor();
  const reader = await readReader(page);
  assert.match(reader.matches, /^\d+ chỗ khớp$/);
  assert.equal(await page.locator('article-search button.back').textContent(), '← Quay lại kết quả');
  await context.close();
});

test('English pages keep English dates and words', async () => {
  const { page, context } = await env.open();
  await search(page, 'quoc phong');
  const date = page.locator('article-search [data-id="vi/hop-tac-quoc-phong/index"] .hit-date');
  assert.equal(await date.textContent(), 'Dec 26, 2024');
  assert.equal(env.problems.length, 0, env.problems.join('\n'));
  await context.close();
});
