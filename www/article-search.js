// <article-search>: the embeddable search widget.
//
//   <script type="module" src="/search/article-search.js"></script>
//   <article-search placeholder="Search the news" limit="10"></article-search>
//
// A custom element with a shadow root, no framework, no bundler. It loads the
// wasm engine (pkg/article_search.js and its .wasm) and its stylesheet
// (article-search.css) relative to this file's own URL, once per page however
// many elements there are. All text logic (matching, snippets, highlight
// ranges) is in the engine; this file only builds DOM nodes.
//
// Security: article and query text reach the DOM only through textContent,
// createTextNode and createElement, never as HTML; highlights are <mark>
// elements cut from the engine's UTF-16 ranges; an article's url is followed
// only when it is http(s) or relative. No inline styles: the stylesheet is a
// <link> in the shadow root, so the element works under `style-src 'self'`.
//
// Attributes (all optional):
//   placeholder  the input's placeholder (default "Search articles")
//   label        the input's accessible label (default "Search articles")
//   limit        hits shown, 1-100 (default 10)
//   links        "auto" (default): a hit with an http(s) or relative url goes
//                there, any other opens in the widget's reader view;
//                "reader": every hit opens in the reader view
//   target       "_blank" opens a hit's url in a new tab
//   param        the page URL's query parameter that holds the query (default
//                "q"); "" keeps the query out of the URL
//   theme        "auto" (default, follows prefers-color-scheme), "light", "dark"
//   autofocus    focus the search box once loaded
//   lang         the widget's language (else the nearest ancestor's, like
//                <html lang>): its words (MESSAGES: English and Vietnamese
//                built in, English for any other), numbers and dates
//
// Its words can be replaced one by one through the `messages` property
// (see MESSAGES below).
//
// Events: `ready` (the engine is loaded), `results` (detail: { query, total,
// fullMatches, hits, ms }), `error` (detail: { message }; the engine did not
// load, a search threw or the reader could not open an article). The `ready`
// property is a promise of the same moment.

// offline-build:begin
// `.ci/offline.mjs` replaces everything between these two markers with the
// inlined engine and stylesheet of the single-file build.
const BASE = import.meta.url;

/**
 * The engine, in a module worker next to this file (article-search-worker.js,
 * which loads pkg/ next to itself); in this page when the worker cannot start
 * (the file is missing, or the page's CSP refuses workers).
 */
async function loadEngineModule(onLoading) {
  try {
    return await workerEngine(new URL('./article-search-worker.js', BASE).href, onLoading);
  } catch (error) {
    if (!(error instanceof WorkerUnavailable)) throw error;
    const module = await import(new URL('./pkg/article_search.js', BASE).href);
    await module.default();
    return inPageEngine(module);
  }
}

/** Puts the widget's stylesheet in `root`; resolves once it applies (or failed to load). */
function addStyles(root) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('./article-search.css', BASE).href;
  const settled = new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
  root.prepend(link);
  return settled;
}
// offline-build:end

const ARTICLE_PARAM = 'article';
const STATE_KEY = 'articleSearch';
const DEFAULT_LIMIT = 10;
// performance marks, for measuring: the engine is loaded; the first hits are in the DOM.
const ENGINE_MARK = 'article-search:engine-loaded';
const FIRST_RESULTS_MARK = 'article-search:first-results';

/**
 * The widget's own words, by language: the primary subtag of its `lang`
 * (`vi` for `vi-VN`); English for a language not here. A page replaces any
 * of them with the `messages` property, e.g. for French:
 *   el.messages = { label: 'Rechercher', results: (n, f) => `${f} résultat${n > 1 ? 's' : ''}` };
 * A function gets a number and that number formatted for the language (`f`);
 * `loadingBytes` gets the bytes downloaded (and in all, or null) as text.
 */
