import { type AgreementVersion, pathOf } from '../domain/agreements.js';
import { GjerdeError } from '../domain/errors.js';
import { isValidId } from '../format/ids.js';
import { parseAgreement } from '../format/processor.js';
import type { AgreementMeta } from '../format/types.js';
import type { Revision, Store } from '../store/store.js';
import { readMetaOnly } from './light-meta.js';

/** One revision of an agreement's file, with its metadata; `meta` is absent where the file was deleted. */
export interface RevisionEntry {
  id: string;
  revision: Revision;
  /** Position in the agreement's history: 0 is the oldest revision. */
  index: number;
  meta?: AgreementMeta;
}

/** A revision where the file exists. */
export type VersionHead = RevisionEntry & { meta: AgreementMeta };

export function isVersion(entry: RevisionEntry): entry is VersionHead {
  return entry.meta !== undefined;
}

const metaCacheLimit = 20_000;
const parsedCacheLimit = 64;

/**
 * Reads an agreement's history for auditors: every revision with its metadata (front matter only, cached by
 * commit and path, which never change) and, on demand, fully parsed versions (a small LRU cache). The list
 * of revisions is cached until HEAD moves, so repeated pages cost one `cat-file` request for HEAD.
 */
export class HistoryReader {
  private readonly metas = new Map<string, AgreementMeta | null>();
  private readonly parsed = new Map<string, AgreementVersion>();
  private readonly histories = new Map<string, Revision[]>();
  private historiesHead: string | undefined;

  constructor(readonly store: Store) {}

  /** Every revision of the agreement's file, newest first, following renames; 404 when it never existed. */
  async entries(id: string): Promise<RevisionEntry[]> {
    const revisions = await this.revisions(checkAgreementId(id));
    if (revisions.length === 0) throw new GjerdeError('not-found', `Fant ingen avtale med id «${id}».`);
    const metas = await Promise.all(revisions.map((revision) => this.meta(revision)));
    return revisions.map((revision, position) => {
      const meta = metas[position];
      const entry: RevisionEntry = { id, revision, index: revisions.length - 1 - position };
      if (meta) entry.meta = meta;
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
      agreement: parseAgreement(markdown, head.revision.path).agreement,
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
    const path = pathOf(id);
    let revisions = this.histories.get(path);
    if (!revisions) {
      revisions = await this.store.history(path);
      this.histories.set(path, revisions);
    }
    return revisions;
  }

  private async meta(revision: Revision): Promise<AgreementMeta | undefined> {
    const key = `${revision.rev}:${revision.path}`;
    const cached = this.metas.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const markdown = await this.store.readFile(revision.path, revision.rev);
    const meta = markdown === undefined ? null : readMetaOnly(markdown);
    this.metas.set(key, meta);
    if (this.metas.size > metaCacheLimit) this.metas.delete(this.metas.keys().next().value as string);
    return meta ?? undefined;
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
