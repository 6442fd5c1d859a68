// `npm run offline`: the demo page as one self-contained file,
// dist/article-search.html, that works opened straight from disk (file://) in
// a browser, with no server and no network.
//
//   node .ci/offline.mjs                  build the wasm (articles/ or
//                                         ARTICLE_SEARCH_ARTICLES), then the file
//   node .ci/offline.mjs --no-build       reuse www/pkg as it is
//   node .ci/offline.mjs --out=FILE       write FILE instead
//
// A browser will not load module scripts or fetch files from file://, so
// everything is inlined in the page: the wasm as base64, the wasm-bindgen glue
// and www/article-search.js in one inline module script, the widget's CSS as a
// constructable stylesheet, the page's CSS in a <style>, the icon as a data:
// URL. The page carries its own Content-Security-Policy allowing exactly that
// script and that style (by hash) and nothing from the network.
// Node only, no dependencies.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WWW = join(ROOT, 'www');
const args = process.argv.slice(2);
for (const arg of args) {
  if (arg !== '--no-build' && !arg.startsWith('--out=')) {
    console.error(`unknown argument ${arg}: the options are --no-build and --out=FILE`);
    process.exit(2);
  }
}
const OUT = resolve(args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? join(ROOT, 'dist', 'article-search.html'));

const say = (message) => console.log(`[offline] ${message}`);

if (!args.includes('--no-build')) {
  say(`building the search module (articles: ${process.env.ARTICLE_SEARCH_ARTICLES || 'articles/'})`);
  // One file holds everything: the embedded layout, whatever the site's size.
  execFileSync('bash', ['-c', 'bash .ci/install.sh && source .ci/env.sh && build_page_wasm'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ARTICLE_SEARCH_LAYOUT: 'embedded' },
  });
}
const splitFiles = existsSync(join(WWW, 'pkg/files')) ? readdirSync(join(WWW, 'pkg/files')).filter((f) => /\.(docs|postings|terms|tails|dates)$/.test(f)) : [];
if (splitFiles.length > 0) {
  console.error(`[offline] www/pkg is the split layout (${splitFiles.length} dictionary, postings and document files in www/pkg/files): the single file needs the embedded one; build without --no-build, or with ARTICLE_SEARCH_LAYOUT=embedded`);
  process.exit(1);
}

const read = (path) => readFileSync(join(WWW, path));
const text = (path) => read(path).toString('utf8');

/** Replaces exactly one match of `pattern` in `source` (a function replacer: no `$` surprises). */
function replaceOnce(source, pattern, replacement, what) {
  let count = 0;
  const result = source.replace(pattern, (...match) => {
    count++;
    return typeof replacement === 'function' ? replacement(...match) : replacement;
  });
  if (count !== 1) throw new Error(`${what}: expected one match of ${pattern}, found ${count}`);
  return result;
}

/**
 * The wasm-bindgen glue (an ES module) as a block that declares `ENGINE`, an
 * object of its exports: module syntax cannot be inlined in a second module.
 */
