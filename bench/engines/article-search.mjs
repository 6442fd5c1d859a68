// Our engine through its real build: the build script indexes the folder
// named by ARTICLE_SEARCH_ARTICLES and the index is embedded in the .wasm.
// What a visitor downloads: the .wasm (engine + index + stored text) and the
// JS glue of the web build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, copyFileSync, rmSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

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

/** The engine of the checkout at `ROOT`, built in `TARGET`, reported as `name`. */
export function engineOf(name, ROOT, TARGET) {
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
    // Embedded: the bench answers in node from the module alone (the split
    // layout's document files are fetched by the widget's worker).
    const env = { ARTICLE_SEARCH_ARTICLES: corpusDir, ARTICLE_SEARCH_LAYOUT: 'embedded', CARGO_TARGET_DIR: TARGET };
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
    execFileSync(script, { env: { ...process.env, ...env, OUT_DIR: scratch, CARGO_MANIFEST_DIR: ROOT }, stdio: 'ignore' });
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
    return { buildMs, files: ['article_search_bg.wasm', 'article_search.web.js'], extra: { indexingMs, indexBytes } };
  },

  async load(outDir) {
    const engine = createRequire(import.meta.url)(join(outDir, 'article_search.js'));
    engine.stats(); // opens and verifies the embedded index
    return engine;
  },

  // Diagnostic: the same queries with limit 0, i.e. matching and ranking
  // without building any hit (no snippet, no conversion to JS objects).
  withoutHits(engine, kind, query) {
    return engine.search(SYNTAX[kind](query), { limit: 0 }).total;
  },

  search(engine, kind, query) {
    const r = engine.search(SYNTAX[kind](query), { limit: 10 });
    return { total: r.total, hits: r.hits.map((h) => ({ id: h.id, title: h.title, snippet: h.snippet })) };
  },
  };
}

export default engineOf('article-search', REPO, join(REPO, 'target/bench-build'));
