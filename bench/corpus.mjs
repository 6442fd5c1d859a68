// Reading a corpus folder as the peers' build scripts would: one article per
// .txt file, first line the title, then a blank line, then the body. Our
// engine reads the same files itself through its build script.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readCorpus(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const nl = text.indexOf('\n');
      const title = (nl < 0 ? text : text.slice(0, nl)).trim();
      const body = nl < 0 ? '' : text.slice(nl + 1).trim();
      return { id: file.slice(0, -4), title, body };
    });
}
