// Pagefind's search runs only in a browser: this serves its output folder on
// 127.0.0.1 and runs the query sets in headless Chromium (playwright-core,
// Debian's /usr/bin/chromium). Same protocol as worker.mjs: load, one warm-up
// pass, timed passes; each query is search() plus data() of the first 10
// results (title and excerpt). Fetches go through the browser's HTTP cache,
// as on a real site after the first queries.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html', '.wasm': 'application/wasm' };

export async function measureInBrowser(outDir, queries, { kinds, passes, syntax }) {
  let served = 0;
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
      return;
    }
    try {
      const body = await readFile(join(outDir, path));
      served += body.length;
      const ext = path.slice(path.lastIndexOf('.'));
      res.writeHead(200, { 'content-type': TYPES[ext] || 'application/octet-stream', 'cache-control': 'max-age=3600' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const sets = Object.fromEntries(kinds.map((k) => [k, queries[k].map((q) => syntax[k](q))]));
    const loadMs = await page.evaluate(async () => {
      const t0 = performance.now();
      window.pf = await import('/pagefind/pagefind.js');
      await window.pf.init();
      return performance.now() - t0;
    });
    const bytesAtLoad = served;
    const results = await page.evaluate(async ({ sets, passes }) => {
      const run = async (q) => {
        const s = await window.pf.search(q);
        const data = await Promise.all(s.results.slice(0, 10).map((x) => x.data()));
        if (data.some((d) => typeof d.meta?.title !== 'string' || typeof d.excerpt !== 'string')) throw new Error(`no title/excerpt for ${q}`);
        return { hits: data.length, total: s.results.length };
      };
      const kinds = {};
      for (const [kind, set] of Object.entries(sets)) {
        for (const q of set) await run(q); // warm-up
        const times = [];
        let hits = 0, total = 0, empty = 0;
        for (let pass = 0; pass < passes; pass++) {
          for (const q of set) {
            const t = performance.now();
            const r = await run(q);
            times.push(performance.now() - t);
            if (pass === 0) { hits += r.hits; total += r.total; if (!r.hits) empty++; }
          }
        }
        kinds[kind] = { times, meanHits: hits / set.length, meanTotal: total / set.length, empty };
      }
      return kinds;
    }, { sets, passes });
    return { loadMs, kinds: results, bytesAtLoad, bytesFetched: served, browser: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}
