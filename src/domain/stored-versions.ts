import { type Period, readPeriodFast, readWholeMetaFast } from '../format/stored/front-matter.js';
import { VersionReader } from '../format/stored/version.js';
import type { AgreementMeta } from '../format/types.js';
import { UNREGISTERED_REASON } from '../store/approval-register.js';
import type { Revision, Store } from '../store/store.js';
import type { AgreementVersion } from './agreements.js';
import type { StoredMeta } from './overlaps.js';
import { readStoredVersion, servedMeta } from './stored.js';
import { governingVersion, mayGovern, versionInForce } from './validity.js';

/** A revision where the file exists, with its status and validity period. */
export interface PeriodHead {
  revision: Revision;
  period: Period;
}

/** Kept per version (commit and path): small, so kept for every version of a national history. */
interface Facts {
  period: Period;
  valid?: boolean;
}

/** Versions read whole and kept, most recently read last (each some 10–60 kB with its text and clauses). */
const versionsKept = 500;
/** Versions whose facts are kept: more than scale 10's 137,000 (≈100 bytes each). */
const factsKept = 250_000;

/**
 * Stored versions of agreements, each read as far as the question needs, and kept by commit and path
 * (which never change):
 *
 * - `period`: status and validity period, from three lines of the front matter: choosing the version in
 *   force on a date reads it from every version of the agreement;
 * - `version`: the file read whole by the fast reader of stored versions (format/read-version.ts; the
 *   parser for what the validator refuses, whose messages say why), with the validator's verdict;
 *   `isValid` keeps only the verdict.
 *
 * A front page over 345 agreements with 40 versions each so reads 13,700 front matters and a few hundred
 * whole files, not 13,700 files through the Markdown parser (≈50 ms each), and keeps none of their texts
 * beyond the last 500 read.
 */
export class StoredVersions {
  private reader = new VersionReader();
  private readsByReader = 0;
  private readonly versions = new Map<string, AgreementVersion>();
  private readonly facts = new Map<string, Facts | null>();
  private readonly stamps = new Map<string, StoredMeta | null>();

  constructor(private readonly store: Store) {}

  /** The version at a revision, read whole; undefined for the commit that deleted the file. */
  async version(id: string, revision: Revision): Promise<AgreementVersion | undefined> {
    const key = keyOf(revision);
    const kept = this.versions.get(key);
    if (kept) {
      this.versions.delete(key);
      this.versions.set(key, kept);
      return kept;
    }
    const markdown = await this.store.readFile(revision.path, revision.rev);
    if (markdown === undefined) return undefined;
    const version = this.read(id, revision, markdown);
    keep(this.versions, key, version, versionsKept);
    const facts = this.facts.get(key);
    if (facts) facts.valid = version.valid;
    return version;
  }

  /**
   * A version's metadata and the validator's verdict, when its front matter says it may be in force
   * (approved, with a `gyldig-fra`): read whole once and then kept like its facts. What overlaps read from
   * the versions of every umbrella agreement, again after each commit (a national store's umbrella
   * agreements have more versions than are kept whole, so each commit read them all again: 42 s before the
   * first lookup answer at load 12 on the benchmark corpus).
   */
  async governingStamp(id: string, revision: Revision): Promise<StoredMeta | undefined> {
    const facts = await this.factsOf(revision);
    if (!facts || !mayGovern(facts.period)) return undefined;
    const key = keyOf(revision);
    let stamp = this.stamps.get(key);
    if (stamp === undefined) {
      // Read whole but not kept whole: the overlaps ask for stamps of hundreds of versions at start, which
      // held the last 500 whole with their texts (measured on the benchmark corpus: 10–20 MB of the
      // service's heap for metadata only).
      let version = this.versions.get(key);
      if (!version) {
        const markdown = await this.store.readFile(revision.path, revision.rev);
        version = markdown === undefined ? undefined : this.read(id, revision, markdown);
      }
      stamp = version ? { meta: version.agreement.meta, valid: version.valid } : null;
      keep(this.stamps, key, stamp, factsKept);
      const facts = this.facts.get(key);
      if (facts && version) facts.valid = version.valid;
    }
    return stamp ?? undefined;
  }

