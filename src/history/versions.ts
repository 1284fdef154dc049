import type { AgreementVersion } from '../domain/agreements.js';
import { GjerdeError } from '../domain/errors.js';
import { isValidStored, readStoredVersion } from '../domain/stored.js';
import { isValidId } from '../format/ids.js';
import { VersionReader } from '../format/stored/version.js';
import type { AgreementMeta } from '../format/types.js';
import { agreementPath } from '../store/layout.js';
import type { Revision, Store } from '../store/store.js';

/** One revision of an agreement's file, with its metadata; `meta` is absent where the file was deleted. */
export interface RevisionEntry {
  id: string;
  revision: Revision;
  /** Position in the agreement's history: 0 is the oldest revision. */
  index: number;
  meta?: AgreementMeta;
  /** Whether the file is valid and in its place (src/domain/stored.ts); an invalid one is never in force. */
  valid?: boolean;
}

/** A revision where the file exists. */
export type VersionHead = RevisionEntry & { meta: AgreementMeta; valid: boolean };

export function isVersion(entry: RevisionEntry): entry is VersionHead {
  return entry.meta !== undefined;
}

const metaCacheLimit = 20_000;
const parsedCacheLimit = 64;

interface Head {
  meta: AgreementMeta;
  valid: boolean;
}

/**
 * Reads an agreement's history for auditors: every revision with its metadata and validity (the fast reader
 * of stored versions, cached by commit and path, which never change) and, on demand, fully parsed versions
 * (a small LRU cache). The list of revisions is cached until HEAD moves, so repeated pages cost one
 * `cat-file` request for HEAD.
 */
export class HistoryReader {
  private readonly heads = new Map<string, Head | null>();
  private reader = new VersionReader();
  private readonly parsed = new Map<string, AgreementVersion>();
  private readonly histories = new Map<string, Revision[]>();
  private historiesHead: string | undefined;

  constructor(readonly store: Store) {}

  /** Every revision of the agreement's file, newest first, following renames; 404 when it never existed. */
  async entries(id: string): Promise<RevisionEntry[]> {
    const revisions = await this.revisions(checkAgreementId(id));
    if (revisions.length === 0) throw new GjerdeError('not-found', `Fant ingen avtale med id «${id}».`);
    const heads = await Promise.all(revisions.map((revision) => this.head(revision)));
    return revisions.map((revision, position) => {
      const head = heads[position];
      const entry: RevisionEntry = { id, revision, index: revisions.length - 1 - position };
      if (head) Object.assign(entry, head);
      return entry;
    });
  }

  /** The revisions where the file exists, newest first. */
  async versions(id: string): Promise<VersionHead[]> {
    const versions = (await this.entries(id)).filter(isVersion);
    if (versions.length === 0)
      throw new GjerdeError('not-found', `Fant ingen lagret versjon av avtalen «${id}».`);
    return versions;
  }

  async markdown(head: VersionHead): Promise<string> {
    const text = await this.store.readFile(head.revision.path, head.revision.rev);
    if (text === undefined) throw new Error(`${head.revision.path} is missing at ${head.revision.rev}`);
    return text;
  }

  /** The version fully parsed (clauses, glossary), cached. */
  async version(head: VersionHead): Promise<AgreementVersion> {
    const key = `${head.revision.rev}:${head.revision.path}`;
    const cached = this.parsed.get(key);
    if (cached) {
      this.parsed.delete(key);
      this.parsed.set(key, cached);
      return cached;
    }
    const markdown = await this.markdown(head);
    const version: AgreementVersion = {
      id: head.id,
      revision: head.revision,
      markdown,
      ...readStoredVersion(this.reader, head.revision.path, markdown),
    };
    this.parsed.set(key, version);
    if (this.parsed.size > parsedCacheLimit) this.parsed.delete(this.parsed.keys().next().value as string);
    return version;
  }

  private async revisions(id: string): Promise<Revision[]> {
    const head = await this.store.head();
    if (head !== this.historiesHead) {
      this.histories.clear();
      this.historiesHead = head;
    }
    const path = agreementPath({ id });
    let revisions = this.histories.get(path);
    if (!revisions) {
      revisions = await this.store.history(path);
      this.histories.set(path, revisions);
    }
    return revisions;
  }

  private async head(revision: Revision): Promise<Head | undefined> {
    const key = `${revision.rev}:${revision.path}`;
    const cached = this.heads.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const markdown = await this.store.readFile(revision.path, revision.rev);
    let head: Head | null = null;
    if (markdown !== undefined) {
      const read = this.reader.read(markdown);
      head = { meta: read.meta, valid: isValidStored(revision.path, markdown, read) };
    }
    if (this.heads.size >= metaCacheLimit) {
      // The reader keeps the texts it shares between versions: both start afresh.
      this.heads.clear();
      this.reader = new VersionReader();
    }
    this.heads.set(key, head);
    return head ?? undefined;
  }
}

export function checkAgreementId(id: unknown): string {
  if (!isValidId(id)) {
    throw new GjerdeError(
      'invalid-input',
      `«${String(id).slice(0, 60)}» er ikke en gyldig avtale-id (små bokstaver a–z, tall og bindestrek).`,
    );
  }
  return id;
}
