import { isIsoDate, today, typeDateAs } from '../format/dates.js';
import { isValidId } from '../format/ids.js';
import { invisibleCharacterProblem, normalizeText } from '../format/input.js';
import type { PlainMessage } from '../format/messages.js';
import { readFileMetaFast } from '../format/stored/front-matter.js';
import type { Agreement, AgreementMeta, Clause } from '../format/types.js';
import { formatDate } from '../format/wording.js';
import { AtHead } from '../store/at-head.js';
import { agreementPath, idOfPath } from '../store/layout.js';
import { type Revision, type Store, StoreError } from '../store/store.js';
import { GjerdeError, parameterError } from './errors.js';
import { applyEditLifecycle, checkReasonText, type EditNote } from './lifecycle.js';
import { type MergeConflict, mergeThreeWay } from './merge.js';
import { type AgreementHistory, type Overlap, type StoredMeta, umbrellaOverlaps } from './overlaps.js';
import { type ParentOwnerConflict, parentOwnerConflicts } from './parent-owners.js';
import {
  maskedNationalIdMessages,
  nationalIdMessages,
  personalDataMessage,
  refuseNationalId,
} from './personal-data.js';
import { maskStoredNationalIds, saveVerdict } from './personal-data-shown.js';
import { periodOf, restoredVersions } from './restored-text.js';
import { withheldText } from './stored.js';
import { type PeriodHead, StoredVersions } from './stored-versions.js';
import { syncConflictReach } from './sync-conflict.js';
import { judgeHistory, mayHoldWithdrawn, recordsApproval } from './text-approval.js';
import { isApproved, mayGovern, versionInForce } from './validity.js';
import { vouchedContent } from './vouched-content.js';

/** One saved version of an agreement: the file at one revision, parsed. */
export interface AgreementVersion {
  id: string;
  revision: Revision;
  markdown: string;
  agreement: Agreement;
  /**
   * Whether the validator accepts the file and it is where its agreement belongs. A version committed
   * outside Gjerde may be neither; it is shown with its problems and is never in force.
   */
  valid: boolean;
  /** Why it is not valid: the validator's errors (line, column) and where the file should be. */
  problems: PlainMessage[];
  /**
   * Set by `versions()`: an unrecorded text a later version of the file withdrew, never in force again
   * (src/domain/text-approval.ts, `withdrawnUnrecorded`).
   */
  withdrawn?: boolean;
  /**
   * Set by `versions()`: the approved version this commit put back byte for byte (a `git revert`), which is
   * in force in its place (src/domain/restored-text.ts).
   */
  restores?: Revision;
}

export interface AgreementSummary {
  id: string;
  /** The latest saved version (may be a draft). */
  latest: AgreementVersion;
  /** The version in force today, if any. */
  inForce?: AgreementVersion;
  /**
   * The saved versions an approval round (`approvalRound`) and a synchronization conflict
   * (`openSyncConflict`) read, newest first: back to the last approved version before the latest (every
   * version when there is none), and further when a conflict's changes reach further.
   */
  versions: AgreementVersion[];
}

export interface Author {
  name: string;
  email: string;
}

export interface SaveOptions {
  author: Author;
  reason: string;
  expectedId?: string;
  /** The revision the edit started from (a commit id, 7–40 hex characters). */
  baseRev?: string;
  /**
   * Throws if the person may not change the agreement as it is now (undefined: new) or save it with the
   * metadata the parser read from the edit; run inside the save lock.
   */
  authorize?: (latest: AgreementMeta | undefined, saving: AgreementMeta) => void;
}

export interface SaveResult {
  version: AgreementVersion;
  /** The version saved since the edit's base that the edit was merged with. */
  mergedWith?: AgreementVersion;
  /** What the edit did to the lifecycle: a new draft of an approved version, or back to draft. */
  note?: EditNote;
}

/**
 * Saving on a stale base with overlapping changes: nothing is saved. Carries both versions and the
 * conflicting lines, so the person can resolve them.
 */
