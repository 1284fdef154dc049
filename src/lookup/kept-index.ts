/**
 * The lookup index kept beside the data repository (a file in its `.git` folder, which git neither commits
 * nor pushes), so that a restart reads it instead of reading and parsing every version of 20 years again.
 *
 * The file holds the commit the index is up to date with; the lookup follows HEAD from there as after any
 * commit (adding what came since, or building anew when the history was rewritten). It is used only by the
 * code that wrote it: its key is a fingerprint of every file of the program (`src/` or `dist/`), the lock
 * file (the dictionaries and libraries that read the words) and the Node version. Anything else (no file, a
 * partly written one, another fingerprint) is no kept index: the lookup builds, as without one.
 *
 * The file: the length of a JSON header (4 bytes), the header (`{ fingerprint, head }`), then the index as
 * `v8.serialize` writes it (objects shared between versions stay shared).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { ClauseIndex, type ClauseIndexSnapshot } from './clause-index.js';

interface Header {
  fingerprint: string;
  head: string;
}

let fingerprint: string | undefined;

/** The program folder (`src` or `dist`), its lock file and Node, hashed (once per process). */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const program = dirname(dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha256').update(process.version);
  const files = (readdirSync(program, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of [...files, join(program, '..', 'package-lock.json')]) {
    hash.update(file.slice(program.length)).update('\0');
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('missing');
    }
  }
  fingerprint = hash.digest('hex');
  return fingerprint;
}

/** The kept index and the commit it is up to date with; undefined when there is none this code may use. */
export async function readKeptIndex(file: string): Promise<{ index: ClauseIndex; head: string } | undefined> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return undefined;
  }
  try {
    const length = data.readUInt32BE(0);
    const header = JSON.parse(data.subarray(4, 4 + length).toString('utf8')) as Header;
    if (header.fingerprint !== codeFingerprint() || !/^[0-9a-f]{40,64}$/.test(header.head)) return undefined;
    const snapshot = deserialize(data.subarray(4 + length)) as ClauseIndexSnapshot;
    return { index: new ClauseIndex(snapshot), head: header.head };
  } catch {
    return undefined;
  }
}

/** Keeps the index as of `head` (written beside and renamed, so a reader never sees half a file). */
export async function writeKeptIndex(file: string, index: ClauseIndex, head: string): Promise<void> {
  const header = Buffer.from(JSON.stringify({ fingerprint: codeFingerprint(), head } satisfies Header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  const handle = await open(partial, 'w');
  try {
    for (const part of [length, header, serialize(index.snapshot())]) await handle.write(part);
  } finally {
    await handle.close();
  }
  await rename(partial, file);
}
