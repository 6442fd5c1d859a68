// 100,000 searches in a row in the release wasm module under node must not
// grow its linear memory after warm-up: no leak per query.
//
//   wasm-pack build --target nodejs --release --out-dir target/pkg-node
//   node --test tests/memory.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PKG = fileURLToPath(new URL('../target/pkg-node/article_search.js', import.meta.url));

// Every kind of query: words, prefixes, typos, phrases, exclusions, junk.
const QUERIES = [
  'Belousov', 'ha noi', 'HÀ NỘI', 'defen', 'Belousow', '"law of the sea"', '"tropical centre" russia',
  'cooperating -moscow', 'viet nam', 'ARMY-2024', 'delegatoin moscwo', 'the', '', '-', '"', '🎉', 'x'.repeat(2000),
];

test('100,000 searches do not grow wasm memory after warm-up', () => {
  assert.ok(existsSync(PKG), `${PKG} is missing: build it with wasm-pack build --target nodejs --release --out-dir target/pkg-node`);
  const engine = createRequire(import.meta.url)(PKG);
  const run = (n) => {
    for (let i = 0; i < n; i++) engine.search(QUERIES[i % QUERIES.length], { limit: 10 });
  };
  run(2_000);
  const warm = engine.stats().memoryBytes;
  const started = performance.now();
  run(100_000);
  const after = engine.stats().memoryBytes;
  console.log(`memory: ${warm} bytes after warm-up, ${after} after 100,000 searches (${((performance.now() - started) / 100_000).toFixed(3)} ms/search)`);
  assert.equal(after, warm);
});
