// A new visitor on a slow network: our widget in the split layout against
// Pagefind on the same corpus, in headless Chromium with the network
// throttled through the DevTools protocol (Network.emulateNetworkConditions),
// served gzip-compressed by a local static server. Each query runs in a
// fresh browser context (an empty cache): the page's load until the search
// is ready, then the query typed and the time until its results are shown
// (ours: the widget settled with its hits and snippets; Pagefind: search()
// and data() of its first 10 results), and the bytes sent for each part.
//
//   node bench/throttled.mjs [CORPUS_DIR]     default target/corpus/linuxdoc-sections/n10000
//
// Needs the bench's Pagefind build of that corpus (bash bench/run.sh first);
// builds our module in the split layout into target/throttled/<corpus>/.
// Writes bench/THROTTLED.md.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const CORPUS = resolve(process.argv[2] ?? join(ROOT, 'target/corpus/linuxdoc-sections/n10000'));
const NAME = basename(CORPUS);
/** About a slow 3G phone: Chrome DevTools' "Slow 4G" is 1.6 Mbit/s down, 150 ms of latency. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const PER_KIND = 5;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' };

const log = (s) => process.stderr.write(`[throttled] ${s}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function buildOurs() {
  const dir = join(ROOT, 'target/throttled', NAME);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`building the split layout of ${NAME} into ${dir}`);
  const env = { ...process.env, ARTICLE_SEARCH_ARTICLES: CORPUS, ARTICLE_SEARCH_LAYOUT: 'split', ARTICLE_SEARCH_FILES_DIR: join(dir, 'pkg/files') };
  execFileSync('bash', ['-c', `cd "${ROOT}" && source .ci/env.sh && wasm-pack --quiet build --target web --release --out-dir "${dir}/pkg" --no-typescript --no-pack`], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (const file of ['index.html', 'style.css', 'favicon.svg', 'article-search.js', 'article-search-worker.js', 'article-search.css']) {
    copyFileSync(join(ROOT, 'www', file), join(dir, file));
  }
  return dir;
}

/** Serves `dir` gzip-compressed (level 9, as a host that precompresses would); counts the bytes it sends. */
async function serve(dir) {
  const root = resolve(dir);
  const cache = new Map();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    if (!cache.has(file)) cache.set(file, gzipSync(readFileSync(file), { level: 9 }));
    const body = cache.get(file);
    server.sent += body.length;
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Encoding': 'gzip', 'Cache-Control': 'max-age=3600' });
    res.end(body);
  });
  server.sent = 0;
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, server };
}

/** The queries: the bench's own, typed as a visitor would. */
function queries() {
  const q = JSON.parse(readFileSync(join(ROOT, 'bench/queries', `${NAME}.json`), 'utf8'));
  return {
    exact: q.exact.slice(0, PER_KIND),
    prefix: q.prefix.slice(0, PER_KIND),
    typo: q.typo.slice(0, PER_KIND),
    '3 words': q.question.slice(0, PER_KIND).map((question) => question.split(' ').slice(0, 3).join(' ')),
  };
}

/** One cold visit: the page loaded until `ready()`, then `ask(query)`; times and bytes of each. */
async function visit(browser, served, url, ready, ask, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  served.sent = 0;
  const t0 = Date.now();
  await page.goto(url);
  await page.evaluate(ready);
  const loadMs = Date.now() - t0;
  const loadBytes = served.sent;
  const queryMs = await page.evaluate(ask, query);
  const result = { loadMs, loadBytes, queryMs, queryBytes: served.sent - loadBytes };
  await context.close();
  return result;
}

const ours = {
  name: 'article-search split',
  ready: () => customElements.whenDefined('article-search').then(() => document.querySelector('article-search').ready),
  async ask(query) {
    const element = document.querySelector('article-search');
    const input = element.shadowRoot.querySelector('input');
    const t0 = performance.now();
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await element.settled;
    return performance.now() - t0;
  },
};

const pagefind = {
  name: 'Pagefind',
  ready: async () => {
    window.pf = await import('/pagefind/pagefind.js');
    await window.pf.init();
  },
  async ask(query) {
    const t0 = performance.now();
    const found = await window.pf.search(query);
    await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    return performance.now() - t0;
  },
};

const pagefindDir = join(ROOT, 'target/bench', NAME, 'pagefind');
if (!existsSync(join(pagefindDir, 'pagefind/pagefind.js'))) throw new Error(`no Pagefind build in ${pagefindDir}: run bash bench/run.sh first`);
const oursDir = buildOurs();
const { chromium } = await import(join(ROOT, 'node_modules/playwright-core/index.mjs'));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const rows = [];
try {
  for (const [engine, dir] of [[ours, oursDir], [pagefind, pagefindDir]]) {
    const { url, server } = await serve(dir);
    // Pagefind's page is a blank one of our server's: its script is imported by the page.
    const page = engine === pagefind ? `${url}/blank.html` : `${url}/`;
    if (engine === pagefind) writeFileSync(join(dir, 'blank.html'), '<!doctype html><title>bench</title>');
    for (const [kind, list] of Object.entries(queries())) {
      if (engine === pagefind && kind === 'typo') continue; // no typo tolerance
      const visits = [];
      for (const query of list) visits.push(await visit(browser, server, page, engine.ready, engine.ask, query));
      const row = { engine: engine.name, kind, visits };
      for (const key of ['loadMs', 'loadBytes', 'queryMs', 'queryBytes']) row[key] = median(visits.map((v) => v[key]));
      rows.push(row);
      log(`${engine.name} ${kind}: load ${row.loadMs} ms (${row.loadBytes} B), query ${row.queryMs.toFixed(0)} ms (${row.queryBytes} B)`);
    }
    server.close();
  }
} finally {
  await browser.close();
}

const kb = (b) => (b < 1e6 ? `${(b / 1e3).toFixed(0)} KB` : `${(b / 1e6).toFixed(2)} MB`);
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
let md = `# A new visitor on a slow network

Generated by \`node bench/throttled.mjs\` on ${new Date().toISOString().slice(0, 10)}: ${NAME} of the Linux documentation sections, headless Chromium with the network throttled to ${NETWORK.downloadThroughput * 8 / 1e6} Mbit/s down and ${NETWORK.latency} ms of latency (\`Network.emulateNetworkConditions\`), files served gzip -9 by a local server. Each query is a fresh visit (empty cache): **load** is from navigation until the search is ready (ours: the widget's \`ready\`, its engine and index fetched and opened in its worker; Pagefind: \`pagefind.js\` imported and \`init()\`), **query** from the query put in the box until its results are shown (ours: the widget settled with 10 hits, snippets and highlights; Pagefind: \`search()\` and \`data()\` of its first 10 results), each with the bytes the server sent. Medians of ${PER_KIND} queries a kind (the bench's first ones; \`3 words\`: the first three words of its questions). Pagefind has no typo tolerance.

| engine | query | load | load bytes | keystroke to results | query bytes |
|---|---|--:|--:|--:|--:|
`;
for (const r of rows) md += `| ${r.engine} | ${r.kind} | ${s(r.loadMs)} | ${kb(r.loadBytes)} | ${s(r.queryMs)} | ${kb(r.queryBytes)} |\n`;
writeFileSync(join(ROOT, 'bench/THROTTLED.md'), md);
writeFileSync(join(ROOT, 'target/throttled', `${NAME}.json`), JSON.stringify({ network: NETWORK, rows }, null, 1));
log('wrote bench/THROTTLED.md');
