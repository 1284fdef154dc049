import type { AgreementVersion } from '../domain/agreements.js';
import { GjerdeError } from '../domain/errors.js';
import { periodOf, restoredVersions } from '../domain/restored-text.js';
import { isValidStored, readStoredVersion, servedMeta, servedSpanned, servedText } from '../domain/stored.js';
import {
  judgeHistory,
  mayHoldWithdrawn,
  recordsApproval,
  type UnrecordedText,
} from '../domain/text-approval.js';
import { isApproved, mayGovern } from '../domain/validity.js';
import { vouchedContent } from '../domain/vouched-content.js';
import { leadingFrontMatter } from '../format/front-matter.js';
import { isValidId } from '../format/ids.js';
import { readSpannedFast, type SpannedMeta, type YamlParts } from '../format/stored/front-matter.js';
import { type ReadVersion, VersionReader } from '../format/stored/version.js';
import type { AgreementMeta } from '../format/types.js';
import { agreementPath } from '../store/layout.js';
import type { Revision, Store } from '../store/store.js';
import type { RevisionInfo } from './types.js';

/** One revision of an agreement's file, with its metadata; `meta` is absent where the file was deleted. */
export interface RevisionEntry {
  id: string;
  revision: Revision;
  /** Position in the agreement's history: 0 is the oldest revision. */
  index: number;
  meta?: AgreementMeta;
  /** Whether the file is valid and in its place (src/domain/stored.ts); an invalid one is never in force. */
  valid?: boolean;
  /** Where the revision that removed the file moved it (`git mv`), with the id the file says there. */
  movedTo?: MovedFile;
  /** An unrecorded text a later version withdrew: never in force (src/domain/text-approval.ts). */
  withdrawn?: boolean;
  /** The approved version this commit put back byte for byte: that one is in force (src/domain/restored-text.ts). */
  restores?: RevisionInfo;
}

/** A file moved away from its path: where to, and the agreement id the moved file says (when it reads). */
export interface MovedFile {
  path: string;
  id?: string;
}

/** A revision a comparison spans, with the status and parties of the file then. */
export interface BetweenVersion extends SpannedMeta {
  revision: Revision;
  index: number;
}

/** A revision where the file exists. */
export type VersionHead = RevisionEntry & { meta: AgreementMeta; valid: boolean };

export function isVersion(entry: RevisionEntry): entry is VersionHead {
  return entry.meta !== undefined;
}