export class MergeConflictError extends GjerdeError {
  constructor(
    readonly base: AgreementVersion,
    readonly theirs: AgreementVersion,
    readonly yours: string,
    readonly conflicts: MergeConflict[],
    messages: PlainMessage[] = [],
  ) {
    super(
      'conflict',
      conflicts.length > 0
        ? `${theirs.revision.author.name} har lagret endringer i de samme linjene siden du begynte. Ingenting er lagret: velg hva som skal stå.`
        : `Endringene dine og endringene ${theirs.revision.author.name} har lagret siden du begynte, gir til sammen en avtale med feil. Ingenting er lagret: se over begge versjonene.`,
      { messages },
    );
    this.name = 'MergeConflictError';
  }
}

/**
 * Agreements as the domain sees them: versions read from the store and parsed, each only as far as the
 * question needs (stored-versions.ts).
 */
/** A valid agreement text as it is saved: its canonical form and its metadata. */
export interface Saveable {
  canonical: string;
  meta: AgreementMeta;
}

/**
 * The validator's verdict on a text, computed elsewhere (the check pool's worker threads); for a valid text
 * also what saving it needs, so the saving thread does not parse it again.
 */
export interface TextScreen {
  validate(markdown: string): Promise<{ ok: boolean; messages: PlainMessage[]; saveable?: Saveable }>;
}

/**
 * The approved, valid versions of an agreement that another reader has already judged (the lookup's index,
 * which reads every version as it builds), by commit: none when it has judged none yet.
 */
export type JudgedVersions = (id: string) => ReadonlyMap<string, AgreementMeta>;

export class Agreements {
  private readonly stored: StoredVersions;
  private readonly savedListeners: ((version: AgreementVersion) => void)[] = [];
  /** The tail of each agreement's save queue. */
  private readonly locks = new Map<string, Promise<unknown>>();
  /** The umbrella agreements' histories as of one HEAD. */
  private readonly umbrellas: AtHead<AgreementHistory[]>;
  private overlaps?: { histories: AgreementHistory[]; overlaps: Overlap[] };
  /**
   * Each agreement's newest metadata (`latestMetas`) and whether it is an umbrella agreement (overlaps),
   * with the blob of its file at HEAD they were read from.
   */
  private readonly latest = new Map<
    string,
    { blob: string; meta: AgreementMeta | undefined; umbrella: boolean }
  >();
  /** The last read of `latest`, settled. */
  private latestRead: Promise<unknown> = Promise.resolve();

  /**
   * `screen`: the validator's verdict computed off the event loop (the check pool): a text about to be
   * saved is refused there when it has errors, before this thread parses it. `judged`: versions whose
   * verdict is known already, which overlaps then do not read whole.
   */
  constructor(
    private readonly store: Store,
    private readonly screen?: TextScreen,
    private readonly judged?: JudgedVersions,
  ) {
    this.stored = new StoredVersions(store);
    this.umbrellas = new AtHead(store, () => this.readUmbrellaHistories());
  }

  /** Calls `listener` with every version saved from now on, right after its commit. */
  onSaved(listener: (version: AgreementVersion) => void): void {
    this.savedListeners.push(listener);
  }

  async ids(): Promise<string[]> {
    const paths = await this.store.listFiles();
    return paths
      .map(idOfPath)
      .filter((id): id is string => id !== undefined)
      .sort();
  }

  /**
   * The sub-agreements (`type: del`) in force on a date, each with its umbrella agreement (`overordnet`)
   * and its clauses: what an umbrella leaves to them, they settle (its coverage counts them).
   */
  async subAgreementsInForce(date = today()): Promise<{ id: string; parent: string; clauses: Clause[] }[]> {
    return (await this.summaries(date)).flatMap(({ inForce }) => {
      const meta = inForce?.agreement.meta;
      return inForce && meta?.kind === 'del' && meta.parent
        ? [{ id: meta.id, parent: meta.parent, clauses: inForce.agreement.clauses }]
        : [];
    });
  }

  /**
   * Every agreement with its latest version, the one in force on the date and those its approval round
   * reads. The histories come from one `git log`; of the other versions only status and validity period
   * are read (from the front matter), so a national history is not parsed whole for a list.
   */
  async summaries(date = today()): Promise<AgreementSummary[]> {
    const ids = await this.ids();
    const histories = await this.store.histories(ids.map((id) => agreementPath({ id })));
    // Newest commit first across all agreements, the order git packed them in: one agreement's history at
    // a time makes git walk the same directory trees again and again (lookup/build.ts measured 5×).
    const newestFirst = [...histories.values()]
      .flat()
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    await this.stored.heads(newestFirst);
    const summaries = await Promise.all(
      ids.map((id) => this.summary(id, histories.get(agreementPath({ id })) ?? [], date)),
    );
    return summaries.filter((summary) => summary !== undefined);
  }

