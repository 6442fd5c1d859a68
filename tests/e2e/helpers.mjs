// Shared by the browser tests in this folder: a static server, headless
// Chromium (Debian's, driven by playwright-core), and a page opener that
// records every console error, page error, failed request, HTTP error, CSP
// violation and dialog, so each test file can end by asserting there were none.
//
// CHROMIUM_PATH overrides the browser binary (default /usr/bin/chromium).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../.ci/static-server.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WWW = join(ROOT, 'www');
export const OUT = join(ROOT, 'test-output');
/** The policy the served widget must work under (README, "Embed it"). */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** Throws a message naming the build command when a built file is missing. */
export function requireFile(path, command) {
  if (!existsSync(path)) throw new Error(`${path} is missing: build it first, from the repository root:\n  ${command}`);
}

export const BUILD_PAGE = 'source .ci/env.sh && build_page_wasm';

/**
 * Makes `dir` a copy of the demo around a module built into `dir`/pkg by
 * `command`: the page and the widget's files from www/ (all that a site copies).
 */
export function stageDemo(dir, command) {
  requireFile(join(dir, 'pkg', 'article_search_bg.wasm'), command);
  mkdirSync(dir, { recursive: true });
  for (const file of ['index.html', 'style.css', 'favicon.svg', 'article-search.js', 'article-search-worker.js', 'article-search.css']) {
    copyFileSync(join(WWW, file), join(dir, file));
  }
}

export function launchBrowser() {
  return chromium.launch({
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
}

/**
 * A browser and a server of `dir` (with the strict CSP unless `csp: false`).
 * `open(search)` opens a page and waits for the widget to be ready;
 * `problems` and `dialogs` collect what went wrong in any page.
 */
export async function setup({ dir = WWW, csp = true } = {}) {
  await mkdir(OUT, { recursive: true });
  const server = await startServer({ dir, port: 0, headers: csp ? { 'Content-Security-Policy': CSP } : {} });
  const browser = await launchBrowser();
  const problems = [];
  const dialogs = [];

  /** Records everything that goes wrong in `page`. */
  function watch(page) {
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('requestfailed', (request) => {
      // A navigation the test aborts on purpose is not a problem.
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on('dialog', async (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
  }

  /** Opens `url` (relative to the server) in a new context; waits until the widget is ready. */
  async function open(search = '', contextOptions = {}) {
    const context = await browser.newContext({ viewport: { width: 900, height: 900 }, ...contextOptions });
    // CSP violations also reach the console, but this names the directive.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const page = await context.newPage();
    watch(page);
    const started = performance.now();
    await page.goto(new URL(search, server.url).href);
    await waitReady(page);
    return { page, context, loadMs: performance.now() - started };
  }

  async function close() {
    await browser?.close();
    await server?.close();
  }

  return { server, browser, problems, dialogs, watch, open, close };
}

/**
 * Where the page's engine runs: the widget's worker (article-search-worker.js),
 * on which `evaluate` works as on a page. Fails if the engine is not in a worker.
 */
export function engineScope(page) {
  const worker = page.workers().find((w) => w.url().endsWith('/article-search-worker.js'));
  if (!worker) throw new Error(`the engine runs in no worker; the page's workers: ${page.workers().map((w) => w.url()).join(', ') || 'none'}`);
  return worker;
}

/** Waits for the widget's `ready` promise; fails with the widget's own error message. */
export async function waitReady(page) {
  await page.waitForFunction(() => customElements.get('article-search') !== undefined);
  const error = await page.evaluate(async () => {
    try {
      await document.querySelector('article-search').ready;
      return '';
    } catch (e) {
      return String(e?.message ?? e);
    }
  });
  if (error) throw new Error(`the widget did not become ready: ${error}`);
}

/** What the tests look at: the count line, the combobox state and each hit's text and marks. */
export function readResults(page) {
  return page.evaluate(async () => {
    // The engine answers from its worker: read once the widget shows the answer to the latest input.
    await document.querySelector('article-search').settled;
    const root = document.querySelector('article-search').shadowRoot;
    const input = root.querySelector('input');
    return {
      count: root.getElementById('count').textContent,
      time: root.querySelector('.time').textContent,
      expanded: input.getAttribute('aria-expanded'),
      activedescendant: input.getAttribute('aria-activedescendant'),
      listHidden: root.querySelector('[role="listbox"]').hidden,
      readerHidden: root.querySelector('.reader').hidden,
      hits: [...root.querySelectorAll('[role="listbox"] > [role="option"]')].map((li) => ({
        id: li.dataset.id,
        domId: li.id,
        href: li.dataset.href ?? null,
        selected: li.getAttribute('aria-selected'),
        title: li.querySelector('.hit-title').textContent,
        snippet: li.querySelector('.hit-snippet').textContent,
        marks: [...li.querySelectorAll('.hit-snippet mark')].map((m) => m.textContent),
        titleMarks: [...li.querySelectorAll('.hit-title mark')].map((m) => m.textContent),
        missing: li.querySelector('.hit-missing')?.textContent ?? null,
        struck: [...li.querySelectorAll('.hit-missing s')].map((s) => s.textContent),
      })),
    };
  });
}

/** The reader view as text: title, meta line, paragraphs, marks. */
export function readReader(page) {
  return page.evaluate(async () => {
    await document.querySelector('article-search').settled;
    const root = document.querySelector('article-search').shadowRoot;
    const reader = root.querySelector('.reader');
    return {
      hidden: reader.hidden,
      title: root.getElementById('reader-title').textContent,
      meta: root.querySelector('.reader-meta').textContent,
      links: [...reader.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      matches: root.querySelector('.matches').textContent,
      paragraphs: [...root.querySelectorAll('.reader-text p')].map((p) => p.textContent),
      marks: [...root.querySelectorAll('.reader-text mark')].map((m) => m.textContent),
      titleMarks: [...root.querySelectorAll('#reader-title mark')].map((m) => m.textContent),
      focused: root.activeElement?.id ?? null,
    };
  });
}

/** The id of the element focused inside the widget (null: focus is elsewhere). */
export function focusedInWidget(page) {
  return page.evaluate(() => {
    const host = document.querySelector('article-search');
    return document.activeElement === host ? (host.shadowRoot.activeElement?.id ?? null) : null;
  });
}

/** True when `selector` (inside the widget) is at least partly inside the viewport. */
export function inViewport(page, selector) {
  return page.evaluate((selector) => {
    const node = document.querySelector('article-search').shadowRoot.querySelector(selector);
    if (!node) return false;
    const box = node.getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight && box.height > 0;
  }, selector);
}
