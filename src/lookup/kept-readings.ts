/**
 * What the reader of stored versions made of each file version, kept beside the kept index (in the data
 * repository's `.git/gjerde` folder) and keyed by git's blob id and the file's path: a build reads and
 * parses only the versions it has not read before. A release that changes the index's modules builds
 * again; the readings hold as long as the reader's modules do, so that build only indexes (measured on
 * the benchmark corpus, see docs/performance.md).
 *
 * A reading is the version's meaning as the build takes it (`VersionContent`), or null for a version that
 * never answers (a deletion, a draft, one the validator refuses). Its key is a fingerprint of the modules
 * the reader runs (code-fingerprint.ts); another fingerprint, a broken file or none is no readings: the
 * build reads every version, as without.
 */
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { VersionContent } from '../format/stored/version.js';
import type { AgreementMeta, Clause, GlossaryEntry } from '../format/types.js';
import { fingerprintOf, modulesOf } from './code-fingerprint.js';
import { readKeptFile, writeKeptFile } from './kept-file.js';
import { Numbering, type PackedRecords, packRecords, unpackRecords } from './packed-records.js';

/** A version's meaning, or null when it never answers. */
export type Reading = VersionContent | null;

/** Readings by `readingKey`. */
export type Readings = Map<string, Reading>;

/** Bump when what a reading holds, or how it is packed, changes without the reader's code changing. */
const layout = 1;

export function readingKey(blob: string, path: string): string {
  return `${blob} ${path}`;
}

/** The kept readings' file beside the kept index. */
export function keptReadingsBeside(keptIndex: string): string {
  return join(dirname(keptIndex), 'lesninger.bin');
}

/** The modules the build's reading runs: the reader of stored versions, the check of a file's place. */
const readerEntries = ['format/stored/version', 'domain/stored'];

export function readerModules(): string[] {
  return modulesOf(readerEntries);
}

let fingerprint: string | undefined;

function readerFingerprint(): string {
  fingerprint ??= fingerprintOf(readerEntries, `readings ${layout}`);
  return fingerprint;
}

/** The kept readings; empty when there are none this reader may use. */
export async function readKeptReadings(file: string): Promise<Readings> {
  const kept = await readKeptFile<{ fingerprint: string }>(file);
  if (!kept || kept.header.fingerprint !== readerFingerprint()) return new Map();
  try {
    return unpackReadings(deserialize(kept.payload) as PackedReadings);
  } catch {
    return new Map();
  }
}

export async function writeKeptReadings(file: string, readings: Readings): Promise<void> {
  await writeKeptFile(file, { fingerprint: readerFingerprint() }, serialize(packReadings(readings)));
}

/** The readings as columns, each distinct clause, metadata and glossary once (as the kept index). */
interface PackedReadings {
  keys: string[];
  /** Per key, its content's number, or -1 for a version that never answers. */
  contentOf: Int32Array;
  metaOf: Uint32Array;
  metas: PackedRecords;
  glossaryOf: Uint32Array;
  glossaries: GlossaryEntry[][];
  /** Per content, where its clauses start in `contentClauses` (one more: where the last ends). */
  clausesStart: Uint32Array;
  contentClauses: Uint32Array;
  clauses: PackedRecords;
}

function packReadings(readings: Readings): PackedReadings {
  const contents = new Numbering<VersionContent>();
  const contentOf = Int32Array.from(readings.values(), (reading) => (reading ? contents.of(reading) : -1));
  const metas = new Numbering<AgreementMeta>();
  const glossaries = new Numbering<GlossaryEntry[]>();
  const clauses = new Numbering<Clause>();
  const clausesStart = new Uint32Array(contents.items.length + 1);
  const contentClauses: number[] = [];
  const metaOf = new Uint32Array(contents.items.length);
  const glossaryOf = new Uint32Array(contents.items.length);
  contents.items.forEach((content, position) => {
    metaOf[position] = metas.of(content.meta);
    glossaryOf[position] = glossaries.of(content.glossary);
    for (const clause of content.clauses) contentClauses.push(clauses.of(clause));
    clausesStart[position + 1] = contentClauses.length;
  });
  return {
    keys: [...readings.keys()],
    contentOf,
    metaOf,
    metas: packRecords(metas.items),
    glossaryOf,
    glossaries: glossaries.items,
    clausesStart,
    contentClauses: Uint32Array.from(contentClauses),
    clauses: packRecords(clauses.items),
  };
}

function unpackReadings(packed: PackedReadings): Readings {
  const metas = unpackRecords<AgreementMeta>(packed.metas);
  const clauses = unpackRecords<Clause>(packed.clauses);
  const contents = Array.from(packed.metaOf, (meta, position): VersionContent => {
    const own: Clause[] = [];
    const end = packed.clausesStart[position + 1] as number;
    for (let at = packed.clausesStart[position] as number; at < end; at++)
      own.push(clauses[packed.contentClauses[at] as number] as Clause);
    return {
      meta: metas[meta] as AgreementMeta,
      clauses: own,
      glossary: packed.glossaries[packed.glossaryOf[position] as number] as GlossaryEntry[],
    };
  });
  const readings: Readings = new Map();
  packed.keys.forEach((key, position) => {
    const content = packed.contentOf[position] as number;
    readings.set(key, content < 0 ? null : (contents[content] as VersionContent));
  });
  return readings;
}