  /**
   * A file's metadata as reading it whole gives it, from its front matter alone where that gives the same
   * (`readWholeMetaFast`): the party directory reads the newest version of every agreement at start, and
   * reading them whole left some 350 texts and clause lists of garbage.
   */
  metaOf(path: string, markdown: string): AgreementMeta {
    const fast = readWholeMetaFast(markdown);
    return fast ? servedMeta(fast) : readStoredVersion(this.reader, path, markdown).agreement.meta;
  }

  /** The revisions where the file exists, with their periods, in the order given. */
  async heads(history: Revision[]): Promise<PeriodHead[]> {
    const facts = await Promise.all(history.map((revision) => this.factsOf(revision)));
    return history.flatMap((revision, index) => {
      const period = facts[index]?.period;
      return period ? [{ revision, period }] : [];
    });
  }

  /**
   * The version in force on a date among `heads` (newest first), reading whole only the versions that
   * would govern it: the governing one by period, then the next while it is one the validator refuses.
   */
  async inForce(id: string, heads: PeriodHead[], date: string): Promise<PeriodHead | undefined> {
    let candidates = heads.map((head) => ({ agreement: { meta: head.period }, valid: true, head }));
    for (;;) {
      const governing = governingVersion(candidates, date);
      if (!governing) return undefined;
      if (await this.isValid(id, governing.head.revision)) return versionInForce([governing], date)?.head;
      candidates = candidates.filter((candidate) => candidate !== governing);
    }
  }

  /** Whether two revisions hold the same file, byte for byte: by the blob ids the history walk saw, else read. */
  async sameFile(one: Revision, other: Revision): Promise<boolean> {
    const [oneBlob, otherBlob] = [this.store.blobOf(one), this.store.blobOf(other)];
    if (oneBlob !== undefined && otherBlob !== undefined) return oneBlob === otherBlob;
    const [oneText, otherText] = await Promise.all([
      this.store.readFile(one.path, one.rev),
      this.store.readFile(other.path, other.rev),
    ]);
    return oneText !== undefined && oneText === otherText;
  }

  /** Whether the validator accepts the file at a revision and it is in its place (a whole read, once). */
  private async isValid(id: string, revision: Revision): Promise<boolean> {
    const facts = await this.factsOf(revision);
    if (facts?.valid !== undefined) return facts.valid;
    return (await this.version(id, revision))?.valid ?? false;
  }

  private async factsOf(revision: Revision): Promise<Facts | undefined> {
    const key = keyOf(revision);
    let facts = this.facts.get(key);
    if (facts === undefined) {
      const markdown = await this.store.readFile(revision.path, revision.rev);
      facts = markdown === undefined ? null : { period: readPeriodFast(markdown) };
      keep(this.facts, key, facts, factsKept);
    }
    return facts ?? undefined;
  }

  private read(id: string, revision: Revision, markdown: string): AgreementVersion {
    // The reader keeps every distinct clause it has read (unchanged clauses are shared between
    // versions): it starts afresh when it has read as many versions as are kept.
    this.readsByReader += 1;
    if (this.readsByReader > versionsKept) {
      this.reader = new VersionReader();
      this.readsByReader = 1;
    }
    return { id, revision, ...readStoredVersion(this.reader, revision.path, markdown) };
  }
}

/**
 * A version is kept per commit and file, and per whether its approval counts: an administrator's
 * confirmation (Store.confirmApproval) makes an unconfirmed approval count without a new commit of the file.
 */
function keyOf(revision: Revision): string {
  return `${revision.rev}:${revision.path}${UNREGISTERED_REASON in revision.trailers ? ':uregistrert' : ''}`;
}

function keep<T>(map: Map<string, T>, key: string, value: T, limit: number): void {
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as string);
}
