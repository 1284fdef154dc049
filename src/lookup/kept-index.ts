/**
 * The lookup index kept beside the data repository (a file in its `.git` folder, which git neither commits
 * nor pushes), so that a restart reads it instead of reading and parsing every version of 20 years again.
 *
 * The file holds the commit the index is up to date with; the lookup follows HEAD from there as after any
 * commit (adding what came since, or building anew when the history was rewritten). It is used only by the
 * code that made it: its key is a fingerprint of the modules that build, index and pack it and all they
 * import (code-fingerprint.ts; not the search and ranking, which only read it), the lock file (the
 * dictionaries and libraries that read the words) and the Node version. Anything else (no file, a partly
 * written one, another fingerprint) is no kept index: the lookup builds, as without one.
 *
 * The file (kept-file.ts): a header (`{ fingerprint, head }`), then the index as `v8.serialize` writes it,
 * with the version histories packed (`packHistories`): what versions share stays one object, and the
 * clauses and metadata are columns (packed-records.ts), which a restart reads as blocks.
 */
import { serialize } from 'node:v8';
import type { AgreementMeta, Clause, GlossaryEntry } from '../format/types.js';
import type { Person } from '../store/store.js';
import {
  ClauseIndex,
  type ClauseIndexSnapshot,
  type IndexedClause,
  type IndexedRevision,
  type IndexedVersion,
} from './clause-index.js';
import { fingerprintOf, modulesOf } from './code-fingerprint.js';
import { deserializeApart, readKeptFile, writeKeptFile } from './kept-file.js';
import { Numbering, type PackedRecords, packRecords, unpackRecords } from './packed-records.js';

interface Header {
  fingerprint: string;
  head: string;
}

/**
 * The modules that make what the file holds: the build (and the reader, the index, the term and meaning
 * readers it imports), the build process, and this file's packing. Not the search and ranking, which only
 * read the index: a release that changes them keeps the index.
 */
const indexEntries = ['lookup/build', 'lookup/build-process', 'lookup/kept-index'];

export function indexModules(): string[] {
  return modulesOf(indexEntries);
}

let fingerprint: string | undefined;

/** The key of the kept index (code-fingerprint.ts). */
export function codeFingerprint(): string {
  fingerprint ??= fingerprintOf(indexEntries, 'index 1');
  return fingerprint;
}

/** The kept index and the commit it is up to date with; undefined when there is none this code may use. */
export async function readKeptIndex(file: string): Promise<{ index: ClauseIndex; head: string } | undefined> {
  const kept = await readKeptFile<Header>(file);
  if (!kept || kept.header.fingerprint !== codeFingerprint() || !/^[0-9a-f]{40,64}$/.test(kept.header.head))
    return undefined;
  try {
    const snapshot = deserializeApart(kept.payload) as KeptSnapshot;
    return {
      index: new ClauseIndex({ ...snapshot, histories: unpackHistories(snapshot.histories) }),
      head: kept.header.head,
    };
  } catch {
    return undefined;
  }
}

/** Keeps the index as of `head` (kept-file.ts: a reader never sees half a file). */
export async function writeKeptIndex(file: string, index: ClauseIndex, head: string): Promise<void> {
  const snapshot = index.snapshot();
  const payload = serialize({
    ...snapshot,
    histories: packHistories(snapshot.histories),
  } satisfies KeptSnapshot);
  await writeKeptFile(file, { fingerprint: codeFingerprint(), head } satisfies Header, payload);
}

type KeptSnapshot = Omit<ClauseIndexSnapshot, 'histories'> & { histories: PackedHistories };

/**
 * The versions of every agreement as columns: each distinct clause, metadata, glossary and author once (the
 * index shares them: 20,700 clauses for 209,000 clause versions on the benchmark corpus), and per version
 * the numbers of its parts.
 */
interface PackedHistories {
  agreementIds: string[];
  /** Per agreement, how many versions it has (in `agreementIds`' order; versions follow each other). */
  versionCounts: Uint32Array;
  revs: string[];
  dates: string[];
  authorOf: Uint32Array;
  authors: Person[];
  metaOf: Uint32Array;
  metas: PackedRecords;
  glossaryOf: Uint32Array;
  glossaries: GlossaryEntry[][];
  clauses: PackedRecords;
  /** Per entry (a clause with its document, shared by versions), its clause and document. */
  entryClause: Uint32Array;
  entryDoc: Uint32Array;
  /** Per version, where its entries start in `versionEntries` (one more: where the last ends). */
  entriesStart: Uint32Array;
  versionEntries: Uint32Array;
  /** Per version, 1 when its commit recorded the parties' approval. */
  recorded: Uint8Array;
  /**
   * Per version whose text no recorded approval gave: the positions of the versions that changed it and
   * of the approval it departs from (-1 for none); -1 for the others.
   */
  changedIn: Int32Array;
  approvedIn: Int32Array;
}

