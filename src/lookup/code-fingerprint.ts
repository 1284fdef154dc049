/**
 * The key of what the lookup keeps between starts (kept-index.ts, kept-readings.ts): a hash of the modules
 * that made it, found from their import statements (so a new import is in it), the lock file (libraries,
 * dictionaries) and Node. A release that leaves those modules alone keeps what they made; any other
 * change makes it anew. Modules are files of the program folder (`src/` or `dist/`, as this one runs).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const extension = here.slice(here.lastIndexOf('.'));
const program = dirname(dirname(here));

/** The files of `entries` (paths under the program folder, without extension) and all they import. */
export function modulesOf(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const pending = entries.map((module) => join(program, `${module}${extension}`));
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(
      /\b(?:from|import)\s*\(?\s*['"](\.\.?\/[^'"]+)['"]/g,
    ))
      pending.push(resolve(dirname(file), (specifier as string).replace(/\.js$/, extension)));
  }
  return [...seen].sort();
}

/** The fingerprint of `entries`' modules, the lock file and Node (`layout`: what the file holds and how). */
export function fingerprintOf(entries: readonly string[], layout: string): string {
  const hash = createHash('sha256').update(`${process.version}\0${layout}\0`);
  for (const file of modulesOf(entries))
    hash.update(file.slice(program.length)).update('\0').update(readFileSync(file)).update('\0');
  hash.update(readFileSync(join(program, '..', 'package-lock.json')));
  return hash.digest('hex');
}
