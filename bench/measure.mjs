// Runs every engine on every corpus given, each step in its own node process
// (worker.mjs), and appends one JSON line per engine and corpus to the
// results file. The first line describes the run: machine, versions.
//
//   node bench/measure.mjs RESULTS.jsonl CORPUS_DIR...
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { makeQueries } from './queries.mjs';
import { readCorpus } from './corpus.mjs';

const BENCH = new URL('.', import.meta.url).pathname.replace(/\/$/, '');
const ROOT = join(BENCH, '..');
// article-search-before: the engine at BENCH_BEFORE=<rev>, when set.
const ENGINES = ['article-search', 'article-search-split', 'article-search-before', 'minisearch', 'flexsearch', 'lunr', 'orama', 'pagefind'];
const only = process.env.BENCH_ENGINES?.split(',') ?? (process.env.BENCH_BEFORE ? null : ENGINES.filter((e) => e !== 'article-search-before'));
const [results, ...corpora] = process.argv.slice(2);

const quiet = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};
const pkgVersion = (name) => JSON.parse(readFileSync(join(BENCH, 'node_modules', name, 'package.json'), 'utf8')).version;

function runInfo() {
  const commit = quiet('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  const dirty = quiet('git', ['-C', ROOT, 'status', '--porcelain', '--', 'core', 'src', 'build.rs', 'Cargo.toml', 'Cargo.lock']);
  return {
    type: 'run',
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model,
      cores: os.cpus().length,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
    },
    versions: {
      'article-search': `${commit}${dirty ? ' (with uncommitted engine changes)' : ''}`,
      node: process.version,
      rustc: quiet('rustc', ['--version']),
      'wasm-pack': quiet('bash', ['-c', `cd "${ROOT}" && source .ci/env.sh && wasm-pack --version`]),
      chromium: quiet('/usr/bin/chromium', ['--version']),
      ...Object.fromEntries(['minisearch', 'flexsearch', 'lunr', '@orama/orama', 'pagefind'].map((p) => [p, pkgVersion(p)])),
    },
  };
}

// A worker step under GNU time when there is one, for the peak memory of the
// whole process tree (cargo and rustc, Pagefind's native indexer).
function step(args) {
  const time = existsSync('/usr/bin/time');
  const cmd = time ? '/usr/bin/time' : process.execPath;
  const argv = time ? ['-f', 'bench-maxrss-kb=%M', process.execPath, join(BENCH, 'worker.mjs'), ...args] : [join(BENCH, 'worker.mjs'), ...args];
  const loadAverage = os.loadavg()[0];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 20 * 60 * 1000 });
  const wallMs = performance.now() - t0;
  const treeMaxRss = /bench-maxrss-kb=(\d+)/.exec(r.stderr || '');
  const stderr = (r.stderr || '').replace(/bench-maxrss-kb=\d+\n?/, '').trim();
  if (r.status !== 0) return { error: (stderr || r.error?.message || `exit ${r.status}`).split('\n').slice(-6).join('\n'), wallMs, loadAverage };
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  return { ...out, wallMs, loadAverage, treePeakRssMB: treeMaxRss ? Number(treeMaxRss[1]) / 1024 : null };
}

const log = (s) => process.stderr.write(`[bench] ${s}\n`);
appendFileSync(results, JSON.stringify(runInfo()) + '\n');

for (const dir of corpora) {
  const corpus = basename(dir);
  const docs = readCorpus(dir);
  const corpusBytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  // The text alone, gzipped in one piece: a floor for any download that
  // carries the text for snippets.
  const textGzip = gzipSync(docs.map((d) => `${d.title}\n${d.body}\n`).join(''), { level: 9 }).length;
  const queries = makeQueries(docs);
  mkdirSync(join(BENCH, 'queries'), { recursive: true });
  const queryFile = join(BENCH, 'queries', `${corpus}.json`);
  writeFileSync(queryFile, JSON.stringify(queries, null, 1) + '\n');
  log(`${corpus}: ${docs.length} documents, ${(corpusBytes / 1e6).toFixed(1)} MB, vocabulary ${queries.vocabulary}`);

  for (const name of ENGINES.filter((e) => !only || only.includes(e))) {
    const engine = (await import(`./engines/${name}.mjs`)).default;
    const outDir = join(ROOT, 'target/bench', corpus, name);
    const build = step(['build', name, dir, outDir]);
    log(`  ${engine.name}: build ${build.error ? 'FAILED' : `${(build.buildMs / 1000).toFixed(1)} s, ${(build.download.gzip / 1e6).toFixed(2)} MB gzip`}`);
    const query = build.error ? { error: 'not built' } : step(['query', name, outDir, queryFile]);
    if (query.error && !build.error) log(`  ${engine.name}: queries FAILED\n${query.error}`);
    else if (!build.error) log(`  ${engine.name}: load ${query.loadMs.toFixed(0)} ms, ${Object.entries(query.kinds).map(([k, v]) => `${k} p95 ${v.p95Ms.toFixed(2)} ms`).join(', ')}`);
    const line = {
      type: 'result',
      corpus,
      documents: docs.length,
      corpusBytes,
      textGzip,
      engine: engine.name,
      version: engine.package ? pkgVersion(engine.package) : runInfo().versions['article-search'],
      features: engine.features,
      inBrowser: !!engine.browser,
      build,
      query,
    };
    appendFileSync(results, JSON.stringify(line) + '\n');
  }
}