function packHistories(histories: Map<string, IndexedVersion[]>): PackedHistories {
  const versions = [...histories.values()].flat();
  const authors = new Numbering<Person>();
  const metas = new Numbering<AgreementMeta>();
  const glossaries = new Numbering<GlossaryEntry[]>();
  const entries = new Numbering<IndexedClause>();
  const clauses = new Numbering<Clause>();
  const entriesStart = new Uint32Array(versions.length + 1);
  const versionEntries: number[] = [];
  const authorOf = new Uint32Array(versions.length);
  const metaOf = new Uint32Array(versions.length);
  const glossaryOf = new Uint32Array(versions.length);
  const positions = new Map(versions.map((version, position) => [version.revision, position]));
  const positionOf = (revision: IndexedRevision | undefined) =>
    revision === undefined ? -1 : (positions.get(revision) ?? -1);
  versions.forEach((version, position) => {
    authorOf[position] = authors.of(version.revision.author);
    metaOf[position] = metas.of(version.agreement.meta);
    glossaryOf[position] = glossaries.of(version.agreement.glossary);
    for (const entry of version.clauses) versionEntries.push(entries.of(entry));
    entriesStart[position + 1] = versionEntries.length;
  });
  return {
    agreementIds: [...histories.keys()],
    versionCounts: Uint32Array.from(histories.values(), (list) => list.length),
    revs: versions.map((version) => version.revision.rev),
    dates: versions.map((version) => version.revision.date),
    authorOf,
    authors: authors.items,
    metaOf,
    metas: packRecords(metas.items),
    glossaryOf,
    glossaries: glossaries.items,
    entryClause: Uint32Array.from(entries.items, (entry) => clauses.of(entry.clause)),
    entryDoc: Uint32Array.from(entries.items, (entry) => entry.doc),
    clauses: packRecords(clauses.items),
    entriesStart,
    versionEntries: Uint32Array.from(versionEntries),
    recorded: Uint8Array.from(versions, (version) => (version.recorded ? 1 : 0)),
    changedIn: Int32Array.from(versions, (version) => positionOf(version.unrecorded?.changedIn)),
    approvedIn: Int32Array.from(versions, (version) => positionOf(version.unrecorded?.approved)),
  };
}

function unpackHistories(packed: PackedHistories): Map<string, IndexedVersion[]> {
  const metas = unpackRecords<AgreementMeta>(packed.metas);
  const clauses = unpackRecords<Clause>(packed.clauses);
  const entries: IndexedClause[] = Array.from(packed.entryClause, (clause, position) => ({
    clause: clauses[clause] as Clause,
    doc: packed.entryDoc[position] as number,
  }));
  const histories = new Map<string, IndexedVersion[]>();
  const all: IndexedVersion[] = [];
  let position = 0;
  packed.agreementIds.forEach((agreementId, agreement) => {
    const list: IndexedVersion[] = new Array(packed.versionCounts[agreement]);
    for (let at = 0; at < list.length; at++, position++) {
      const own: IndexedClause[] = [];
      const end = packed.entriesStart[position + 1] as number;
      for (let entry = packed.entriesStart[position] as number; entry < end; entry++)
        own.push(entries[packed.versionEntries[entry] as number] as IndexedClause);
      list[at] = {
        agreementId,
        revision: {
          rev: packed.revs[position] as string,
          date: packed.dates[position] as string,
          author: packed.authors[packed.authorOf[position] as number] as Person,
        },
        agreement: {
          meta: metas[packed.metaOf[position] as number] as AgreementMeta,
          glossary: packed.glossaries[packed.glossaryOf[position] as number] as GlossaryEntry[],
        },
        clauses: own,
        valid: true,
        recorded: packed.recorded[position] === 1,
      };
      all.push(list[at] as IndexedVersion);
    }
    histories.set(agreementId, list);
  });
  // The revisions an unrecorded text names are those of other versions: the same objects again.
  all.forEach((version, at) => {
    const changedIn = all[packed.changedIn[at] as number];
    if (!changedIn) return;
    version.unrecorded = { changedIn: changedIn.revision };
    const approved = all[packed.approvedIn[at] as number];
    if (approved) version.unrecorded.approved = approved.revision;
  });
  return histories;
}