function engineBlock(glue) {
  if (/^\s*import\b/m.test(glue)) throw new Error('the wasm glue imports another module: this build cannot inline it');
  const exports = new Map(); // exported name -> local name
  let body = glue.replace(/^export ((?:async )?function\*?|class|const|let|var) ([\w$]+)/gm, (_, kind, name) => {
    exports.set(name, name);
    return `${kind} ${name}`;
  });
  body = body.replace(/^export \{([^}]*)\};?[ \t]*$/gm, (_, list) => {
    for (const item of list.split(',')) {
      if (item.trim() === '') continue;
      const m = /^\s*([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(item);
      if (!m) throw new Error(`the wasm glue has an export this build does not understand: ${item.trim()}`);
      exports.set(m[2] ?? m[1], m[1]);
    }
    return '';
  });
  if (/^\s*export\b/m.test(body)) throw new Error('the wasm glue has an export this build does not understand');
  for (const name of ['default', 'search', 'stats']) {
    if (!exports.has(name)) throw new Error(`the wasm glue does not export ${name}`);
  }
  const object = [...exports].map(([name, local]) => `${JSON.stringify(name)}: ${local}`).join(', ');
  return `const ENGINE = (() => {\n${body}\nreturn Object.freeze({ ${object} });\n})();`;
}

/** What replaces the widget's loading code: the engine from inlined bytes, the styles from inlined text. */
function inlineLoaders(wasm, css) {
  return `// Inlined by .ci/offline.mjs: the engine's wasm as base64 and the widget's stylesheet.
const WASM_BASE64 = ${JSON.stringify(wasm.toString('base64'))};
const WIDGET_CSS = ${JSON.stringify(css)};

async function loadEngineModule() {
  const binary = atob(WASM_BASE64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  await ENGINE.default({ module_or_path: bytes });
  return inPageEngine(ENGINE);
}

let widgetSheet = null;
function addStyles(root) {
  if (!widgetSheet) {
    widgetSheet = new CSSStyleSheet();
    widgetSheet.replaceSync(WIDGET_CSS);
  }
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, widgetSheet];
  return Promise.resolve();
}`;
}

/** Text safe inside <script>: `</script` and `<!--` would end or confuse the element. */
function scriptText(js) {
  const safe = js.replace(/<\/(script)/gi, '<\\/$1');
  if (/<!--/.test(safe)) throw new Error('the inlined JavaScript contains "<!--"');
  return safe;
}

const sha256 = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

const wasm = read('pkg/article_search_bg.wasm');
const widget = text('article-search.js');
const begin = '// offline-build:begin';
const end = '// offline-build:end';
const from = widget.indexOf(begin);
const to = widget.indexOf(end);
if (from < 0 || to < from) throw new Error(`www/article-search.js lacks the ${begin} … ${end} markers`);
const widgetInlined = widget.slice(0, from) + inlineLoaders(wasm, text('article-search.css')) + widget.slice(to + end.length);

const script = `\n${scriptText(`${engineBlock(text('pkg/article_search.js'))}\n\n${widgetInlined}`)}\n`;
const style = `\n${text('style.css')}\n`;
if (/<\/style/i.test(style)) throw new Error('style.css contains "</style"');
const icon = `data:image/svg+xml;base64,${read('favicon.svg').toString('base64')}`;
const csp = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha256(style)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

let html = text('index.html');
// Preloads of files that are now inline, and their comment.
html = html.replace(/^[ \t]*<!-- Optional: start fetching[^\n]*\n/m, '');
html = html.replace(/^[ \t]*<link rel="(?:modulepreload|preload)"[^>]*>\n/gm, '');
html = replaceOnce(html, /<link rel="icon" href="favicon\.svg"([^>]*)>/, (_, rest) => `<link rel="icon" href="${icon}"${rest}>`, 'index.html icon');
html = replaceOnce(html, /<link rel="stylesheet" href="style\.css">/, () => `<style>${style}</style>`, 'index.html stylesheet');
html = replaceOnce(html, /<script type="module" src="article-search\.js"><\/script>/, () => `<script type="module">${script}</script>`, 'index.html script');
html = replaceOnce(html, /<meta charset="utf-8">\n/, (m) => `${m}  <meta http-equiv="Content-Security-Policy" content="${csp}">\n`, 'index.html charset');

// Nothing in the markup may still point at a file next to the page.
const markup = html.replace(script, '').replace(style, '');
const outside = [...markup.matchAll(/\b(?:src|href)="(?!data:|https?:|#)([^"]*)"/g)].map((m) => m[1]);
if (outside.length) throw new Error(`the page still refers to files: ${outside.join(', ')}`);

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, html);
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
say(`${relative(process.cwd(), OUT) || OUT}: ${kb(Buffer.byteLength(html))}, ${kb(gzipSync(html, { level: 9 }).length)} gzipped (wasm ${kb(wasm.length)})`);