const metaCacheLimit = 20_000;
const parsedCacheLimit = 64;
const textCacheLimit = 8;

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
  private readonly moves = new Map<string, MovedFile | null>();
  /** Status and parties of revisions a comparison spanned (null: the file did not exist), kept like `heads`. */
  private readonly spanned = new Map<string, SpannedMeta | null>();
  private readonly spannedParts: YamlParts = new Map();
  private reader = new VersionReader();
  private readonly parsed = new Map<string, AgreementVersion>();
  /**
   * The texts `head` read last and what the reader made of them, for `version` of the same revisions (a
   * comparison reads its pair so): reading the text again was ≈5 % of a cold compare's CPU.
   */
  private readonly texts = new Map<string, { markdown: string; read: ReadVersion }>();
  private readonly histories = new Map<string, Revision[]>();
  private historiesHead: string | undefined;
  private readonly revisionsAsked = new Map<string, Promise<Revision[]>>();
  /** Files asked of git and not yet answered, by `rev:path`: a comparison's newer revision is also the last it spans. */
  private readonly bytesAsked = new Map<string, Promise<Buffer | undefined>>();

  constructor(readonly store: Store) {}

  /** Every revision of the agreement's file, newest first, following renames; 404 when it never existed. */
  async entries(id: string): Promise<RevisionEntry[]> {
    const revisions = await this.revisions(checkAgreementId(id));
    if (revisions.length === 0) throw new GjerdeError('not-found', `Fant ingen avtale med id «${id}».`);
    const heads = await Promise.all(revisions.map((revision) => this.head(revision)));
    // A removal may be a move (`git mv`): said as such, never as a deletion.
    const moves = await Promise.all(
      revisions.map((revision, position) => (heads[position] ? undefined : this.movedTo(revision))),
    );
    return revisions.map((revision, position) => {
      const head = heads[position];
      const entry: RevisionEntry = { id, revision, index: revisions.length - 1 - position };
      if (head) Object.assign(entry, head);
      const moved = moves[position];
      if (moved) entry.movedTo = moved;
      return entry;
    });
  }

  /** Where a revision that removed the file moved it, read once per revision (commits never change). */
  private async movedTo(revision: Revision): Promise<MovedFile | undefined> {
    const key = `${revision.rev}:${revision.path}`;
    const known = this.moves.get(key);
    if (known !== undefined) return known ?? undefined;
    const path = await this.store.renamedTo(revision.rev, revision.path);
    const moved = path === undefined ? null : { path, id: (await this.head({ ...revision, path }))?.meta.id };
    this.moves.set(key, moved);
    return moved ?? undefined;
  }

  /** The revisions where the file exists, newest first. */
  async versions(id: string): Promise<VersionHead[]> {
    const versions = (await this.entries(id)).filter(isVersion);
    if (versions.length === 0)
      throw new GjerdeError('not-found', `Fant ingen lagret versjon av avtalen «${id}».`);
    return versions;
  }

  /**
   * The versions whose commit id starts with `prefix`, read without the rest of the history: what a revision
   * asked for by its id needs (compare's cold path read every version's metadata first: 200 ms for 40).
   */
  async versionsStartingWith(id: string, prefix: string): Promise<VersionHead[]> {
    const revisions = await this.revisions(checkAgreementId(id));
    if (revisions.length === 0) throw new GjerdeError('not-found', `Fant ingen avtale med id «${id}».`);
    const found: VersionHead[] = [];
    for (const [position, revision] of revisions.entries()) {
      if (!revision.rev.startsWith(prefix)) continue;
      const head = await this.head(revision);
      if (head) found.push({ id, revision, index: revisions.length - 1 - position, ...head });
    }
    return found;
  }

  /** The positions (0 is the oldest) of the revisions whose commit id starts with `prefix`, from the history alone. */
  async positionsStartingWith(id: string, prefix: string): Promise<number[]> {
    const revisions = await this.revisions(checkAgreementId(id));
    return revisions.flatMap((revision, position) =>
      revision.rev.startsWith(prefix) ? [revisions.length - 1 - position] : [],
    );
  }

  /**
   * The versions after position `low` up to and including `high` (0 is the oldest revision), oldest first,
   * with their status and parties read from the front matter alone: the revisions a comparison spans.
   */
  async between(id: string, low: number, high: number): Promise<BetweenVersion[]> {
    const revisions = await this.revisions(checkAgreementId(id));
    const spannedMeta = async (revision: Revision): Promise<SpannedMeta | null> => {
      const key = `${revision.rev}:${revision.path}`;
      const head = this.heads.get(key);
      if (head !== undefined) return head && { status: head.meta.status, parties: head.meta.parties };
      const cached = this.spanned.get(key);
      if (cached !== undefined) return cached;
      // Status and parties are in the front matter: the rest of the file (≈90 %) is not decoded.
      const bytes = await this.bytes(revision);
      const markdown = bytes && (leadingFrontMatter(bytes) ?? bytes.toString('utf8'));
      const read =
        markdown === undefined ? null : servedSpanned(markdown, readSpannedFast(markdown, this.spannedParts));
      if (this.spanned.size >= metaCacheLimit) {
        this.spanned.clear();
        this.spannedParts.clear();
      }
      this.spanned.set(key, read);
      return read;
    };
    const spanned = revisions.slice(revisions.length - 1 - high, revisions.length - 1 - low).reverse();
    // Asked of the cat-file process all at once: one round trip instead of one per revision.
    const metas = await Promise.all(spanned.map(spannedMeta));
    return spanned.flatMap((revision, position) => {
      const meta = metas[position];
      return meta ? [{ revision, index: low + 1 + position, ...meta }] : [];
    });
  }

  /** The text as Gjerde serves it (withheld when it holds a fødselsnummer: src/domain/stored.ts). */
  async markdown(head: VersionHead): Promise<string> {
    return servedText(await this.storedText(head));
  }

  private async storedText(head: VersionHead): Promise<string> {
    const text =
      this.texts.get(`${head.revision.rev}:${head.revision.path}`)?.markdown ??
      (await this.store.readFile(head.revision.path, head.revision.rev));
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
    const kept = this.texts.get(key);
    const markdown = kept?.markdown ?? (await this.storedText(head));
    const version: AgreementVersion = {
      id: head.id,
      revision: head.revision,
      ...readStoredVersion(this.reader, head.revision.path, markdown, kept?.read),
    };
    this.parsed.set(key, version);
    if (this.parsed.size > parsedCacheLimit) this.parsed.delete(this.parsed.keys().next().value as string);
    return version;
  }

  /**
   * The approved versions (newest first) whose clause content no recorded approval gave, and those of them a
   * later version withdrew, by revision (src/domain/text-approval.ts): what the timeline shows and what
   * choosing a version by date leaves out.
   */
  async judge(versions: VersionHead[]): Promise<{
    unrecorded: Map<string, UnrecordedText<RevisionInfo>>;
    withdrawn: Set<string>;
  }> {
    const judged = await judgeHistory(
      versions.map((version) => ({
        revision: version.revision,
        approved: version.valid && isApproved(version.meta),
        validFrom: version.meta.validFrom,
        content: async () => vouchedContent((await this.version(version)).agreement),
      })),
    );
    const unrecorded = new Map<string, UnrecordedText<RevisionInfo>>();
    const withdrawn = new Set<string>();
    judged.forEach(({ finding, withdrawn: isWithdrawn }, position) => {
      const rev = versions[position]?.revision.rev;
      if (rev === undefined) return;
      if (finding) unrecorded.set(rev, finding);
      if (isWithdrawn) withdrawn.add(rev);
    });
    return { unrecorded, withdrawn };
  }

  /**
   * The versions (newest first) whose commit put an approved version back byte for byte, each with the
   * version it put back (src/domain/restored-text.ts); `withdrawn` as `judge` found them.
   */
  async restored(
    versions: VersionHead[],
    withdrawn: ReadonlySet<string>,
  ): Promise<Map<string, RevisionInfo>> {
    const restored = await restoredVersions(
      versions.map((version) => ({
        revision: version.revision,
        governs: version.valid && !withdrawn.has(version.revision.rev) && mayGovern(version.meta),
        period: periodOf(version.meta),
        text: () => this.storedText(version),
      })),
    );
    const byRevision = new Map<string, RevisionInfo>();
    restored.forEach((restores, position) => {
      const rev = versions[position]?.revision.rev;
      if (restores && rev !== undefined) byRevision.set(rev, restores);
    });
    return byRevision;
  }

  /**
   * The versions (newest first) a later version withdrew, as `judge` finds them; texts are read only when the
   * commits say one can be (`mayHoldWithdrawn`), so choosing a version by date stays a read of metadata.
   */
  async withdrawn(versions: VersionHead[]): Promise<ReadonlySet<string>> {
    const recorded = versions.flatMap(({ meta, valid, revision }) =>
      valid && isApproved(meta) ? [recordsApproval(revision.trailers)] : [],
    );
    return mayHoldWithdrawn(recorded) ? (await this.judge(versions)).withdrawn : new Set();
  }

  /**
   * The agreement's revisions, asked for by several at once (a comparison's pair and the revisions between):
   * one look at HEAD for all of them, not one each (reading git's ref files was ≈5 % of a cold compare).
   */
  private revisions(id: string): Promise<Revision[]> {
    let asked = this.revisionsAsked.get(id);
    if (!asked) {
      asked = this.readRevisions(id).finally(() => this.revisionsAsked.delete(id));
      this.revisionsAsked.set(id, asked);
    }
    return asked;
  }

  private async readRevisions(id: string): Promise<Revision[]> {
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

  /** The file at a revision, read once however many ask for it before git answers. */
  private bytes(revision: Revision): Promise<Buffer | undefined> {
    const key = `${revision.rev}:${revision.path}`;
    let asked = this.bytesAsked.get(key);
    if (!asked) {
      asked = this.store
        .readFileBytes(revision.path, revision.rev)
        .finally(() => this.bytesAsked.delete(key));
      this.bytesAsked.set(key, asked);
    }
    return asked;
  }

  private async head(revision: Revision): Promise<Head | undefined> {
    const key = `${revision.rev}:${revision.path}`;
    const cached = this.heads.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const markdown = (await this.bytes(revision))?.toString('utf8');
    let head: Head | null = null;
    if (markdown !== undefined) {
      const read = this.reader.read(markdown);
      head = { meta: servedMeta(read.meta), valid: isValidStored(revision.path, markdown, read) };
      this.texts.set(key, { markdown, read });
      if (this.texts.size > textCacheLimit) this.texts.delete(this.texts.keys().next().value as string);
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