export const MESSAGES = {
  en: {
    label: 'Search articles',
    loading: 'Loading the index…',
    loadingBytes: (loaded, total) => `Loading the index… ${loaded}${total ? ` of ${total}` : ''}`,
    prompt: (n, f) => `Type to search ${f} ${n === 1 ? 'article' : 'articles'}.`,
    articles: (n, f) => `${f} ${n === 1 ? 'article' : 'articles'}`,
    showingFirst: (n, f) => ` (showing the first ${f})`,
    noResults: (query) => `No results for “${query}”`,
    results: (n, f) => `${f} ${n === 1 ? 'result' : 'results'}`,
    withEveryWord: (n, f) => `, ${n === 0 ? 'none' : f} with every word`,
    showingTop: (n, f) => ` (showing the top ${f})`,
    time: (ms) => `in ${ms} ms`,
    didYouMean: ['Did you mean ', '?'],
    missing: 'Missing: ',
    filtersAndOrder: 'Filters and order',
    sort: 'Sort ',
    sortOptions: { relevance: 'Best match', '-date': 'Newest first', date: 'Oldest first' },
    resultsLabel: 'Results',
    back: '← Back to results',
    originalPage: 'Original page',
    partialText: 'The full text is not available in this build.',
    readerMatches: (n, f) => (n === 0 ? 'No matches in the text' : `${f} ${n === 1 ? 'match' : 'matches'}`),
    loadFailed: (detail) => `Could not load the search engine: ${detail}`,
    searchFailed: (detail) => `Search failed: ${detail}`,
    openFailed: (detail) => `Could not open the article: ${detail}`,
  },
  vi: {
    label: 'Tìm bài viết',
    loading: 'Đang tải chỉ mục…',
    loadingBytes: (loaded, total) => `Đang tải chỉ mục… ${loaded}${total ? ` / ${total}` : ''}`,
    prompt: (n, f) => `Gõ để tìm trong ${f} bài viết.`,
    articles: (n, f) => `${f} bài viết`,
    showingFirst: (n, f) => ` (hiện ${f} bài đầu)`,
    noResults: (query) => `Không có kết quả cho “${query}”`,
    results: (n, f) => `${f} kết quả`,
    withEveryWord: (n, f) => (n === 0 ? ', không kết quả nào có đủ các từ' : `, ${f} kết quả có đủ các từ`),
    showingTop: (n, f) => ` (hiện ${f} kết quả đầu)`,
    time: (ms) => `trong ${ms} ms`,
    didYouMean: ['Có phải bạn muốn tìm ', '?'],
    missing: 'Thiếu: ',
    filtersAndOrder: 'Bộ lọc và thứ tự',
    sort: 'Sắp xếp ',
    sortOptions: { relevance: 'Phù hợp nhất', '-date': 'Mới nhất', date: 'Cũ nhất' },
    resultsLabel: 'Kết quả',
    back: '← Quay lại kết quả',
    originalPage: 'Trang gốc',
    partialText: 'Bản dựng này không có toàn văn bài viết.',
    readerMatches: (n, f) => (n === 0 ? 'Không có chỗ khớp trong bài' : `${f} chỗ khớp`),
    loadFailed: (detail) => `Không tải được công cụ tìm kiếm: ${detail}`,
    searchFailed: (detail) => `Tìm kiếm thất bại: ${detail}`,
    openFailed: (detail) => `Không mở được bài viết: ${detail}`,
  },
};

/** The worker did not start at all (as opposed to starting and failing to load the engine). */
class WorkerUnavailable extends Error {}

/**
 * The engine in a module worker at `url`: { search, article, stats }, each
 * returning a promise of the engine's answer. Resolves once the worker has
 * loaded the engine; rejects with its message if that failed, or with
 * WorkerUnavailable if the worker never ran. `onLoading({ loading, total })`
 * hears how much of the module has arrived meanwhile.
 */
function workerEngine(url, onLoading) {
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = new Worker(url, { type: 'module', name: 'article-search' });
    } catch (error) {
      reject(new WorkerUnavailable(String(error?.message ?? error)));
      return;
    }
    const pending = new Map(); // call id -> { resolve, reject }
    let nextId = 0;
    let started = false;
    const call = (method) => (...args) =>
      new Promise((resolveCall, rejectCall) => {
        const id = nextId++;
        pending.set(id, { resolve: resolveCall, reject: rejectCall });
        worker.postMessage({ id, method, args });
      });
    worker.onmessage = ({ data }) => {
      if (!started && typeof data?.loading === 'number') {
        onLoading(data);
        return;
      }
      if (!started) {
        started = true;
        if (Array.isArray(data?.ready)) {
          // The worker checked that search() and stats() are there.
          const article = data.ready.includes('article') ? call('article') : null;
          resolve({ search: call('search'), article, stats: call('stats') });
        } else reject(new Error(String(data?.failed ?? 'the search worker did not start')));
        return;
      }
      const waiting = pending.get(data?.id);
      if (!waiting) return;
      pending.delete(data.id);
      if ('error' in data) waiting.reject(new Error(String(data.error)));
      else waiting.resolve(data.value);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (!started) {
        started = true;
        worker.terminate();
        reject(new WorkerUnavailable(event.message || 'the search worker could not start'));
        return;
      }
      const error = new Error(event.message || 'the search worker failed');
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
  });
}

/** The engine's calls as promises, run in this page (the single-file build, or where a worker cannot start). */
function inPageEngine(module) {
  if (typeof module.search !== 'function' || typeof module.stats !== 'function') {
    throw new Error('the module has no search() or stats()');
  }
  const call = (method) => async (...args) => module[method](...args);
  return { search: call('search'), article: typeof module.article === 'function' ? call('article') : null, stats: call('stats') };
}

let enginePromise = null;
/** The elements' listeners of the module's download, while it lasts: ({ loading, total }) => void. */
const loadingListeners = new Set();

/** The engine, loaded once per page and shared by every element: { search, article, stats }, all async. */
function loadEngine() {
  enginePromise ??= loadEngineModule((progress) => loadingListeners.forEach((listener) => listener(progress))).then((engine) => {
    performance.mark(ENGINE_MARK);
    return engine;
  });
  return enginePromise;
}

/**
 * Turns `text` and `[start, end)` ranges (UTF-16 indices into `text`) into a
 * fragment of text nodes and <mark part="mark"> elements. Ranges may be
 * unsorted, overlapping or out of range: they are clamped, merged, and bad
 * ones skipped.
 */
