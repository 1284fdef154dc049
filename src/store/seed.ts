/**
 * Fills an empty store with the example agreements and their history, and reads such histories for
 * `gjerde import` (src/domain/import.ts).
 *
 * The examples folder holds one folder per agreement: `<agreement-id>/revisions.yaml` and the revision files
 * beside it. The manifest is a YAML list of `{ file, date, author, email, reason, trailers? }`. All revisions
 * of all agreements are replayed in date order (ties keep manifest order), each as one commit of the
 * agreement's file (`agreementPath`) with the given author, date and reason.
 *
 * Other files of the data repository (the shared glossary, the contact registers) come from a folder whose
 * manifest gives each revision its `path` in the repository too (`datafiler/revisions.yaml`); they are
 * replayed in the same date order.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { isValidPath } from './git.js';
import { agreementPath, isInAgreementsFolder } from './layout.js';
import type { CommitOptions, Store } from './store.js';

export const MANIFEST = 'revisions.yaml';

/** One revision of a file to replay: its text, and who saved it when and why. */
export interface RevisionRecord {
  /** `<folder>/<file>`, for messages. */
  source: string;
  content: string;
  date: string;
  time: number;
  author: { name: string; email: string };
  reason: string;
  trailers: Record<string, string> | undefined;
  /** Where a data file's revision is committed (`path` in the manifest); agreements go to `agreementPath`. */
  path?: string;
}

interface SeedRevision extends RevisionRecord {
  id: string;
  /** The file the revision is committed to. */
  target: string;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The revisions a folder's manifest lists, checked (dates with a time zone, author, e-mail, reason, files
 * inside the folder); `label` names the folder in messages.
 */
export async function readRevisionFolder(
  folder: string,
  label = basename(folder),
): Promise<RevisionRecord[]> {
  const where = `${label}/${MANIFEST}`;
  let entries: unknown;
  try {
    entries = parse(await readFile(join(folder, MANIFEST), 'utf8'));
  } catch (error) {
    throw new Error(`${where}: kunne ikke lese YAML (${(error as Error).message})`);
  }
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new Error(`${where}: må være en ikke-tom liste av revisjoner`);
  }
  const revisions: RevisionRecord[] = [];
  for (const [index, entry] of entries.entries()) {
    revisions.push(await readEntry(folder, label, entry, `${where}, revisjon ${index + 1}`));
  }
  return revisions;
}

/** One file as one revision, with the date, author and reason given for it (as a manifest entry would). */
export function readRevisionFile(
  path: string,
  given: { date?: string; author?: string; email?: string; reason?: string },
): Promise<RevisionRecord> {
  const folder = dirname(path);
  return readEntry(folder, basename(folder), { file: basename(path), ...given }, basename(path));
}

async function readEntry(folder: string, label: string, entry: unknown, at: string): Promise<RevisionRecord> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new Error(`${at}: må være et objekt med file, date, author, email og reason`);
  }
  const { file, date, author, email, reason, trailers, path } = entry as Record<string, unknown>;
  if (!nonEmptyString(file)) throw new Error(`${at}: mangler «file»`);
  if (path !== undefined && (!isValidPath(path) || isInAgreementsFolder(path)))
    throw new Error(`${at}: «path» må være en fil i datalageret utenfor avtalemappen`);
  const filePath = resolve(folder, file);
  if (!filePath.startsWith(resolve(folder) + sep))
    throw new Error(`${at}: «file» peker ut av mappen: ${file}`);
  if (!existsSync(filePath)) throw new Error(`${at}: filen ${label}/${file} finnes ikke`);
  if (typeof date !== 'string' || !ISO_WITH_OFFSET.test(date) || Number.isNaN(Date.parse(date))) {
    throw new Error(
      `${at} (${file}): ugyldig dato ${JSON.stringify(date instanceof Date ? date.toISOString() : date)}; ` +
        'bruk ISO 8601 med tidssone i anførselstegn, f.eks. "2017-01-10T09:00:00+01:00"',
    );
  }
  if (!nonEmptyString(author)) throw new Error(`${at} (${file}): mangler «author»`);
  if (!nonEmptyString(email)) throw new Error(`${at} (${file}): mangler «email»`);
  if (!nonEmptyString(reason)) throw new Error(`${at} (${file}): mangler «reason»`);
  let trailerMap: Record<string, string> | undefined;
  if (trailers !== undefined && trailers !== null) {
    if (typeof trailers !== 'object' || Array.isArray(trailers)) {
      throw new Error(`${at} (${file}): «trailers» må være et objekt med «Nøkkel: verdi»`);
    }
    trailerMap = {};
    for (const [key, value] of Object.entries(trailers)) {
      if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(key)) {
        throw new Error(
          `${at} (${file}): ugyldig navn på tilleggsfelt «${key}» (bokstaver, tall og bindestrek)`,
        );
      }
      if (typeof value !== 'string' || value.trim() === '' || value.includes('\n')) {
        throw new Error(`${at} (${file}): tilleggsfeltet «${key}» må være tekst på én linje`);
      }
      trailerMap[key] = value;
    }
  }
  return {
    source: `${label}/${file}`,
    content: await readFile(filePath, 'utf8'),
    date,
    time: Date.parse(date),
    author: { name: author, email },
    reason,
    trailers: trailerMap,
    ...(typeof path === 'string' ? { path } : {}),
  };
}

