// axe-core (pinned in package.json) on the widget's demo page in every view:
// zero violations of any rule axe runs by default (WCAG A/AA and best
// practices), in light and dark.
//
// axe is injected with page.addScriptTag, which is an inline script: the
// strict CSP blocks it, so these pages are served without the CSP header
// (page.test.mjs covers the CSP).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BUILD_PAGE, WWW, requireFile, setup } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let env;

before(async () => {
  requireFile(join(WWW, 'pkg', 'article_search_bg.wasm'), BUILD_PAGE);
  env = await setup({ csp: false });
});

after(() => env?.close());

/** Runs axe on the whole page (open shadow roots included); returns the violations, readable. */
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' >>> ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe: no violations in the results, the reader and the other states (${colorScheme})`, async () => {
    const { page, context } = await env.open('', { colorScheme });
    assert.deepEqual(await violations(page), [], 'empty box');

    await page.fill('article-search input', 'defence');
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await violations(page), [], 'results, one option active');

    await page.keyboard.press('Enter');
    await page.locator('article-search .reader').waitFor();
    assert.deepEqual(await violations(page), [], 'reader view');

    await page.keyboard.press('Escape');
    await page.locator('article-search .reader').waitFor({ state: 'hidden' });
    await page.fill('article-search input', 'Belousow');
    await page.locator('article-search button.suggestion').waitFor();
    assert.deepEqual(await violations(page), [], '"Did you mean"');

    await page.fill('article-search input', 'zzzzqqq');
    assert.deepEqual(await violations(page), [], 'no results');

    await page.fill('article-search input', '');
    await page.locator('article-search button.facet', { hasText: 'ARMY-2024' }).click();
    await page.locator('article-search button.facet[aria-pressed="true"]').waitFor();
    assert.deepEqual(await violations(page), [], 'a filter chosen');
    console.log(`# axe ${await page.evaluate(() => window.axe.version)}: 0 violations in 6 states (${colorScheme})`);
    await context.close();
  });
}

test('the ARIA wiring of the combobox, the listbox and the live region', async () => {
  const { page, context } = await env.open('?q=defence');
  const aria = await page.evaluate(() => {
    const root = document.querySelector('article-search').shadowRoot;
    const input = root.querySelector('input');
    const list = root.getElementById(input.getAttribute('aria-controls'));
    const status = root.querySelector('[role="status"]');
    return {
      role: input.getAttribute('role'),
      autocomplete: input.getAttribute('aria-autocomplete'),
      expanded: input.getAttribute('aria-expanded'),
      listRole: list?.getAttribute('role'),
      options: [...list.children].every((li) => li.getAttribute('role') === 'option' && li.id),
      label: input.labels[0]?.textContent,
      live: status.getAttribute('aria-live'),
      liveText: status.textContent,
    };
  });
  assert.deepEqual(aria, {
    role: 'combobox',
    autocomplete: 'list',
    expanded: 'true',
    listRole: 'listbox',
    options: true,
    label: 'Search articles',
    live: 'polite',
    liveText: '5 results',
  });
  // The accessibility tree Chromium exposes.
  const snapshot = await page.locator('article-search').ariaSnapshot();
  assert.match(snapshot, /combobox "Search articles"/);
  assert.match(snapshot, /listbox "Results"/);
  assert.match(snapshot, /option "/);
  await context.close();
});

test('no console errors, page errors, failed requests or dialogs', () => {
  assert.deepEqual(env.problems, []);
  assert.deepEqual(env.dialogs, []);
});