  /**
   * Every agreement's newest metadata, as `summaries()` gives each `latest`: what the party directory reads
   * (src/access/party-grants.ts), again whenever HEAD moves. The newest version of a file is the file at
   * HEAD, so no history is walked (at start, a walk of every agreement's history and a whole read of each
   * newest version were most of what this read held), and each agreement's is read again only when its
   * blob changed: after a save one file is read, not every agreement.
   */
  async latestMetas(): Promise<AgreementMeta[]> {
    return (await this.readLatest()).flatMap((latest) => latest?.meta ?? []);
  }

  /**
   * Each agreement's file at HEAD as `latestMetas` and overlaps read it, in the order of `ids()`. One read
   * at a time: the party directory and overlaps start together, and each read every file (≈13 MB of RSS
   * on the benchmark corpus); the second now finds the first's.
   */
  private readLatest(): ReturnType<Agreements['readLatestNow']> {
    const read = this.latestRead.then(() => this.readLatestNow());
    this.latestRead = read.catch(() => undefined);
    return read;
  }

  private async readLatestNow() {
    const ids = await this.ids();
    const blobs = new Map((await this.store.listTree()).map(({ path, blob }) => [path, blob]));
    const read = await Promise.all(
      ids.map(async (id) => {
        const path = agreementPath({ id });
        const blob = blobs.get(path);
        if (!blob) return undefined;
        const kept = this.latest.get(id);
        if (kept?.blob === blob) return { id, ...kept };
        const markdown = await this.store.readBlob(blob);
        const latest = {
          blob,
          meta: markdown === undefined ? undefined : this.stored.metaOf(path, markdown),
          umbrella: markdown !== undefined && readFileMetaFast(markdown).meta.kind === 'ramme',
        };
        this.latest.set(id, latest);
        return { id, ...latest };
      }),
    );
    const present = new Set(ids);
    for (const id of this.latest.keys()) if (!present.has(id)) this.latest.delete(id);
    return read;
  }

  private async summary(
    id: string,
    history: Revision[],
    date: string,
  ): Promise<AgreementSummary | undefined> {
    const heads = await this.stored.heads(history);
    const whole = async (index: number) =>
      (await this.stored.version(id, (heads[index] as PeriodHead).revision)) as AgreementVersion;
    if (heads.length === 0) return undefined;
    const latest = await whole(0);
    // What approvalRound reads (back to the first approved version after the latest) and what
    // openSyncConflict reads.
    const approvedAt = heads.findIndex((head, index) => index > 0 && isApproved(head.period));
    const reach = Math.max(
      approvedAt > 0 ? approvedAt + 1 : heads.length,
      syncConflictReach(heads.map((head) => head.revision)),
    );
    const versions = [latest];
    for (let index = 1; index < reach; index += 1) versions.push(await whole(index));
    const inForceHead = await this.stored.inForce(id, heads, date);
    if (!inForceHead) return { id, latest, versions };
    // Only a version whose commit records no approval, with approved versions after it, may be withdrawn, and
    // only one with an earlier approved file the same may be that version put back: then the whole history is
    // judged (rare; otherwise three lines of each front matter suffice).
    if (
      !recordsApproval(inForceHead.revision.trailers) &&
      (approvedAfter(heads, inForceHead) || (await this.mayRestore(heads, inForceHead)))
    ) {
      const inForce = versionInForce(await this.versions(id), date);
      return inForce ? { id, latest, inForce, versions } : { id, latest, versions };
    }
    const inForce = inForceHead === heads[0] ? latest : await whole(heads.indexOf(inForceHead));
    return { id, latest, inForce, versions };
  }

