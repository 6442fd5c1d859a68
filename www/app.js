// The search page: loads the wasm engine, runs a search on every keystroke and
// renders the hits. All text logic (normalisation, matching, snippets,
// highlight ranges) lives in the engine; this file only builds DOM nodes.
//
// Security: article and query text reach the DOM only through textContent,
// createTextNode and createElement — never as HTML.
// The engine is imported dynamically so that a missing or broken module shows
// an error in the page instead of leaving it stuck at "Loading".
const ENGINE_URL = './pkg/article_search.js';

const input = document.getElementById('q');
const form = document.getElementById('search-form');
const count = document.getElementById('count');
const time = document.getElementById('time');
const list = document.getElementById('results');
const errorBox = document.getElementById('error');

let engine = null; // the wasm module's exports, once initialised
let documentCount = 0;

// "Did you mean <suggestion>?", under the count: built here so that a page
// embedding the search needs no extra markup. Hidden until the engine
// suggests a corrected query.
const suggestionLine = document.createElement('p');
suggestionLine.className = 'did-you-mean';
suggestionLine.hidden = true;
const suggestionButton = document.createElement('button');
suggestionButton.type = 'button';
suggestionButton.className = 'suggestion';
suggestionLine.append('Did you mean ', suggestionButton, '?');
(count.closest('p') ?? count).after(suggestionLine);

/**
 * Turns `text` and `[start, end)` ranges (UTF-16 indices into `text`) into a
 * fragment of text nodes and <mark> elements. Ranges may be unsorted,
 * overlapping or out of range: they are clamped, merged, and bad ones skipped.
 */
function highlight(text, ranges) {
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
    mark.textContent = text.slice(start, end);
    fragment.append(mark);
    pos = end;
  }
  if (pos < text.length) fragment.append(document.createTextNode(text.slice(pos)));
  return fragment;
}

/** The URL to link a title to, or null: only http(s) and relative URLs. */
function safeHref(url) {
  if (typeof url !== 'string' || url.trim() === '') return null;
  try {
    const resolved = new URL(url, document.baseURI);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

function renderHit(hit) {
  const item = document.createElement('li');
  item.className = 'hit';
  item.dataset.id = String(hit.id);

  const heading = document.createElement('h2');
  heading.className = 'hit-title';
  const href = safeHref(hit.url);
  const titleHolder = href ? document.createElement('a') : heading;
  if (href) {
    titleHolder.href = href;
    heading.append(titleHolder);
  }
  titleHolder.append(highlight(hit.title, hit.titleHighlights));
  item.append(heading);

  if (typeof hit.date === 'string' && hit.date !== '') {
    const date = document.createElement('time');
    date.className = 'hit-date';
    date.textContent = hit.date;
    if (/^\d{4}-\d{2}-\d{2}/.test(hit.date)) date.dateTime = hit.date;
    item.append(date);
  }

  const snippet = document.createElement('p');
  snippet.className = 'hit-snippet';
  snippet.append(highlight(hit.snippet, hit.highlights));
  item.append(snippet);
  return item;
}

/** Shows "Did you mean …?" for a non-empty string, hides it otherwise. */
function showSuggestion(suggestion) {
  const show = typeof suggestion === 'string' && suggestion.trim() !== '';
  suggestionButton.textContent = show ? suggestion : '';
  suggestionLine.hidden = !show;
}

// Searching for the suggestion: it replaces the query, as if typed.
suggestionButton.addEventListener('click', () => {
  const suggestion = suggestionButton.textContent;
  if (suggestion === '') return;
  input.value = suggestion;
  input.focus(); // keep the focus where typing goes on: the button is about to hide
  update();
});

function plural(n, word) {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

/** Keeps ?q= in the address bar in step with the input, without adding history entries. */
function syncUrl(query) {
  const url = new URL(location.href);
  if (query === '') url.searchParams.delete('q');
  else url.searchParams.set('q', query);
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}

function update() {
  const query = input.value;
  syncUrl(query);
  if (!engine) return;

  let result;
  const started = performance.now();
  try {
    result = engine.search(query);
  } catch (error) {
    showSuggestion(null);
    showError(`Search failed: ${error?.message ?? error}`);
    return;
  }
  const elapsed = performance.now() - started;
  errorBox.hidden = true;

  list.replaceChildren(...result.hits.map(renderHit));
  showSuggestion(query.trim() === '' ? null : result.suggestion);

  if (query.trim() === '') {
    count.textContent = `Type to search ${plural(documentCount, 'article')}.`;
    time.textContent = '';
    return;
  }
  if (result.total === 0) {
    count.textContent = `No results for “${query}”`;
  } else {
    count.textContent = plural(result.total, 'result');
    if (result.hits.length < result.total) count.textContent += ` (showing the top ${result.hits.length})`;
  }
  time.textContent = `in ${elapsed < 10 ? elapsed.toFixed(2) : Math.round(elapsed)} ms`;
}

input.addEventListener('input', update);
// Enter would reload the page with ?q=…; the results are already live.
form.addEventListener('submit', (event) => event.preventDefault());

const initial = new URLSearchParams(location.search).get('q');
if (initial !== null && input.value === '') input.value = initial;

try {
  const module = await import(ENGINE_URL);
  await module.default();
  documentCount = module.stats().documents;
  engine = module;
  update();
  document.documentElement.dataset.ready = 'true';
} catch (error) {
  count.textContent = '';
  showError(`Could not load the search engine: ${error?.message ?? error}`);
}

// For the browser tests (a module export, not a global).
export { highlight };