export function highlight(text, ranges) {
  const fragment = document.createDocumentFragment();
  text = String(text ?? '');
  const spans = [];
  for (const range of Array.isArray(ranges) ? ranges : []) {
    if (!Array.isArray(range) || range.length < 2) continue;
    let [start, end] = range;
    if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
    start = Math.max(0, Math.min(text.length, Math.trunc(start)));
    end = Math.max(0, Math.min(text.length, Math.trunc(end)));
    if (end > start) spans.push([start, end]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  let pos = 0;
  for (let i = 0; i < spans.length; i++) {
    const start = Math.max(spans[i][0], pos);
    let end = spans[i][1];
    // Merge everything that overlaps or touches this span.
    while (i + 1 < spans.length && spans[i + 1][0] <= end) end = Math.max(end, spans[++i][1]);
    if (end <= start) continue;
    if (start > pos) fragment.append(document.createTextNode(text.slice(pos, start)));
    const mark = document.createElement('mark');
    mark.part.add('mark');
    mark.textContent = text.slice(start, end);
    fragment.append(mark);
    pos = end;
  }
  if (pos < text.length) fragment.append(document.createTextNode(text.slice(pos)));
  return fragment;
}

/**
 * The full text as <p> elements, one per block between blank lines (single
 * line breaks are kept by CSS), with the ranges (indices into the whole text)
 * highlighted in each.
 */
function paragraphs(text, ranges) {
  const fragment = document.createDocumentFragment();
  text = String(text ?? '');
  const valid = (Array.isArray(ranges) ? ranges : []).filter(
    (r) => Array.isArray(r) && r.length >= 2 && Number.isFinite(r[0]) && Number.isFinite(r[1]),
  );
  const breaks = /\n\s*\n/g;
  let start = 0;
  const blocks = [];
  for (let m; (m = breaks.exec(text)); start = m.index + m[0].length) blocks.push([start, m.index]);
  blocks.push([start, text.length]);
  for (const [from, to] of blocks) {
    const block = text.slice(from, to);
    if (block.trim() === '') continue;
    const local = valid.filter(([s, e]) => e > from && s < to).map(([s, e]) => [s - from, e - from]);
    const p = document.createElement('p');
    p.append(highlight(block, local));
    fragment.append(p);
  }
  return fragment;
}

/** The URL a hit may go to, or null: only http(s), absolute or relative to the page. */
export function safeHref(url) {
  if (typeof url !== 'string' || url.trim() === '') return null;
  try {
    const resolved = new URL(url, document.baseURI);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

/** "example.com/news/a.html" for showing where a hit goes. */
function displayUrl(href) {
  const url = new URL(href);
  const sameSite = url.origin === location.origin;
  const shown = (sameSite ? '' : url.host) + url.pathname + url.search;
  return shown.length > 60 ? `${shown.slice(0, 59)}…` : shown;
}

/** A day of an ISO 8601 date (or date-time) as `locale` writes it ("Dec 26, 2024"); other text as it is. */
function displayDate(iso, locale) {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!day) return iso;
  // The day as the article gives it, whatever the visitor's time zone.
  const time = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(time);
}

/** A `<time>` showing `iso` as `locale` writes it, machine-readable in `datetime`. */
function dateElement(iso, part, className, locale) {
  const date = el('time', { className, part }, displayDate(iso, locale));
  if (/^\d{4}-\d{2}-\d{2}/.test(iso)) date.dateTime = iso;
  return date;
}

/** An element with a class, parts and attributes. */
function el(tag, { className, part, ...attributes } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (part) node.part.add(...part.split(' '));
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A magnifier icon, as SVG elements (no image URL, so no img-src needed). */
function searchIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('icon');
  const circle = document.createElementNS(ns, 'circle');
  for (const [k, v] of Object.entries({ cx: 10.5, cy: 10.5, r: 6.5 })) circle.setAttribute(k, v);
  const line = document.createElementNS(ns, 'path');
  line.setAttribute('d', 'M15.5 15.5 21 21');
  svg.append(circle, line);
  return svg;
}

function isTextField(node) {
  if (!(node instanceof Element)) return false;
  if (node.isContentEditable) return true;
  if (node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement) return true;
  if (!(node instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit'].includes(node.type);
}

export class ArticleSearchElement extends HTMLElement {
  static observedAttributes = ['placeholder', 'label', 'limit', 'links', 'lang'];

  #engine = null;
  #documents = 0;
  #hits = [];
  #active = -1;
  #readerId = null; // id of the article open in the reader, or null
  #filters = new Map(); // field -> Set of chosen values
  #sort = 'relevance';
  #pendingArticle = null; // ?article= on load, opened once the engine is ready
  #started = false;
  #messages = {}; // the page's replacements for MESSAGES
  #locale = 'en'; // the language tag numbers and dates are written in
  #words = MESSAGES.en; // the words in use: the language's, with the page's replacements
  #ready;
  #resolveReady;
  #rejectReady;
  #ui;
  // Searching: the engine answers asynchronously (in its worker). One search
  // runs at a time; input that arrives meanwhile bumps #asked, and the
  // running loop then asks again with the latest state instead of showing a
  // stale answer.
  #asked = 0; // bumped by every change that calls for a new search
  #searching = null; // the running search loop's promise, or null
  #readerAsked = 0; // bumped by every open or close of the reader
  #opening = null; // the latest reader request's promise, or null

  constructor() {
    super();
    this.#ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.#ready.catch(() => {}); // reported in the widget and by the `error` event
    const root = this.attachShadow({ mode: 'open' });
    this.#ui = this.#build();
    root.append(this.#ui.container);
    addStyles(root).then(() => {
      this.#ui.container.hidden = false;
      if (this.hasAttribute('autofocus') && this.isConnected) this.#input.focus({ preventScroll: true });
    });
  }

  /** Resolves once the engine is loaded and the first search ran. */
  get ready() {
    return this.#ready;
  }

  /**
   * Resolves once the widget shows the answer to everything asked so far
   * (the latest query, the article last opened): searches run in the
   * engine's worker, so the DOM follows the input a moment later.
   */
  get settled() {
    return Promise.all([this.#searching, this.#opening]).then(() => undefined);
  }

  get #input() {
    return this.#ui.input;
  }

  get #limit() {
    const n = Number.parseInt(this.getAttribute('limit') ?? '', 10);
    return Number.isFinite(n) ? Math.max(1, Math.min(100, n)) : DEFAULT_LIMIT;
  }

  get #param() {
    return this.getAttribute('param') ?? 'q';
  }

  /** The query box's value; setting it searches. */
  get value() {
    return this.#input.value;
  }

  set value(query) {
    this.#input.value = String(query ?? '');
    this.#update();
  }

  focus(options) {
    this.#input.focus(options);
  }

  /** The words in use (see MESSAGES); setting replaces those named, and the widget re-renders. */
  get messages() {
    return { ...this.#words };
  }

  set messages(messages) {
    this.#messages = messages && typeof messages === 'object' ? { ...messages } : {};
    this.#applyWords();
    if (this.#engine) this.#update();
  }

  /** A number as the widget's language writes it. */
  #number(n) {
    return n.toLocaleString(this.#locale);
  }

  #build() {
    const input = el('input', {
      id: 'q',
      part: 'input',
      className: 'input',
      type: 'search',
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': 'results',
      autocomplete: 'off',
      autocapitalize: 'off',
      spellcheck: 'false',
      enterkeyhint: 'search',
    });
    const label = el('label', { className: 'label', part: 'label', for: 'q' });
    const hint = el('kbd', { className: 'hint', part: 'hint', 'aria-hidden': 'true' }, '/');
    const field = el('div', { className: 'field', part: 'field' }, label, el('div', { className: 'box' }, searchIcon(), input, hint));

    const count = el('span', { id: 'count', className: 'count', part: 'count', role: 'status', 'aria-live': 'polite' });
    const time = el('span', { className: 'time', part: 'time' });
    const meta = el('p', { className: 'meta', part: 'meta' }, count, time);

    const suggestion = el('button', { type: 'button', className: 'suggestion', part: 'suggestion' });
    const didYouMeanBefore = document.createTextNode('');
    const didYouMeanAfter = document.createTextNode('');
    const didYouMean = el('p', { className: 'did-you-mean', part: 'did-you-mean' }, didYouMeanBefore, suggestion, didYouMeanAfter);
    didYouMean.hidden = true;

    // Filters (the index's filter values, with their counts) and the order.
    const facets = el('div', { className: 'facets', part: 'facets' });
    const sort = el('select', { className: 'sort', part: 'sort' });
    for (const value of ['relevance', '-date', 'date']) sort.append(el('option', { value }));
    const sortText = document.createTextNode('');
    const sortLabel = el('label', { className: 'sort-label', part: 'sort-label' }, sortText, sort);
    const refine = el('div', { className: 'refine', part: 'refine', role: 'group' }, facets, sortLabel);
    refine.hidden = true;

    const error = el('p', { className: 'error', part: 'error', role: 'alert' });
    error.hidden = true;

    const list = el('ul', { id: 'results', className: 'results', part: 'results', role: 'listbox' });
    list.hidden = true;

    const back = el('button', { type: 'button', className: 'back', part: 'back' });
    const matches = el('span', { className: 'matches', part: 'reader-matches' });
    const readerTitle = el('h2', { id: 'reader-title', className: 'reader-title', part: 'reader-title', tabindex: '-1' });
    const readerMeta = el('p', { className: 'reader-meta', part: 'reader-meta' });
    const readerText = el('div', { className: 'reader-text', part: 'reader-text' });
    const reader = el(
      'article',
      { className: 'reader', part: 'reader', 'aria-labelledby': 'reader-title' },
      el('div', { className: 'reader-bar' }, back, matches),
      readerTitle,
      readerMeta,
      readerText,
    );
    reader.hidden = true;

    const container = el('div', { className: 'widget', part: 'container' }, field, refine, meta, didYouMean, error, list, reader);
    container.hidden = true; // until the stylesheet applies: no flash of unstyled content

    input.addEventListener('input', () => this.#update({ typed: true }));
    input.addEventListener('keydown', (event) => this.#onInputKey(event));
    suggestion.addEventListener('click', () => {
      if (suggestion.textContent === '') return;
      this.#input.value = suggestion.textContent;
      this.#input.focus(); // typing goes on in the box: the button is about to hide
      this.#update({ typed: true });
    });
    facets.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-field]') : null;
      if (!button) return;
      const chosen = this.#filters.get(button.dataset.field) ?? new Set();
      if (chosen.has(button.dataset.value)) chosen.delete(button.dataset.value);
      else chosen.add(button.dataset.value);
      this.#filters.set(button.dataset.field, chosen);
      this.#update();
    });
    sort.addEventListener('change', () => {
      this.#sort = sort.value;
      this.#update();
    });
    list.addEventListener('click', (event) => {
      const option = event.target instanceof Element ? event.target.closest('[role="option"]') : null;
      if (option) this.#open(Number(option.dataset.index), { newTab: event.ctrlKey || event.metaKey });
    });
    // Keep the focus in the box when an option is pressed, as the combobox pattern expects.
    list.addEventListener('mousedown', (event) => event.preventDefault());
    back.addEventListener('click', () => this.#requestCloseReader());
    reader.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        this.#requestCloseReader();
      }
    });

    return { container, input, label, hint, count, time, didYouMean, didYouMeanBefore, didYouMeanAfter, suggestion, sort, sortText, refine, facets, error, list, back, reader, readerTitle, readerMeta, readerText, matches };
  }

  attributeChangedCallback(name) {
    if (!this.#ui) return;
    if (name === 'placeholder' || name === 'label') this.#applyLabels();
    else if (name === 'lang') {
      this.#applyWords();
      if (this.#engine) this.#update();
    } else if (this.#engine) this.#update();
  }

  #applyLabels() {
    const label = this.getAttribute('label') || this.#words.label;
    this.#ui.label.textContent = label;
    this.#input.placeholder = this.getAttribute('placeholder') ?? label;
  }

  /** Chooses the words, numbers and dates of the widget's language and puts the fixed words in place. */
  #applyWords() {
    const tag = this.closest('[lang]')?.getAttribute('lang')?.trim() || 'en';
    let locale = 'en';
    try {
      locale = Intl.DateTimeFormat.supportedLocalesOf(tag)[0] ?? 'en';
    } catch {
      // not a language tag: English
    }
    this.#locale = locale;
    const language = locale.split('-')[0].toLowerCase();
    this.#words = { ...MESSAGES.en, ...(MESSAGES[language] ?? {}), ...this.#messages };
    const words = this.#words;
    const ui = this.#ui;
    this.#applyLabels();
    [ui.didYouMeanBefore.data, ui.didYouMeanAfter.data] = words.didYouMean;
    ui.sortText.data = words.sort;
    for (const option of ui.sort.options) option.textContent = words.sortOptions[option.value];
    ui.refine.setAttribute('aria-label', words.filtersAndOrder);
    ui.list.setAttribute('aria-label', words.resultsLabel);
    ui.back.textContent = words.back;
    if (!this.#engine && ui.error.hidden) ui.count.textContent = words.loading;
  }

  connectedCallback() {
    document.addEventListener('keydown', this.#onDocumentKey);
    window.addEventListener('popstate', this.#onPopState);
    if (this.#started) return;
    this.#started = true;
    this.#applyWords();

    const params = this.#urlParams();
    if (params) {
      const initial = params.get(this.#param);
      if (initial !== null && this.#input.value === '') this.#input.value = initial;
      this.#pendingArticle = params.get(ARTICLE_PARAM);
    }

    const onLoading = ({ loading, total }) => {
      if (this.#engine || !this.#ui.error.hidden) return;
      const words = this.#words;
      const megabytes = (bytes) =>
        `${(bytes / 1e6).toLocaleString(this.#locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
      // A page that words `loading` its own way, and not the progress, keeps its words.
      const ownWords = 'loading' in this.#messages && !('loadingBytes' in this.#messages);
      this.#ui.count.textContent = ownWords
        ? words.loading
        : words.loadingBytes(megabytes(loading), total ? megabytes(total) : null);
    };
    loadingListeners.add(onLoading);
    const loaded = loadEngine();
    loaded.finally(() => loadingListeners.delete(onLoading)).catch(() => {});
    loaded.then(
      async (engine) => {
        this.#engine = engine;
        this.#documents = (await engine.stats()).documents;
        await this.#update();
        const id = this.#pendingArticle;
        this.#pendingArticle = null;
        if (id && (await this.#openReader(id, { push: false, focus: false })) === false) this.#setUrl({ article: null });
        this.#resolveReady();
        this.dispatchEvent(new CustomEvent('ready'));
      },
      (error) => {
        const message = this.#words.loadFailed(error?.message ?? error);
        this.#ui.count.textContent = '';
        this.#fail(message);
        this.#rejectReady(new Error(message));
      },
    );
  }

  disconnectedCallback() {
    document.removeEventListener('keydown', this.#onDocumentKey);
    window.removeEventListener('popstate', this.#onPopState);
  }

  // ---- searching -----------------------------------------------------------

  /** Searches for what the box, filters and sort say now; resolves once that answer is shown. */
  #update({ typed = false } = {}) {
    const query = this.#input.value;
    if (this.#readerId !== null && typed) this.#closeReader({ focus: false });
    this.#setUrl({ query, article: this.#readerId });
    // A suggestion never applies to an empty box: gone at once, not when the engine answers.
    if (query.trim() === '') this.#showSuggestion(null);
    if (!this.#engine) return Promise.resolve();
    this.#asked++;
    this.#searching ??= this.#searchLatest().finally(() => {
      this.#searching = null;
    });
    return this.#searching;
  }

  /** Asks the engine until an answer comes back for the latest state, and shows that one. */
  async #searchLatest() {
    for (;;) {
      const asked = this.#asked;
      const query = this.#input.value;
      let result;
      let failure = null;
      const started = performance.now();
      try {
        result = await this.#engine.search(query, { limit: this.#limit, filters: this.#chosenFilters(), sort: this.#sort });
      } catch (error) {
        failure = error;
      }
      if (asked !== this.#asked) continue; // typed on meanwhile: that answer is stale
      if (failure) {
        // No hits rather than those of an earlier query under this one.
        this.#hits = [];
        this.#ui.list.replaceChildren();
        this.#ui.count.textContent = '';
        this.#ui.time.textContent = '';
        this.#showSuggestion(null);
        this.#fail(this.#words.searchFailed(failure?.message ?? failure));
        return;
      }
      this.#show(query, result, performance.now() - started);
      return;
    }
  }

  /** Renders the answer `result` to `query`, which took `ms`. */
  #show(query, result, ms) {
    this.#ui.error.hidden = true;

    this.#hits = result.hits;
    this.#ui.list.replaceChildren(...result.hits.map((hit, i) => this.#renderHit(hit, i)));
    this.#active = -1;
    this.#input.removeAttribute('aria-activedescendant');
    this.#showList();
    this.#showSuggestion(query.trim() === '' ? null : result.suggestion);
    this.#ui.hint.hidden = query !== '';
    this.#renderFacets(result.facets ?? {});

    const { count, time } = this.#ui;
    const words = this.#words;
    const say = (message, n) => message(n, this.#number(n));
    const browsing = query.trim() === '' && Object.keys(this.#chosenFilters()).length > 0;
    if (browsing) {
      count.textContent = say(words.articles, result.total);
      if (result.hits.length < result.total) count.textContent += say(words.showingFirst, result.hits.length);
      time.textContent = '';
    } else if (query.trim() === '') {
      count.textContent = say(words.prompt, this.#documents);
      time.textContent = '';
    } else {
      if (result.total === 0) count.textContent = words.noResults(query);
      else {
        count.textContent = say(words.results, result.total);
        // Hits with every word come first; say how many there are when others follow.
        if (result.fullMatches < result.total) count.textContent += say(words.withEveryWord, result.fullMatches);
        if (result.hits.length < result.total) count.textContent += say(words.showingTop, result.hits.length);
      }
      time.textContent = words.time(ms < 10 ? ms.toLocaleString(this.#locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : this.#number(Math.round(ms)));
    }
    if (result.hits.length > 0 && performance.getEntriesByName(FIRST_RESULTS_MARK).length === 0) {
      performance.mark(FIRST_RESULTS_MARK);
    }
    const detail = { query, total: result.total, fullMatches: result.fullMatches, hits: result.hits, ms };
    this.dispatchEvent(new CustomEvent('results', { detail }));
  }

  /** The filters chosen, as the engine takes them: { field: [values] }. */
  #chosenFilters() {
    return Object.fromEntries([...this.#filters].filter(([, values]) => values.size > 0).map(([field, values]) => [field, [...values]]));
  }

  /** One group of toggle buttons per filter field, each value with its count. */
  #renderFacets(facets) {
    const groups = [];
    const fields = new Set([...Object.keys(facets), ...[...this.#filters.keys()].filter((f) => this.#filters.get(f).size > 0)]);
    for (const field of [...fields].sort()) {
      const counts = { ...Object.fromEntries([...(this.#filters.get(field) ?? [])].map((v) => [v, 0])), ...(facets[field] ?? {}) };
      const buttons = Object.entries(counts).map(([value, n]) => {
        const chosen = this.#filters.get(field)?.has(value) ?? false;
        const button = el('button', { type: 'button', className: 'facet', part: chosen ? 'facet chosen' : 'facet', 'aria-pressed': String(chosen) },
          value, ' ', el('span', { className: 'facet-count' }, this.#number(n)));
        button.dataset.field = field;
        button.dataset.value = value;
        return button;
      });
      groups.push(el('div', { className: 'facet-group', part: 'facet-group', role: 'group', 'aria-label': field }, el('span', { className: 'facet-field', part: 'facet-field', 'aria-hidden': 'true' }, field), ...buttons));
    }
    this.#ui.facets.replaceChildren(...groups);
    this.#ui.refine.hidden = groups.length === 0;
  }

  #renderHit(hit, index) {
    const id = `hit-${index}`;
    const option = el('li', { id, className: 'hit', part: 'hit', role: 'option', 'aria-selected': 'false' });
    option.dataset.index = String(index);
    option.dataset.id = String(hit.id);

    const title = el('span', { className: 'hit-title', part: 'hit-title' }, highlight(hit.title, hit.titleHighlights));
    option.append(title);

    const details = [];
    if (typeof hit.date === 'string' && hit.date !== '') details.push(dateElement(hit.date, 'hit-date', 'hit-date', this.#locale));
    const href = this.#hrefOf(hit);
    if (href) {
      option.dataset.href = href;
      details.push(el('span', { className: 'hit-url', part: 'hit-url' }, displayUrl(href)));
    }
    if (details.length) option.append(el('span', { className: 'hit-details' }, ...details));

    // The option's accessible name is its whole visible text (title, details, snippet).
    option.append(el('span', { className: 'hit-snippet', part: 'hit-snippet' }, highlight(hit.snippet, hit.highlights)));
    // A partial hit says which of the query's words it lacks, struck through.
    if (Array.isArray(hit.missing) && hit.missing.length > 0) {
      const words = hit.missing.flatMap((word, i) => [...(i > 0 ? [', '] : []), el('s', {}, word)]);
      option.append(el('span', { className: 'hit-missing', part: 'hit-missing' }, this.#words.missing, ...words));
    }
    return option;
  }

  /** Where a hit goes: its url when allowed and safe, else null (the reader view). */
  #hrefOf(hit) {
    return this.getAttribute('links') === 'reader' ? null : safeHref(hit.url);
  }

  #showList() {
    const show = this.#readerId === null && this.#hits.length > 0;
    this.#ui.list.hidden = !show;
    this.#input.setAttribute('aria-expanded', String(show));
  }

  #showSuggestion(suggestion) {
    const show = typeof suggestion === 'string' && suggestion.trim() !== '';
    this.#ui.suggestion.textContent = show ? suggestion : '';
    this.#ui.didYouMean.hidden = !show || this.#readerId !== null;
  }

  #showError(message) {
    this.#ui.error.textContent = message;
    this.#ui.error.hidden = false;
  }

  /** Shows `message` and tells the page with an `error` event. */
  #fail(message) {
    this.#showError(message);
    this.dispatchEvent(new CustomEvent('error', { detail: { message } }));
  }

  // ---- keyboard ------------------------------------------------------------

  #onInputKey(event) {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    const count = this.#readerId === null ? this.#hits.length : 0;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (count === 0) return;
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const from = this.#active < 0 ? (step > 0 ? -1 : count) : this.#active;
        this.#setActive((from + step + count) % count);
        break;
      }
      case 'Enter': {
        event.preventDefault();
        // Typed faster than the engine answered: open from the answer to what the box says.
        const open = () => {
          if (this.#readerId === null && this.#hits.length > 0) this.#open(this.#active >= 0 ? this.#active : 0);
        };
        if (this.#searching) this.#searching.then(open);
        else open();
        break;
      }
      case 'Escape':
        event.preventDefault();
        if (this.#readerId !== null) this.#requestCloseReader();
        else if (this.#input.value !== '') {
          this.#input.value = '';
          this.#update({ typed: true });
        }
        break;
    }
  }

  /**
   * `/` anywhere on the page (outside a text field) focuses the search box;
   * Escape with the reader open and the focus nowhere in particular (after a
   * click in the text) leaves the reader.
   */
  #onDocumentKey = (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape' && this.#readerId !== null) {
      const focused = document.activeElement;
      if (focused === document.body || focused === document.documentElement || focused === null) {
        event.preventDefault();
        this.#requestCloseReader();
      }
      return;
    }
    if (event.key !== '/') return;
    if (isTextField(event.composedPath()[0])) return;
    event.preventDefault(); // the first element on the page takes it
    this.#input.focus();
    this.#input.select();
  };

  #setActive(index) {
    const options = this.#ui.list.children;
    const previous = options[this.#active];
    if (previous) {
      previous.setAttribute('aria-selected', 'false');
      previous.part.remove('active');
    }
    this.#active = index;
    const option = options[index];
    if (!option) {
      this.#active = -1;
      this.#input.removeAttribute('aria-activedescendant');
      return;
    }
    option.setAttribute('aria-selected', 'true');
    option.part.add('active');
    this.#input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  }

  // ---- opening a hit, the reader view --------------------------------------

  #open(index, { newTab = false } = {}) {
    const hit = this.#hits[index];
    if (!hit) return;
    const href = this.#hrefOf(hit);
    if (href) {
      if (newTab || this.getAttribute('target') === '_blank') window.open(href, '_blank', 'noopener,noreferrer');
      else location.assign(href);
      return;
    }
    this.#setActive(index);
    this.#openReader(hit.id, { push: true, focus: true });
  }

  /** The article for the reader (a promise): the engine's article(), or the hit's snippet on an engine without it. */
  async #article(id, query) {
    if (typeof this.#engine.article === 'function') return this.#engine.article(id, query);
    const hit = this.#hits.find((h) => h.id === id);
    if (!hit) return undefined;
    return { ...hit, text: hit.snippet, highlights: hit.highlights, partial: true };
  }

  /**
   * Shows article `id` in the reader. Resolves to true once shown, false when
   * there is no such article (or it could not be read), null when another
   * open or close came while it was fetched (it is not shown).
   */
  #openReader(id, options) {
    const asked = ++this.#readerAsked;
    const opening = this.#fetchAndShow(id, options, asked);
    this.#opening = opening.then(() => undefined);
    return opening;
  }

  async #fetchAndShow(id, { push, focus }, asked) {
    const query = this.#input.value;
    let article;
    try {
      article = await this.#article(String(id), query);
    } catch (error) {
      if (asked !== this.#readerAsked) return null;
      this.#fail(this.#words.openFailed(error?.message ?? error));
      return false;
    }
    if (asked !== this.#readerAsked) return null;
    if (!article) return false;

    const { readerTitle, readerMeta, readerText, matches, reader } = this.#ui;
    readerTitle.replaceChildren(highlight(article.title, article.titleHighlights));
    const meta = [];
    if (typeof article.date === 'string' && article.date !== '') meta.push(dateElement(article.date, 'reader-date', '', this.#locale));
    const href = safeHref(article.url);
    if (href) meta.push(el('a', { href, part: 'reader-link', rel: 'noopener noreferrer' }, this.#words.originalPage));
    readerMeta.replaceChildren(...meta.flatMap((node, i) => (i ? [' · ', node] : [node])));
    readerMeta.hidden = meta.length === 0;
    readerText.replaceChildren(paragraphs(article.text, article.highlights));
    if (article.partial) readerText.append(el('p', { className: 'partial' }, this.#words.partialText));
    const marks = reader.querySelectorAll('mark').length;
    matches.textContent = query.trim() === '' ? '' : this.#words.readerMatches(marks, this.#number(marks));

    const wasOpen = this.#readerId !== null;
    this.#readerId = article.id ?? id;
    reader.hidden = false;
    this.#ui.didYouMean.hidden = true;
    this.#ui.container.classList.add('reading');
    this.#showList();

    if (push && !wasOpen) {
      const state = { ...(history.state ?? {}), [STATE_KEY]: { article: this.#readerId, pushed: true } };
      this.#pushOrReplace('pushState', state, this.#url({ query, article: this.#readerId }));
    } else this.#setUrl({ query, article: this.#readerId });

    if (focus) readerTitle.focus({ preventScroll: true });
    const first = readerText.querySelector('mark') ?? readerTitle.querySelector('mark');
    (first ?? reader).scrollIntoView({ block: first ? 'center' : 'start' });
    return true;
  }

  /** Escape or the Back button: leave the reader the way it was entered. */
  #requestCloseReader() {
    if (this.#readerId === null) return;
    if (history.state?.[STATE_KEY]?.pushed) history.back(); // popstate closes it
    else {
      this.#closeReader({ focus: true });
      this.#setUrl({ article: null });
    }
  }

  #closeReader({ focus }) {
    this.#readerAsked++; // an article still being fetched is not shown
    if (this.#readerId === null) return;
    const id = this.#readerId;
    this.#readerId = null;
    this.#ui.reader.hidden = true;
    this.#ui.container.classList.remove('reading');
    this.#showList();
    this.#ui.didYouMean.hidden = this.#ui.suggestion.textContent === '';
    const index = this.#hits.findIndex((hit) => hit.id === id);
    if (index >= 0) this.#setActive(index);
    if (focus) {
      this.#input.focus({ preventScroll: true });
      this.#input.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Back and Forward: the URL (or the history entry) says which article is open and what the query is. */
  #onPopState = () => {
    let article;
    const params = this.#urlParams();
    if (params) {
      const query = params.get(this.#param) ?? '';
      if (query !== this.#input.value) {
        this.#input.value = query;
        if (this.#readerId !== null) this.#closeReader({ focus: false });
        this.#update();
      }
      article = params.get(ARTICLE_PARAM);
    } else article = history.state?.[STATE_KEY]?.article ?? null;
    if (!this.#engine) return;
    if (article && article !== this.#readerId) {
      const focus = this.#readerId === null && this.shadowRoot.activeElement === this.#input;
      this.#openReader(article, { push: false, focus }).then((shown) => {
        if (shown === false) this.#setUrl({ article: null });
      });
    } else if (!article && this.#readerId !== null) {
      const focused = this.shadowRoot.activeElement;
      this.#closeReader({ focus: focused === null || this.#ui.reader.contains(focused) || focused === this.#input });
    }
  };

  // ---- the page URL --------------------------------------------------------

  /** The page URL's parameters, or null when the query is kept out of the URL (param=""). */
  #urlParams() {
    return this.#param === '' ? null : new URL(location.href).searchParams;
  }

  /** The page URL with `query` and `article` set (undefined: unchanged, null/'': removed). */
  #url({ query, article }) {
    const url = new URL(location.href);
    if (this.#param === '') return url;
    const set = (name, value) => {
      if (value === undefined) return;
      if (value === null || value === '') url.searchParams.delete(name);
      else url.searchParams.set(name, value);
    };
    set(this.#param, query);
    set(ARTICLE_PARAM, article);
    return url;
  }

  /** Keeps the address bar in step with the query and the open article, without a new history entry. */
  #setUrl(parts) {
    const url = this.#url(parts);
    let state = history.state;
    if (parts.article === null && state?.[STATE_KEY]) state = { ...state, [STATE_KEY]: { article: null } };
    if (url.href !== location.href || state !== history.state) this.#pushOrReplace('replaceState', state, url);
  }

  #pushOrReplace(method, state, url) {
    try {
      history[method](state, '', url);
    } catch {
      // A URL that cannot be rewritten (some file: or sandboxed pages): keep the state only.
      try {
        history[method](state, '');
      } catch {
        /* no history: Back simply leaves the page */
      }
    }
  }
}

if (!customElements.get('article-search')) customElements.define('article-search', ArticleSearchElement);