  /**
   * Whether `head` may put an earlier approved version back byte for byte (src/domain/restored-text.ts): an
   * earlier version that may govern has its period and its file.
   */
  private async mayRestore(heads: readonly PeriodHead[], head: PeriodHead): Promise<boolean> {
    const period = periodOf(head.period);
    for (const earlier of heads.slice(heads.indexOf(head) + 1)) {
      if (!mayGovern(earlier.period) || periodOf(earlier.period) !== period) continue;
      if (await this.stored.sameFile(earlier.revision, head.revision)) return true;
    }
    return false;
  }

  /**
   * The approved version the commit `rev` put back byte for byte (src/domain/restored-text.ts), if it did.
   * The lookup's index keeps no file bytes, so its answers ask here. A commit that records an approval, or
   * whose period and file no earlier version that may govern has, is answered from the history walk alone.
   */
  async versionPutBackBy(id: string, rev: string): Promise<Revision | undefined> {
    const history = await this.store.history(agreementPath({ id: checkId(id) }));
    const revision = history.find((candidate) => candidate.rev === rev);
    if (!revision || recordsApproval(revision.trailers)) return undefined;
    const heads = await this.stored.heads(history);
    const head = heads.find((candidate) => candidate.revision.rev === rev);
    if (!head || !(await this.mayRestore(heads, head))) return undefined;
    return (await this.versions(id)).find((version) => version.revision.rev === rev)?.restores;
  }

  /**
   * The umbrella agreements (latest version `type: ramme`) with the metadata of every saved version that
   * may be in force (approved, valid), newest first: what overlaps are read from (a version that is not
   * approved never governs, so it changes no overlap). Kept until HEAD moves, whoever moves it.
   */
  umbrellaHistories(): Promise<AgreementHistory[]> {
    return this.umbrellas.read();
  }

  /**
   * Every stretch of days on which two approved umbrella agreements of one county are both in force; worked
   * out once per reading of the histories (every lookup answer asks: ≈4 ms each on the benchmark corpus).
   */
  /** Part agreements giving a clause another owner than their umbrella agreement (parent-owners.ts). */
  async parentOwnerConflicts(): Promise<ParentOwnerConflict[]> {
    return parentOwnerConflicts(await this.summaries());
  }

  async umbrellaOverlaps(): Promise<Overlap[]> {
    const histories = await this.umbrellaHistories();
    if (this.overlaps?.histories !== histories)
      this.overlaps = { histories, overlaps: umbrellaOverlaps(histories) };
    return [...this.overlaps.overlaps];
  }

  private async readUmbrellaHistories(): Promise<AgreementHistory[]> {
    // The files as HEAD has them first (read once for the party directory too): only an umbrella
    // agreement's history is read.
    const umbrellas = (await this.readLatest()).flatMap((latest) => (latest?.umbrella ? [latest.id] : []));
    // One walk of the history for all of them, not one `git log` each.
    const revisions = await this.store.histories(umbrellas.map((id) => agreementPath({ id })));
    const histories: AgreementHistory[] = [];
    for (const id of umbrellas) {
      // Each version whole was 591 reads on the benchmark corpus, ≈27 MB of RSS an idle service kept: the
      // lookup's index has judged every approved version up to its HEAD, so only the others are read.
      const judged = this.judged?.(id);
      const stamped: { revision: Revision; stamp: StoredMeta }[] = [];
      for (const revision of revisions.get(agreementPath({ id })) ?? []) {
        const meta = judged?.get(revision.rev);
        const stamp = meta ? { meta, valid: true } : await this.stored.governingStamp(id, revision);
        if (stamp) stamped.push({ revision, stamp });
      }
      const withdrawn = await this.withdrawnAmong(id, stamped);
      histories.push({
        id,
        versions: stamped.map(({ revision, stamp }) =>
          withdrawn.has(revision.rev) ? { ...stamp, withdrawn: true } : stamp,
        ),
      });
    }
    return histories;
  }

  /**
   * The revisions among an agreement's approved versions (newest first) that a later commit withdrew, by
   * `versions()`: read whole only when the commits say one can be (`mayHoldWithdrawn`; rare).
   */
  private async withdrawnAmong(
    id: string,
    approved: readonly { revision: Revision; stamp: StoredMeta }[],
  ): Promise<Set<string>> {
    const recorded = approved.flatMap(({ revision, stamp }) =>
      stamp.valid ? [recordsApproval(revision.trailers)] : [],
    );
    if (!mayHoldWithdrawn(recorded)) return new Set();
    return new Set(
      (await this.versions(id)).flatMap((version) => (version.withdrawn ? [version.revision.rev] : [])),
    );
  }