/**
 * What is in the store's folder besides `.git` (up to `limit` names, sorted). A folder with files is
 * somebody's data (a migration not yet committed, a folder chosen by mistake): examples are never
 * committed on top of it.
 */
async function filesIn(dir: string, limit = 5): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name !== '.git').sort();
  return names.slice(0, limit);
}

/**
 * Replays the example agreements into an EMPTY store (refuses one that has commits, or files in its
 * folder) and returns the number of commits made. Every manifest is read and checked before the first
 * commit. `trailersOf` gives each commit's trailers (the domain adds an approved version's approvals:
 * `replayedTrailers` in src/domain/import.ts); by default the manifest's.
 */
export async function seedStore(
  store: Store,
  examplesDir: string,
  log?: (msg: string) => void,
  trailersOf: (revision: RevisionRecord) => CommitOptions['trailers'] = (revision) => revision.trailers,
): Promise<number> {
  if ((await store.head()) !== undefined) {
    throw new Error('Datalageret er ikke tomt: eksempelavtalene legges bare inn i et tomt lager.');
  }
  const present = await filesIn(store.dir);
  if (present.length > 0) {
    throw new Error(
      `Datalageret ${store.dir} har ingen lagrede versjoner, men mappen har filer (${present.join(', ')}). ` +
        'Gjerde legger ikke eksempelavtalene oppå filer som finnes. Er dette avtalene deres: legg hver avtale i ' +
        'avtaler/<id>.md, lagre dem med «git add» og «git commit» (eller «gjerde import»), og start Gjerde igjen. ' +
        'Vil du prøve Gjerde med eksemplene: sett GJERDE_DATA til en tom mappe.',
    );
  }
  const revisions: SeedRevision[] = [];
  for (const name of (await readdir(examplesDir)).sort()) {
    if (!(await stat(join(examplesDir, name))).isDirectory()) continue;
    if (!existsSync(join(examplesDir, name, MANIFEST))) {
      log?.(`Hopper over ${name}/: mangler ${MANIFEST}`);
      continue;
    }
    if (!isValidPath(agreementPath({ id: name }))) {
      throw new Error(`${name}/: ugyldig avtale-id (bare små bokstaver, tall og bindestrek)`);
    }
    const records = await readRevisionFolder(join(examplesDir, name));
    revisions.push(
      ...records.map((record) => ({
        ...record,
        id: name,
        target: record.path ?? agreementPath({ id: name }),
      })),
    );
  }
  // Array.prototype.sort is stable: revisions with the same time keep their manifest order.
  revisions.sort((a, b) => a.time - b.time);
  // A revision equal to the one before it could not become a commit; say so before committing anything.
  const latest = new Map<string, SeedRevision>();
  for (const revision of revisions) {
    const before = latest.get(revision.target);
    if (before && before.content === revision.content) {
      throw new Error(
        `${revision.source}: er lik ${before.source}, som kommer rett før (ingen endring å lagre)`,
      );
    }
    latest.set(revision.target, revision);
  }

  let commits = 0;
  for (const revision of revisions) {
    try {
      await store.commitFile(revision.target, revision.content, {
        author: revision.author,
        reason: revision.reason,
        date: revision.date,
        trailers: trailersOf(revision),
      });
    } catch (error) {
      const where = relative(process.cwd(), join(examplesDir, revision.source));
      throw new Error(`Kunne ikke legge inn ${where} (${revision.date}): ${(error as Error).message}`);
    }
    commits += 1;
    log?.(`${revision.date} ${revision.id}: ${revision.reason.split('\n')[0]}`);
  }
  await store.maintain();
  return commits;
}
