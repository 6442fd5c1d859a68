// Our engine through its real build: the build script indexes the folder
// named by ARTICLE_SEARCH_ARTICLES and the index is embedded in the .wasm.
// What a visitor downloads: the .wasm (engine + index + stored text) and the
// JS glue of the web build. In the split layout (engineOf(..., 'split')) the
// .wasm holds the index without the dictionary's blocks, the words' postings
// and the articles' text, which are files read per query as the widget's worker fetches them: the
// download is the .wasm and glue, and each query's files are counted apart
// (`fetched`, and `cold`: what a first query costs a new visitor).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, copyFileSync, rmSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const REPO = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
// A finished word ends in a space (else it is also a prefix); questions and
// pastes are sent as written, a space after them.
const SYNTAX = {
  exact: (w) => `${w} `,
  prefix: (w) => w,
  typo: (w) => `${w} `,
  phrase: ([a, b]) => `"${a} ${b}"`,
  question: (q) => `${q} `,
  paste: (q) => `${q} `,
};

function newest(paths) {
  return paths.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

function sh(ROOT, script, env = {}) {
  execFileSync('bash', ['-c', `set -euo pipefail; cd "${ROOT}"; source .ci/env.sh; ${script}`], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * `engine.search(query, options)` as the widget's worker answers it: when it
 * throws for want of files (naming them in `files`), they are read from `dir`
 * and given, and it is asked again. Returns the results and the gzip bytes, count and
 * rounds of the files it read.
 */
function searchWithFiles(engine, dir, query, options, gzipOf) {
  const cost = { gzip: 0, requests: 0, rounds: 0 };
  for (;;) {
    try {
      return { results: engine.search(query, options), cost };
    } catch (error) {
      const names = Array.isArray(error?.files) ? error.files : [];
      if (names.length === 0 || ++cost.rounds > 5) throw error; // as the widget's worker (MAX_ROUNDS)
      for (const name of names) {
        const bytes = readFileSync(join(dir, name));
        cost.gzip += gzipOf(name, bytes);
        cost.requests++;
        engine.addFile(name, bytes);
      }
    }
  }
}

/** The engine of the checkout at `ROOT`, built in `TARGET`, reported as `name`, in `layout` (embedded or split). */
export function engineOf(name, ROOT, TARGET, layout = 'embedded') {
  const split = layout === 'split';
  const gzipSizes = new Map();
  const gzipOf = (name, bytes) => {
    if (!gzipSizes.has(name)) gzipSizes.set(name, gzipSync(bytes, { level: 9 }).length);
    return gzipSizes.get(name);
  };
  const glueOf = (outDir) => join(outDir, 'article_search.js');
  return {
  name,
  package: null,
  features: { exact: true, prefix: true, typo: true, phrase: true, question: true, paste: true },

  async build(corpusDir, outDir) {
    // A warm cargo cache: everything compiled once (on the bundled articles), so
    // that the timed build is what a site rebuild costs after its articles
    // change, not a first compile of the dependencies.
    const { ARTICLE_SEARCH_ARTICLES: _, ...withoutArticles } = process.env;
    execFileSync('bash', ['-c', `cd "${ROOT}"; source .ci/env.sh; cargo build --quiet --lib --release --target wasm32-unknown-unknown`], {
      env: { ...withoutArticles, CARGO_TARGET_DIR: TARGET },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // The build script re-runs when the folder changes: mark it changed so that
    // every run measures a real re-index, even of the corpus built last time.
    const now = new Date();
    utimesSync(corpusDir, now, now);
    const env = { ARTICLE_SEARCH_ARTICLES: corpusDir, ARTICLE_SEARCH_LAYOUT: layout, CARGO_TARGET_DIR: TARGET };
    if (split) env.ARTICLE_SEARCH_FILES_DIR = join(outDir, 'files');
    const t0 = performance.now();
    sh(ROOT, `wasm-pack --quiet build --target nodejs --release --out-dir "${outDir}" --no-typescript --no-pack`, env);
    const buildMs = performance.now() - t0;
    rmSync(join(outDir, '.gitignore'), { force: true });

    // The indexing alone: the compiled build script run again by hand, with the
    // same environment cargo gives it, writing index.bin to a scratch folder.
    const hostBuild = join(TARGET, 'release/build');
    const script = newest(
      readdirSync(hostBuild)
        .filter((d) => d.startsWith('article-search-') && existsSync(join(hostBuild, d, 'build-script-build')))
        .map((d) => join(hostBuild, d, 'build-script-build')),
    );
    const scratch = join(outDir, '../index-only');
    mkdirSync(scratch, { recursive: true });
    const t1 = performance.now();
    const { ARTICLE_SEARCH_FILES_DIR: _files, ...indexEnv } = env;
    execFileSync(script, { env: { ...process.env, ...indexEnv, OUT_DIR: scratch, CARGO_MANIFEST_DIR: ROOT }, stdio: 'ignore' });
    const indexingMs = performance.now() - t1;
    const indexBytes = statSync(join(scratch, 'index.bin')).size;
    rmSync(scratch, { recursive: true, force: true });

    // The web build's JS glue (the same for any corpus): wasm-bindgen on the
    // module cargo just built; wasm-opt does not touch the glue.
    const glue = join(TARGET, 'web-glue');
    if (!existsSync(join(glue, 'article_search.js'))) {
      sh(ROOT, `wasm-bindgen --target web --no-typescript --out-dir "${glue}" "${TARGET}/wasm32-unknown-unknown/release/article_search.wasm"`);
    }
    copyFileSync(join(glue, 'article_search.js'), join(outDir, 'article_search.web.js'));
    const extra = { indexingMs, indexBytes, layout };
    if (split) {
      const names = readdirSync(join(outDir, 'files'));
      const sized = names.map((n) => ({ n, gzip: gzipOf(n, readFileSync(join(outDir, 'files', n))) }));
      for (const kind of ['terms', 'tails', 'postings', 'docs', 'dates']) {
        const of = sized.filter(({ n }) => n.endsWith(`.${kind}`));
        extra[`${kind}Files`] = { files: of.length, gzip: of.reduce((sum, f) => sum + f.gzip, 0) };
      }
    }
    return { buildMs, files: ['article_search_bg.wasm', 'article_search.web.js'], extra };
  },

  async load(outDir) {
    const engine = createRequire(import.meta.url)(glueOf(outDir));
    engine.stats(); // opens and verifies the embedded index
    return split ? { engine, dir: join(outDir, 'files'), fetched: [] } : engine;
  },

  // Split: what the query costs a visitor who has loaded the page and
  // nothing more (a module instance of its own): files, bytes and rounds.
  cold: split
    ? (outDir, kind, query) => {
        const require = createRequire(import.meta.url);
        delete require.cache[require.resolve(glueOf(outDir))];
        const engine = require(glueOf(outDir));
        return searchWithFiles(engine, join(outDir, 'files'), SYNTAX[kind](query), { limit: 10 }, gzipOf).cost;
      }
    : null,

  // Diagnostic: the same queries with limit 0, i.e. matching and ranking
  // without building any hit (no snippet, no conversion to JS objects).
  withoutHits(state, kind, query) {
    const options = { limit: 0 };
    if (split) return searchWithFiles(state.engine, state.dir, SYNTAX[kind](query), options, gzipOf).results.total;
    return state.search(SYNTAX[kind](query), options).total;
  },

  search(state, kind, query) {
    const options = { limit: 10 };
    let r;
    if (split) {
      // The files it lacks first, as the worker fetches them (none once warm).
      const answer = searchWithFiles(state.engine, state.dir, SYNTAX[kind](query), options, gzipOf);
      state.fetched.push(answer.cost);
      r = answer.results;
    } else {
      r = state.search(SYNTAX[kind](query), options);
    }
    return { total: r.total, hits: r.hits.map((h) => ({ id: h.id, title: h.title, snippet: h.snippet })) };
  },
  };
}

export default engineOf('article-search', REPO, join(REPO, 'target/bench-build'));