  /** Every saved version of an agreement, newest first. */
  async versions(id: string): Promise<AgreementVersion[]> {
    const history = await this.store.history(agreementPath({ id: checkId(id) }));
    if (history.length === 0) throw notFound(id);
    const versions: AgreementVersion[] = [];
    for (const revision of history) {
      const version = await this.versionAt(id, revision);
      if (version) versions.push(version);
    }
    const judged = await judgeHistory(
      versions.map((version) => ({
        revision: version.revision,
        approved: version.valid && isApproved(version.agreement.meta),
        validFrom: version.agreement.meta.validFrom,
        content: () => vouchedContent(version.agreement),
      })),
    );
    versions.forEach((version, position) => {
      version.withdrawn = judged[position]?.withdrawn ?? false;
    });
    const restored = await restoredVersions(
      versions.map((version) => ({
        revision: version.revision,
        governs: version.valid && !version.withdrawn && mayGovern(version.agreement.meta),
        period: periodOf(version.agreement.meta),
        text: () => version.markdown,
      })),
    );
    versions.forEach((version, position) => {
      const restores = restored[position];
      if (restores) version.restores = restores;
      else delete version.restores;
    });
    return versions;
  }

  /** The latest version, the one at a revision, or the one in force on a date. */
  async get(id: string, options: { rev?: string; at?: string } = {}): Promise<AgreementVersion> {
    const versions = await this.versions(id);
    if (options.rev !== undefined) {
      const rev = options.rev;
      if (!/^[0-9a-f]{4,40}$/.test(rev)) {
        throw parameterError(
          'invalid-input',
          'rev',
          `Ugyldig revisjon: «${rev.slice(0, 60)}»`,
          `«${rev.slice(0, 60)}» er ikke en gyldig revisjon (skriv commit-id-en med 4–40 tegn 0–9 og a–f).`,
        );
      }
      const version = versions.find((candidate) => candidate.revision.rev.startsWith(rev));
      if (!version)
        throw parameterError(
          'not-found',
          'rev',
          `Ingen revisjon «${rev}»`,
          `Avtalen «${id}» har ingen revisjon «${rev}».`,
        );
      return version;
    }
    if (options.at !== undefined) {
      const shown = String(options.at).slice(0, 60);
      if (!isIsoDate(options.at)) {
        throw parameterError(
          'invalid-input',
          'at',
          `Ugyldig dato: «${shown}»`,
          `«${shown}» er ikke en gyldig dato. ${typeDateAs}`,
        );
      }
      const version = versionInForce(versions, options.at);
      if (!version)
        throw parameterError(
          'not-found',
          'at',
          `Ikke i kraft ${formatDate(options.at)}`,
          `Avtalen «${id}» var ikke i kraft ${formatDate(options.at)}: ingen godkjent versjon gjaldt den dagen. Velg en annen dato.`,
        );
      return version;
    }
    return versions[0] as AgreementVersion;
  }

  /**
   * The text an editor opens of a version: its Markdown, or, when the stored file is withheld for a
   * fødselsnummer, the stored file with each number masked, so that it can be corrected in Gjerde.
   */
  async textToEdit(version: AgreementVersion): Promise<string> {
    if (version.markdown !== withheldText) return version.markdown;
    return maskStoredNationalIds(await this.storedText(version));
  }

  /** The file as stored at a version, also one withheld from view: what a save replaces. */
  private async storedText(version: AgreementVersion): Promise<string> {
    if (version.markdown !== withheldText) return version.markdown;
    return (await this.store.readRevision(version.revision)) ?? version.markdown;
  }

  /** Saves a new agreement, always a draft; an id already in use is refused, never overwritten. */
  async create(markdown: string, options: { author: Author; reason: string }): Promise<AgreementVersion> {
    // Personal data is refused first, whatever else is wrong (docs/api.md).
    refuseNationalId(String(options.reason));
    const { canonical, meta } = await this.saveable(markdown);
    const { id } = meta;
    checkReason(options.reason);
    applyEditLifecycle(markdown, meta, undefined, undefined);
    return this.exclusive(id, async () => {
      if ((await this.store.history(agreementPath({ id }))).length > 0) {
        throw new GjerdeError('conflict', `Det finnes allerede en avtale med id «${id}». Velg en annen id.`);
      }
      return this.commit(id, canonical, options.author, options.reason, null);
    });
  }

