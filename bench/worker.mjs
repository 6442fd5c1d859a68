// One engine, one step, in a process of its own so that its memory and load
// time are its own. Prints one JSON object on stdout.
//
//   node worker.mjs build ENGINE CORPUS_DIR OUT_DIR
//   node worker.mjs query ENGINE OUT_DIR QUERIES.json
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const KINDS = ['exact', 'prefix', 'typo', 'phrase', 'question', 'paste'];
const PASSES = 3; // timed passes over each query set, after one warm-up pass
const COLD_QUERIES = 20; // per kind, each the first query of a new visitor (split layout)

const [step, name, ...args] = process.argv.slice(2);
const engine = (await import(`./engines/${name}.mjs`)).default;
const peakRssMB = () => process.resourceUsage().maxRSS / 1024;

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

// The peer's library as a site ships it: bundled and minified for the
// browser with what the search page imports (esbuild), once per engine.
async function bundleLibrary(name, source) {
  const file = new URL(`../target/bench/lib/${name}.min.js`, import.meta.url).pathname;
  if (!existsSync(file)) {
    const esbuild = await import('esbuild');
    const r = await esbuild.build({
      stdin: { contents: source, resolveDir: dirname(new URL(import.meta.url).pathname) },
      bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error',
    });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, r.outputFiles[0].contents);
  }
  return file;
}

// Bytes a visitor downloads: each file raw and gzip-compressed (level 9, as a
// host that precompresses static files would serve them).
function download(files, outDir) {
  let bytes = 0, gzip = 0;
  const parts = {};
  for (const f of files) {
    const data = readFileSync(f);
    const z = gzipSync(data, { level: 9 }).length;
    bytes += data.length;
    gzip += z;
    const rel = f.startsWith(outDir) ? f.slice(outDir.length + 1) : 'library';
    const key = rel.split('/').length > 2 ? rel.slice(0, rel.lastIndexOf('/')) : rel;
    const p = (parts[key] ??= { files: 0, bytes: 0, gzip: 0 });
    p.files++; p.bytes += data.length; p.gzip += z;
  }
  return { files: files.length, bytes, gzip, parts };
}

function summary(times, counts) {
  times.sort((a, b) => a - b);
  return {
    queries: counts.queries ?? times.length / PASSES,
    p50Ms: quantile(times, 0.5),
    p95Ms: quantile(times, 0.95),
    maxMs: times[times.length - 1],
    meanHits: counts.meanHits,
    meanTotal: counts.meanTotal,
    empty: counts.empty,
  };
}

/** p50 / p95 of the gzip bytes, requests and rounds of fetches `costs` ({ gzip, requests, rounds } each), and the mean bytes. */
function fileCosts(costs) {
  const of = (key) => costs.map((c) => c[key]).sort((a, b) => a - b);
  const [gzip, requests, rounds] = [of('gzip'), of('requests'), of('rounds')];
  return {
    queries: costs.length,
    meanGzip: gzip.reduce((a, b) => a + b, 0) / Math.max(1, gzip.length),
    gzipP50: quantile(gzip, 0.5), gzipP95: quantile(gzip, 0.95),
    requestsP50: quantile(requests, 0.5), requestsP95: quantile(requests, 0.95),
    roundsP95: quantile(rounds, 0.95),
  };
}

async function measureInNode(outDir, queries, kinds) {
  const t0 = performance.now();
  const state = await engine.load(outDir);
  const loadMs = performance.now() - t0;
  const rssAfterLoadMB = process.memoryUsage().rss / 2 ** 20;
  const out = {};
  for (const kind of kinds) {
    const set = queries[kind];
    if (state.fetched) state.fetched.length = 0;
    for (const q of set) engine.search(state, kind, q); // warm-up
    // Split layout: what each query fetched in the warm-up pass (after the
    // queries before it), and what it costs a new visitor.
    const fetched = state.fetched && fileCosts(state.fetched);
    const cold = engine.cold && fileCosts(set.slice(0, COLD_QUERIES).map((q) => engine.cold(outDir, kind, q)));
    const times = [];
    let hits = 0, total = 0, totalKnown = true, empty = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      for (const q of set) {
        const t = performance.now();
        const r = engine.search(state, kind, q);
        times.push(performance.now() - t);
        if (pass > 0) continue;
        hits += r.hits.length;
        if (r.hits.length === 0) empty++;
        if (r.total == null) totalKnown = false;
        else total += r.total;
        if (r.hits.some((h) => typeof h.title !== 'string' || typeof h.snippet !== 'string')) {
          throw new Error(`${name}: a hit without title or snippet for ${kind} ${JSON.stringify(q)}`);
        }
      }
    }
    out[kind] = summary(times, {
      queries: set.length,
      meanHits: hits / set.length,
      meanTotal: totalKnown ? total / set.length : null,
      empty,
    });
    if (fetched) Object.assign(out[kind], { fetched, cold });
    if (engine.withoutHits) {
      const bare = [];
      for (let pass = 0; pass < PASSES; pass++) {
        for (const q of set) {
          const t = performance.now();
          engine.withoutHits(state, kind, q);
          bare.push(performance.now() - t);
        }
      }
      const { p50Ms, p95Ms } = summary(bare, {});
      out[kind].withoutHits = { p50Ms, p95Ms };
    }
  }
  return { loadMs, rssAfterLoadMB, kinds: out };
}

if (step === 'build') {
  const [corpusDir, outDir] = args;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const t0 = performance.now();
  const built = await engine.build(corpusDir, outDir);
  const buildMs = built.buildMs ?? performance.now() - t0;
  const files = (built.files ?? built).map((f) => join(outDir, f));
  if (engine.library) files.push(await bundleLibrary(name, engine.library));
  console.log(JSON.stringify({ buildMs, peakRssMB: peakRssMB(), ...built.extra, download: download(files, outDir) }));
} else if (step === 'query') {
  const [outDir, queryFile] = args;
  const queries = JSON.parse(readFileSync(queryFile, 'utf8'));
  const kinds = KINDS.filter((k) => engine.features[k]);
  let result;
  if (engine.browser) {
    const { measureInBrowser } = await import('./pagefind-browser.mjs');
    const r = await measureInBrowser(outDir, queries, { kinds, passes: PASSES, syntax: engine.syntax });
    result = { ...r, kinds: Object.fromEntries(Object.entries(r.kinds).map(([k, v]) => [k, summary(v.times, v)])) };
  } else {
    result = measureInNode(outDir, queries, kinds);
  }
  console.log(JSON.stringify({ ...(await result), peakRssMB: engine.browser ? null : peakRssMB() }));
} else {
  throw new Error(`unknown step ${step}`);
}
