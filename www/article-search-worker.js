// The engine of <article-search> in a module worker: opening a large index
// (validating it, reading every document's lengths) and running a search
// happen off the page's main thread, so typing and scrolling never wait.
//
// The element starts it next to its own script and talks to it in messages:
//   worker -> element, once: { ready: [methods it has] } or { failed: message }
//   element -> worker: { id, method, args }   method: search, article, stats
//   worker -> element: { id, value } or { id, error: message }
// Replies come in the order of the calls. The results are plain objects and
// arrays (serde-wasm-bindgen's JSON-compatible output), so they cross by
// structured clone unchanged.

const METHODS = ['search', 'article', 'stats'];

let engine = null;

const loaded = import('./pkg/article_search.js').then(async (module) => {
  await module.default();
  if (typeof module.search !== 'function' || typeof module.stats !== 'function') {
    throw new Error('the module has no search() or stats()');
  }
  engine = module;
});

loaded.then(
  () => postMessage({ ready: METHODS.filter((m) => typeof engine[m] === 'function') }),
  (error) => postMessage({ failed: String(error?.message ?? error) }),
);

self.onmessage = ({ data }) => {
  const { id, method, args } = data ?? {};
  if (!engine || !METHODS.includes(method) || typeof engine[method] !== 'function' || !Array.isArray(args)) {
    postMessage({ id, error: `the engine cannot ${String(method)}()` });
    return;
  }
  try {
    postMessage({ id, value: engine[method](...args) });
  } catch (error) {
    postMessage({ id, error: String(error?.message ?? error) });
  }
};