  /** Validates, writes in canonical form and commits one new version. Nothing is written when it has errors. */
  async save(markdown: string, options: SaveOptions): Promise<AgreementVersion> {
    return (await this.edit(markdown, options)).version;
  }

  /**
   * Saves an edit. With `baseRev` (the revision the edit started from), an agreement that has moved since
   * is merged three-way by lines; overlapping changes are refused with both versions
   * ({@link MergeConflictError}), so nobody's work is overwritten. The lifecycle decides the status: an
   * edit is a draft, and an approved version is never edited in place (the edit is a new draft).
   * Saves of one agreement are serialized; saves of different agreements never conflict.
   */
  async edit(markdown: string, options: SaveOptions): Promise<SaveResult> {
    refuseNationalId(String(options.reason));
    const { canonical: yours, meta } = await this.saveable(markdown);
    const { id } = meta;
    if (options.expectedId !== undefined && id !== options.expectedId) {
      throw new GjerdeError(
        'invalid-input',
        `Avtalens id kan ikke endres (var «${options.expectedId}», er nå «${id}»).`,
      );
    }
    checkReason(options.reason);
    return this.exclusive(id, () =>
      retryWhenMoved(async () => {
        const versions =
          (await this.store.history(agreementPath({ id }))).length > 0 ? await this.versions(id) : [];
        const latest = versions[0];
        options.authorize?.(latest?.agreement.meta, meta);
        if (!latest) {
          if (options.baseRev !== undefined) throw notFound(id);
          return { version: await this.commit(id, yours, options.author, options.reason, null) };
        }
        const base = options.baseRev === undefined ? latest : findRevision(versions, id, options.baseRev);
        let merged = yours;
        let mergedWith: AgreementVersion | undefined;
        if (base !== latest) {
          merged = await this.mergeEdit(base, latest, yours);
          mergedWith = latest;
        }
        if (merged === latest.markdown) {
          throw new GjerdeError(
            'invalid-input',
            'Ingen endring å lagre: teksten er lik den som allerede er lagret.',
          );
        }
        const lifecycle = applyEditLifecycle(merged, meta, base.agreement.meta, latest.agreement.meta);
        const version = await this.commit(
          id,
          lifecycle.markdown,
          options.author,
          options.reason,
          await this.storedText(latest),
        );
        const result: SaveResult = { version };
        if (mergedWith) result.mergedWith = mergedWith;
        if (lifecycle.note) result.note = lifecycle.note;
        return result;
      }),
    );
  }

  /**
   * Commits a change computed from the latest version (sending to approval, an approval), serialized
   * with the agreement's other saves. With `expectedRev`, the change is refused if the agreement has
   * moved since the person saw it: they approve exactly the text they read.
   */
  async change(
    id: string,
    options: {
      author: Author;
      expectedRev?: string;
      /** The change, from the latest version and every saved version (newest first). */
      build: (
        latest: AgreementVersion,
        versions: AgreementVersion[],
      ) => { markdown: string; message: string };
    },
  ): Promise<AgreementVersion> {
    return this.exclusive(checkId(id), () =>
      retryWhenMoved(async () => {
        const versions = await this.versions(id);
        const latest = versions[0];
        if (!latest) throw notFound(id);
        if (options.expectedRev !== undefined && !isSameRevision(latest.revision.rev, options.expectedRev)) {
          throw new GjerdeError(
            'conflict',
            `Avtalen er endret siden du åpnet den (siste versjon er lagret ${latest.revision.date.slice(0, 10)} av ${latest.revision.author.name}). Les den nye versjonen og prøv igjen.`,
          );
        }
        const { markdown, message } = options.build(latest, versions);
        // The message carries what people typed (a comment, a reason): it is history too.
        refuseNationalId(message);
        const invisible = invisibleCharacterProblem(message, 'Kommentaren');
        if (invisible) throw new GjerdeError('invalid-input', invisible);
        const { canonical, meta } = checkSaveable(markdown);
        if (meta.id !== id) throw new Error(`A change to ${id} changed its id.`);
        return this.commit(id, canonical, options.author, message, await this.storedText(latest));
      }),
    );
  }

