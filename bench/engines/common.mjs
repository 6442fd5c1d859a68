// What every peer adapter shares: the caller-side snippet that our engine
// makes itself, and how a query kind becomes the words to look for.

// The peers return stored fields, not passages, so the page has to cut one:
// the simple thing a site would do is take the stored body, find the first
// occurrence of a matched word (or of the typed text), and cut ~200
// characters around it at spaces. Its time is part of every peer's latency.
export function snippet(body, words) {
  const lower = body.toLowerCase();
  let at = -1;
  for (const w of words) {
    const i = lower.indexOf(w.toLowerCase());
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) at = 0;
  let start = Math.max(0, at - 80);
  let end = Math.min(body.length, start + 200);
  if (start > 0) start = body.indexOf(' ', start) + 1 || start;
  if (end < body.length) end = body.lastIndexOf(' ', end) > start ? body.lastIndexOf(' ', end) : end;
  return (start > 0 ? '…' : '') + body.slice(start, end) + (end < body.length ? '…' : '');
}

// The words of a query as the engines take them: phrases are [a, b].
export function words(query) {
  return Array.isArray(query) ? query : [query];
}
