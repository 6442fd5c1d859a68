// The engine of <article-search> in a module worker: opening a large index
// (validating it, reading every document's lengths) and running a search
// happen off the page's main thread, so typing and scrolling never wait.
//
// The element starts it next to its own script and talks to it in messages:
//   worker -> element, while the module downloads: { loading: bytes, total: bytes or null }
//   worker -> element, once: { ready: [methods it has] } or { failed: message }
//   element -> worker: { id, method, args }   method: search, article, stats
//   worker -> element: { id, value } or { id, error: message }
// The results are plain objects and arrays (serde-wasm-bindgen's
// JSON-compatible output), so they cross by structured clone unchanged.
//
// A split index (the build's ARTICLE_SEARCH_LAYOUT) keeps its dictionary's
// blocks, the words' postings and the articles' text in files in
// pkg/files/: when a search or
// an article fails for want of files, the worker asks the engine which ones
// it needs next, fetches those it lacks (retried like the .wasm), gives them
// to the engine, which checks each against the hash its index names, and
// calls again (a search needs its words' dictionary blocks first, then
// their postings files (with, for a rare word, its typo neighbours'
// blocks), then the document files of the hits they rank first). A file that cannot be had
// fails the call: never a page of hits with some missing.

const METHODS = ['search', 'article', 'stats'];
/** Waits before each retry of a transient failure to fetch a file (ms): a flaky network gets three tries. */
const RETRY_DELAYS = [500, 2000];
const WASM = new URL('./pkg/article_search_bg.wasm', import.meta.url);
const FILES = new URL('./pkg/files/', import.meta.url);

let engine = null;

/** The path of `url` for messages: where the file should be on the site. */
const where = (url) => url.pathname;

/**
 * The response for `url`, retried after a network error or an answer that
 * may pass (408, 429, 5xx); any other failure is final, with a message
 * saying which file and what happened (and, for a 404, `missing`: what to do).
 */
async function fetchFile(url, missing) {
  for (let attempt = 0; ; attempt++) {
    let response = null;
    let failure;
    try {
      response = await fetch(url);
      if (response.ok) return response;
      failure = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} for ${where(url)}`;
    } catch (error) {
      failure = `the network failed fetching ${where(url)} (${error?.message ?? error})`;
    }
    const transient = response === null || response.status === 408 || response.status === 429 || response.status >= 500;
    if (!transient || attempt >= RETRY_DELAYS.length) {
      const hint = response?.status === 404 ? `: ${missing}` : '';
      throw new Error(`${failure}${attempt > 0 ? ` (tried ${attempt + 1} times)` : ''}${hint}`);
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS[attempt]));
  }
}

/** Posts how much of a message's progress is shown (ms between two): a big site's module takes seconds on a slow line. */
const PROGRESS_EVERY = 100;

/**
 * `response` with its body counted as it arrives: { loading, total } posted
 * at most every PROGRESS_EVERY ms (`total` only when the length is known: an
 * encoded response's Content-Length is not the bytes the body gives).
 */
function withProgress(response) {
  if (!response.body || typeof TransformStream !== 'function') return response;
  const length = Number(response.headers.get('content-length'));
  const total = !response.headers.get('content-encoding') && length > 0 ? length : null;
  let loaded = 0;
  let shown = 0;
  const counting = new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      if (performance.now() - shown >= PROGRESS_EVERY) {
        shown = performance.now();
        postMessage({ loading: loaded, total });
      }
      controller.enqueue(chunk);
    },
  });
  const { status, statusText, headers } = response;
  return new Response(response.body.pipeThrough(counting), { status, statusText, headers });
}

const loaded = import('./pkg/article_search.js').then(async (module) => {
  const response = withProgress(await fetchFile(WASM, 'copy pkg/ next to article-search.js'));
  try {
    await module.default({ module_or_path: response });
  } catch (error) {
    throw new Error(`${where(WASM)} is not this engine's module (damaged, truncated or from another build?): ${error?.message ?? error}`);
  }
  if (typeof module.search !== 'function' || typeof module.stats !== 'function') {
    throw new Error('the module has no search() or stats()');
  }
  engine = module;
});

loaded.then(
  () => postMessage({ ready: METHODS.filter((m) => typeof engine[m] === 'function') }),
  (error) => postMessage({ failed: String(error?.message ?? error) }),
);

/** Document files being fetched or given: name -> promise (dropped on failure, so a later call tries again). */
const files = new Map();

/** Fetches the files `names` and gives them to the engine; rejects if any cannot be had. */
function give(names) {
  return Promise.all(
    names.map((name) => {
      if (!files.has(name)) {
        const given = fetchFile(new URL(name, FILES), 'deploy all of pkg/, its files/ folder too (the split layout)')
          .then((response) => response.arrayBuffer())
          .then((buffer) => engine.addFile(name, new Uint8Array(buffer)));
        given.catch(() => files.delete(name));
        files.set(name, given);
      }
      return files.get(name);
    }),
  );
}

/**
 * Rounds of files a call may ask for: dictionary blocks, typo neighbours'
 * blocks, postings, documents, and one to spare.
 */
const MAX_ROUNDS = 5;

/**
 * The engine's answer to `method(...args)`. A split index's call that lacks
 * files throws an error naming them (`files`): they are fetched, and it is
 * asked again (so a warm query runs once; a cold one once per round).
 */
async function answer(method, args) {
  for (let round = 0; ; round++) {
    try {
      return engine[method](...args);
    } catch (error) {
      const needed = Array.isArray(error?.files) ? error.files : [];
      if (needed.length === 0) throw error;
      if (round >= MAX_ROUNDS) throw new Error(`the engine still needs ${needed.join(', ')} after ${MAX_ROUNDS} rounds of files`);
      await give(needed);
    }
  }
}

self.onmessage = async ({ data }) => {
  const { id, method, args } = data ?? {};
  if (!engine || !METHODS.includes(method) || typeof engine[method] !== 'function' || !Array.isArray(args)) {
    postMessage({ id, error: `the engine cannot ${String(method)}()` });
    return;
  }
  try {
    postMessage({ id, value: await answer(method, args) });
  } catch (error) {
    postMessage({ id, error: String(error?.message ?? error) });
  }
};