  /** The text normalised and read, refused with its errors as `checkSaveable` refuses it. */
  private async saveable(markdown: string): Promise<Saveable> {
    const text = normalizeText(markdown);
    checkText(text);
    const read = await this.read(text);
    if (!read.ok) throw invalidAgreement(read.messages);
    return read.saveable;
  }

  /** A text read by the screen (off this thread), or here when there is none. */
  private async read(
    text: string,
  ): Promise<{ ok: true; saveable: Saveable } | { ok: false; messages: PlainMessage[] }> {
    const verdict = (await this.screen?.validate(text)) ?? saveVerdict(text);
    if (!verdict.ok) {
      refusePersonalData(verdict.messages);
      return { ok: false, messages: verdict.messages };
    }
    if (verdict.saveable) return { ok: true, saveable: verdict.saveable };
    return { ok: true, saveable: checkSaveable(text) };
  }

  /** The edit merged with what was saved since its base; a conflict or an invalid result saves nothing. */
  private async mergeEdit(base: AgreementVersion, theirs: AgreementVersion, yours: string): Promise<string> {
    const result = mergeThreeWay(base.markdown, theirs.markdown, yours);
    if (!result.clean) throw new MergeConflictError(base, theirs, yours, result.conflicts);
    refuseNationalId(result.text);
    const read = await this.read(result.text);
    if (!read.ok) throw new MergeConflictError(base, theirs, yours, [], read.messages);
    return read.saveable.canonical;
  }

  /**
   * Runs `task` after every earlier task of the same `key`, for a save that depends on what other saves made (a
   * county's one own agreement replacing a dissolved county's: decided and saved as one step). A key has a `:`,
   * which no agreement id has, so it never waits for an agreement's own queue, nor a save inside it for itself.
   */
  oneAtATime<T>(key: `${string}:${string}`, task: () => Promise<T>): Promise<T> {
    return this.exclusive(key, task);
  }

  /** One save at a time per agreement; different agreements run freely (the store serializes commits). */
  private exclusive<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(id) ?? Promise.resolve();
    const run = previous.then(task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(id, tail);
    void tail.then(() => {
      if (this.locks.get(id) === tail) this.locks.delete(id);
    });
    return run;
  }

  /** Commits the file, refused if it is no longer `previous` (null: it must not exist yet). */
  private async commit(
    id: string,
    markdown: string,
    author: Author,
    message: string,
    previous: string | null,
  ): Promise<AgreementVersion> {
    let revision: Revision;
    try {
      revision = await this.store.commitFile(agreementPath({ id }), markdown, {
        author,
        reason: message,
        expectedPrevious: previous,
      });
    } catch (error) {
      if (error instanceof StoreError && error.code === 'stale-head') throw new FileMoved(error);
      throw fromStoreError(error);
    }
    const version = await this.versionAt(id, revision);
    if (!version) throw new Error(`The saved version of ${id} could not be read back.`);
    for (const listener of this.savedListeners) listener(version);
    return version;
  }

  /** The version at a revision; undefined for the commit that deleted the file. */
  private versionAt(id: string, revision: Revision): Promise<AgreementVersion | undefined> {
    return this.stored.version(id, revision);
  }
}

function checkId(id: string): string {
  if (!isValidId(id)) {
    throw new GjerdeError(
      'invalid-input',
      `«${String(id).slice(0, 60)}» er ikke en gyldig avtale-id (små bokstaver a–z, tall og bindestrek).`,
    );
  }
  return id;
}

function isSameRevision(rev: string, given: string): boolean {
  return /^[0-9a-f]{7,40}$/.test(given) && rev.startsWith(given);
}

/** The version an edit started from; it must be one of the agreement's own revisions. */
/** Whether an approved version was saved after `head` (`heads` newest first). */
function approvedAfter(heads: readonly PeriodHead[], head: PeriodHead): boolean {
  return heads.slice(0, heads.indexOf(head)).some((later) => isApproved(later.period));
}

