// The engine as it was at another commit (BENCH_BEFORE=<rev>, e.g. the last
// commit before a change), built from a git worktree of that commit in
// target/bench-before, so that one bench run measures both on the same
// machine at the same time. Without BENCH_BEFORE this engine is skipped.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { engineOf } from './article-search.mjs';

const REPO = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const rev = process.env.BENCH_BEFORE;
const git = (...args) => execFileSync('git', ['-C', REPO, ...args], { encoding: 'utf8' }).trim();

function checkout() {
  const dir = join(REPO, 'target/bench-before');
  const commit = git('rev-parse', '--short', rev);
  if (existsSync(dir) && git('-C', dir, 'rev-parse', '--short', 'HEAD') === commit) return { dir, commit };
  if (existsSync(dir)) git('worktree', 'remove', '--force', dir);
  git('worktree', 'add', '--detach', dir, commit);
  return { dir, commit };
}

const before = rev ? checkout() : null;
export default before
  ? engineOf(`article-search ${before.commit}`, before.dir, join(REPO, 'target/bench-before-build'))
  : null;