function findRevision(versions: AgreementVersion[], id: string, baseRev: string): AgreementVersion {
  if (typeof baseRev !== 'string' || !/^[0-9a-f]{7,40}$/.test(baseRev)) {
    throw new GjerdeError(
      'invalid-input',
      'Utgangsversjonen («baseRev») må være en revisjon av avtalen (commit-id med 7–40 tegn 0–9 og a–f).',
    );
  }
  const base = versions.find((version) => version.revision.rev.startsWith(baseRev));
  if (!base)
    throw new GjerdeError('not-found', `Avtalen «${id}» har ingen revisjon «${baseRev}» å starte fra.`);
  return base;
}

/** A reason a person may give for a change (also for each revision `gjerde import` brings in). */
export function checkReason(reason: unknown): void {
  if (typeof reason !== 'string' || !reason.trim()) {
    throw new GjerdeError('invalid-input', 'Skriv en begrunnelse for endringen.');
  }
  if (reason.length > 2000) throw new GjerdeError('invalid-input', 'Begrunnelsen kan ha høyst 2000 tegn.');
  refuseNationalId(reason);
  const invisible = invisibleCharacterProblem(reason, 'Begrunnelsen');
  if (invisible) throw new GjerdeError('invalid-input', invisible);
  checkReasonText(reason);
}

/** The file changed between reading it and committing (e.g. a synchronization merged in between). */
class FileMoved extends Error {
  constructor(readonly storeError: StoreError) {
    super(storeError.message);
  }
}

/** Reads, merges and commits again when the file moved underneath; a few times, then reports a conflict. */
async function retryWhenMoved<T>(task: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task();
    } catch (error) {
      if (!(error instanceof FileMoved)) throw error;
      if (attempt >= 3) throw new GjerdeError('conflict', error.storeError.message);
    }
  }
}

/** The store's refusals, as the domain reports them. */
function fromStoreError(error: unknown): unknown {
  if (!(error instanceof StoreError)) return error;
  switch (error.code) {
    case 'no-change':
    case 'reason-required':
    case 'invalid-input':
    case 'invalid-path':
    case 'invalid-revision':
      return new GjerdeError('invalid-input', error.message);
    case 'stale-head':
      return new GjerdeError('conflict', error.message);
    case 'not-found':
      return new GjerdeError('not-found', error.message);
  }
  return error;
}

function notFound(id: string): GjerdeError {
  return new GjerdeError('not-found', `Fant ingen avtale med id «${id}».`);
}

/**
 * Invisible characters that are not text (everything below a space except tab and line feed, and DEL),
 * and U+FFFD, which stands for bytes that could not be read as UTF-8.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/;

/** What a text must be before it is parsed for saving: free of personal data and of control characters. */
function checkText(markdown: string): void {
  const nationalIds = [...nationalIdMessages(markdown), ...maskedNationalIdMessages(markdown)];
  if (nationalIds.length > 0)
    throw new GjerdeError('personal-data', personalDataMessage, { messages: nationalIds });
  if (controlCharacters.test(markdown)) {
    throw new GjerdeError(
      'invalid-agreement',
      'Avtaleteksten inneholder kontrolltegn eller tegn som ikke kunne leses (ugyldig UTF-8). Fjern dem og prøv igjen.',
    );
  }
}

function invalidAgreement(messages: PlainMessage[]): GjerdeError {
  return new GjerdeError('invalid-agreement', 'Avtalen har feil og er ikke lagret.', { messages });
}

/** A refusal as personal data (422, nothing else said) when a message is about a fødselsnummer. */
function refusePersonalData(messages: PlainMessage[]): void {
  const nationalIds = messages.filter((message) => message.rule === 'personal-data');
  if (nationalIds.length > 0)
    throw new GjerdeError('personal-data', personalDataMessage, { messages: nationalIds });
}

/** A file that may be saved: valid, and free of personal data as written and as read; what saving writes. */
export function checkSaveable(markdown: string): Saveable {
  checkText(markdown);
  const verdict = saveVerdict(markdown);
  refusePersonalData(verdict.messages);
  if (!verdict.saveable) throw invalidAgreement(verdict.messages);
  return verdict.saveable;
}
