import type { Clause } from '../format/types.js';
import { clauseVerdict, formatDate, list } from '../format/wording.js';
import type { Revision } from '../store/store.js';
import type { AgreementSummary, Agreements, AgreementVersion } from './agreements.js';
import { approvedTrailer, parseApproval } from './approvals.js';
import { isApproved } from './validity.js';
import { changedParts, type VouchedPart, vouchedContent, vouchedParts } from './vouched-content.js';

/**
 * Whether the text an approved version answers from is a text the parties approved (docs/format.md, «Samme
 * tekst»). `status: godkjent` is a line anyone with git can keep while changing the clauses beside it; what
 * only an approval writes is the `Godkjent-av:` trailers on the commit that completed it. A version with
 * `status: godkjent` answers as agreed only when what an approval vouches for (its clause content and the
 * front matter src/domain/vouched-content.ts names: parties, county, period, escalation, contacts, …) is
 * that of the last recorded approval before it in its file's history (renames followed); otherwise it is
 * an *unrecorded* text, and the lookup, the agreement's pages and `gjerde verify` say so.
 *
 * Clause content is what the lookup answers from, read by the format's own rules, so that what does not
 * change an answer does not count: the clauses by id (their order in the file is not content), each with
 * title, status, owner, supporting parties, ages, situations, keywords (as sets where the format reads
 * sets), legal basis, cost shares, contact, escalation and body, the body's whitespace folded within
 * paragraphs. The front matter, the text outside the clauses, the file's place and its formatting are not
 * clause content (vouched-content.ts adds the front matter an approval vouches for).
 */

/** Each clause's part, kept per clause object: the lookup index shares an unchanged clause between versions. */
const clauseParts = new WeakMap<Clause, string>();

/** The agreed clause content of a version, as one string: equal strings are the same text. */
export function clauseContent(clauses: readonly Clause[]): string {
  return `[${[...clauses]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(clausePart)
    .join(',')}]`;
}

function clausePart(clause: Clause): string {
  let part = clauseParts.get(clause);
  if (part === undefined) {
    const sorted = (values: readonly string[]) => [...values].sort();
    part = JSON.stringify([
      clause.id,
      clause.title.trim(),
      clause.status,
      clause.owner ?? null,
      sorted(clause.supporting),
      clause.ages ? [clause.ages.min ?? null, clause.ages.max ?? null] : null,
      sorted(clause.facets),
      sorted(clause.keywords),
      clause.legalBasis ?? null,
      (clause.costShares ?? []).map((share) => JSON.stringify(share)).sort(),
      clause.contact ?? null,
      clause.escalation ?? null,
      foldedBody(clause.markdown),
    ]);
    clauseParts.set(clause, part);
  }
  return part;
}

/** Paragraphs kept apart, whitespace inside one folded: re-wrapping a paragraph is not a change. */
function foldedBody(markdown: string): string[] {
  return markdown
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '');
}

/** Whether a commit recorded the parties' approval of its version: a readable `Godkjent-av:` trailer. */
export function recordsApproval(trailers: Readonly<Record<string, readonly string[]>>): boolean {
  return (trailers[approvedTrailer] ?? []).some((value) => parseApproval(value) !== undefined);
}

/** An approved version whose vouched-for content (src/domain/vouched-content.ts) no recorded approval gave. */
export interface UnrecordedText<R> {
  /** The commit that made this content: the first approved version with it since `approved`. */
  changedIn: R;
  /** The last recorded approval before it (another text); undefined when none is recorded at all. */
  approved?: R;
  /** What differs from `approved` (clauses, parties, county, period, …); absent when none is recorded. */
  changed?: VouchedPart[];
}

/** An approved version as the trace reads it; `content` is asked only when the answer needs it. */
export interface TracedVersion<R> {
  revision: R;
  recorded: boolean;
  content: () => string;
}

/** Where a trace stopped, to go on with the versions committed since (the lookup index follows HEAD). */
export interface TraceState<R> {
  approved?: { revision: R; content: () => string };
  previous?: { content: () => string; finding: UnrecordedText<R> | undefined };
}

/**
 * Each approved version's finding, oldest first: undefined when its approval is recorded or its clause
 * content is that of the last recorded approval before it. Consecutive versions with one unrecorded text
 * share the commit that changed it.
 */
export function traceTextApprovals<R>(
  versions: readonly TracedVersion<R>[],
  start: TraceState<R> = {},
): { findings: (UnrecordedText<R> | undefined)[]; state: TraceState<R> } {
  const state: TraceState<R> = { ...start };
  const findings = versions.map((version) => {
    let finding: UnrecordedText<R> | undefined;
    if (version.recorded) {
      state.approved = { revision: version.revision, content: version.content };
    } else if (!state.approved || state.approved.content() !== version.content()) {
      const previous = state.previous?.finding;
      const sameChange = previous !== undefined && state.previous?.content() === version.content();
      finding = { changedIn: sameChange ? previous.changedIn : version.revision };
      if (state.approved) {
        finding.approved = state.approved.revision;
        finding.changed = changedParts(state.approved.content(), version.content());
      }
    }
    state.previous = { content: version.content, finding };
    return finding;
  });
  return { findings, state };
}

/** An unrecorded text as the lookup's results and the agreement API give it (docs/api.md). */
export interface ApprovalWarning {
  message: string;
  detail: string;
  changedIn: { rev: string; date: string; author: string };
  /** The last recorded approval, of another text; null when none is recorded. */
  approved: { rev: string; date: string } | null;
  /** What differs from it (src/domain/vouched-content.ts: `clauses`, `parties`, `county`, `period`, …). */
  changed?: VouchedPart[];
  /** On a lookup result: its clause against the last approved text. */
  clause?: ClauseSinceApproval;
}

/**
 * One clause of an unrecorded text against the last approved text: whether it differs there, and what the
 * approved text said of it («Ansvarlig OT Sørholm»; null when the clause was not in it). A case worker reads
 * the owner of the changed clause beside the owner the parties signed, and the unchanged clauses as agreed.
 * A change outside the clauses (a party's name, the county, the period, `eskalering`, contact roles: what
 * src/domain/vouched-content.ts names) changes every clause's card, so then no clause reads as agreed.
 */
export interface ClauseSinceApproval {
  changed: boolean;
  lastApproved: string | null;
  /** What changed outside the clauses, in words («Fylke endret fra Dalheim til Fjordvik»), when anything did. */
  outside?: string[];
}

export function clauseSinceApproval(
  clauseId: string,
  current: Pick<AgreementVersion, 'agreement'>,
  approved: Pick<AgreementVersion, 'agreement'>,
): ClauseSinceApproval {
  const now = current.agreement.clauses.find((clause) => clause.id === clauseId);
  const then = approved.agreement.clauses.find((clause) => clause.id === clauseId);
  if (!then) return { changed: true, lastApproved: null };
  const verdict = clauseVerdict(then, approved.agreement);
  const outside = changedParts(
    vouchedContent({ ...approved.agreement, clauses: [] }),
    vouchedContent({ ...current.agreement, clauses: [] }),
  );
  return {
    changed: !now || clausePart(now) !== clausePart(then) || outside.length > 0,
    lastApproved: verdict.grey
      ? `Uavklart – ta saken til ${verdict.escalation}`
      : `Ansvarlig ${verdict.owner}`,
  };
}

/** The warning of a finding; null for a text whose approval is recorded. */
export function approvalWarning(finding: UnrecordedText<NamedRevision> | undefined): ApprovalWarning | null {
  if (!finding) return null;
  const { changedIn, approved } = finding;
  return {
    message: unrecordedMessage,
    detail: describeUnrecorded(finding),
    changedIn: { rev: changedIn.rev, date: changedIn.date, author: changedIn.author.name },
    approved: approved ? { rev: approved.rev, date: approved.date } : null,
    ...(finding.changed ? { changed: finding.changed } : {}),
  };
}

/** A version of a file's history as `unrecordedInHistory` reads it. */
export interface HistoryVersion<R> {
  revision: R & { trailers: Readonly<Record<string, readonly string[]>> };
  /** Whether it answers as approved (`status: godkjent`, valid). */
  approved: boolean;
  content: () => string | Promise<string>;
}

/**
 * The finding of each version of a history (newest first, as git log lists them): clause content is read
 * only when an approved version's approval is not recorded.
 */
export async function unrecordedInHistory<R>(
  versions: readonly HistoryVersion<R>[],
): Promise<(UnrecordedText<R> | undefined)[]> {
  const approved = versions.filter((version) => version.approved).reverse();
  const recorded = approved.map((version) => recordsApproval(version.revision.trailers));
  if (recorded.every(Boolean)) return versions.map(() => undefined);
  const contents = await Promise.all(approved.map((version) => version.content()));
  const { findings } = traceTextApprovals(
    approved.map((version, position) => ({
      revision: version.revision as R,
      recorded: recorded[position] as boolean,
      content: () => contents[position] as string,
    })),
  );
  const byVersion = new Map(approved.map((version, position) => [version, findings[position]]));
  return versions.map((version) => byVersion.get(version));
}

/** An approved version as `withdrawnUnrecorded` reads it. */
export interface WithdrawalCandidate {
  /** Its finding, if its text is unrecorded. */
  finding: UnrecordedText<unknown> | undefined;
  validFrom: string;
  content: () => string;
}

/**
 * Which approved versions (newest commit first) a later commit has withdrawn (docs/format.md, «Tekst uten
 * registrert godkjenning»). An unrecorded text counts only while every later approved version of its file
 * still has its clause content and its first day: once one does not (a revert, a correction, an amendment),
 * it never governs again, on any date. Otherwise `gyldig-fra` would keep it in force: a revert is placed by
 * its own, earlier first day, and the unrecorded version stayed in force after it. A text whose approval is
 * recorded is never withdrawn this way, nor one of a file with no recorded approval before it (a history
 * committed without approvals, as older migrations did): there every version is as unrecorded as the next,
 * and none is restored by withdrawing another.
 */
export function withdrawnUnrecorded(versions: readonly WithdrawalCandidate[]): boolean[] {
  const [newest] = versions;
  // While every later version is the newest one's text and first day, they all still contain it.
  let laterAllAlike = true;
  return versions.map((version) => {
    const alike =
      newest !== undefined &&
      version.validFrom === newest.validFrom &&
      version.content() === newest.content();
    const withdrawn = version.finding?.approved !== undefined && !(laterAllAlike && alike);
    if (!alike) laterAllAlike = false;
    return withdrawn;
  });
}

/**
 * Whether a history can hold a withdrawn text at all, read from commits alone: its approved versions, newest
 * first, each with whether its commit records an approval. Only a version whose approval is not recorded,
 * with a recorded approval before it and an approved version after it, can be withdrawn
 * (`withdrawnUnrecorded`), so a reader that chooses versions by date reads texts only for such a history.
 */
export function mayHoldWithdrawn(recorded: readonly boolean[]): boolean {
  const oldestRecorded = recorded.lastIndexOf(true);
  return recorded.some((isRecorded, position) => !isRecorded && position > 0 && position < oldestRecorded);
}

/**
 * Each version's finding and whether a later commit withdrew it (`withdrawnUnrecorded`), of a history newest
 * first; clause content is read only when some approved version's approval is not recorded.
 */
export async function judgeHistory<R>(
  versions: readonly (HistoryVersion<R> & { validFrom: string })[],
): Promise<{ finding: UnrecordedText<R> | undefined; withdrawn: boolean }[]> {
  const findings = await unrecordedInHistory(versions);
  if (findings.every((finding) => finding === undefined))
    return findings.map((finding) => ({ finding, withdrawn: false }));
  const approved = versions.flatMap((version, position) => (version.approved ? [position] : []));
  const contents = await Promise.all(
    approved.map((position) => (versions[position] as HistoryVersion<R>).content()),
  );
  const withdrawn = withdrawnUnrecorded(
    approved.map((position, index) => ({
      finding: findings[position],
      validFrom: (versions[position] as { validFrom: string }).validFrom,
      content: () => contents[index] as string,
    })),
  );
  const byPosition = new Map(approved.map((position, index) => [position, withdrawn[index] as boolean]));
  return findings.map((finding, position) => ({ finding, withdrawn: byPosition.get(position) ?? false }));
}

/** The finding of one version among an agreement's versions (newest first, read whole), by its commit. */
export async function unrecordedVersion(
  versions: readonly AgreementVersion[],
  rev: string,
): Promise<UnrecordedText<Revision> | undefined> {
  const findings = await unrecordedInHistory(
    versions.map((version) => ({
      revision: version.revision,
      approved: version.valid && isApproved(version.agreement.meta),
      content: () => vouchedContent(version.agreement),
    })),
  );
  return findings[versions.findIndex((version) => version.revision.rev === rev)];
}

/**
 * The finding of the one version a list or `gjerde show` gives of an agreement. Usually cheap: a version that
 * is no approved text, or whose own commit recorded the approval, needs no history; only otherwise are the
 * agreement's versions read, as `unrecordedVersion` reads them.
 */
export async function unrecordedShown(
  version: AgreementVersion,
  versions: () => Promise<readonly AgreementVersion[]>,
): Promise<UnrecordedText<Revision> | undefined> {
  if (!(version.valid && isApproved(version.agreement.meta))) return undefined;
  if (recordsApproval(version.revision.trailers)) return undefined;
  return unrecordedVersion(await versions(), version.revision.rev);
}

/**
 * Whether the approval of the version each listed agreement shows (the one in force, else the latest) is
 * recorded, by agreement id (src/domain/text-approval.ts); and, when it is, whether the latest commit's is:
 * an unrecorded version not in force today (a `gyldig-fra` moved into the past or the future by plain git)
 * answers for other dates, so the list and `/healthz` name it too.
 */
export async function listedApprovalWarnings(
  agreements: Agreements,
  summaries: readonly AgreementSummary[],
): Promise<Map<string, ApprovalWarning | null>> {
  const warnings = await Promise.all(
    summaries.map(async (summary) => {
      const versions = () => agreements.versions(summary.id);
      const shown = summary.inForce ?? summary.latest;
      const finding =
        (await unrecordedShown(shown, versions)) ??
        (summary.latest === shown ? undefined : await unrecordedShown(summary.latest, versions));
      return approvalWarning(finding);
    }),
  );
  return new Map(summaries.map((summary, position) => [summary.id, warnings[position] ?? null]));
}

/** Remembers a content once computed (each version's clauses are folded at most once). */
export function lazily(compute: () => string): () => string {
  let value: string | undefined;
  return () => {
    value ??= compute();
    return value;
  };
}

/** What the lookup, the agreement's pages and `gjerde verify` say of an unrecorded text, first. */
export const unrecordedMessage =
  'Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten.';

/** A commit as the sentence names it. */
export interface NamedRevision {
  rev: string;
  date: string;
  author: { name: string; email?: string };
}

/**
 * Who changed an unrecorded text, when and in which commit, and what it departs from: «Ansvarspunktene fikk
 * denne teksten 6. desember 2026 av Ola Hansen (revisjon 1a2b3c4d), uten at noen godkjenning ble registrert.
 * Den siste registrerte godkjenningen (10. januar 2021, revisjon 5e6f7a8b) gjaldt en annen tekst.» What
 * changed besides the clauses is named: «Partene og gyldighetsperioden ble endret 6. desember 2026 av …».
 */
export function describeUnrecorded(finding: UnrecordedText<NamedRevision>): string {
  const { changedIn, approved } = finding;
  const parts = finding.changed ?? ['clauses'];
  const by = `${formatDate(changedIn.date)} av ${changedIn.author.name} (revisjon ${changedIn.rev.slice(0, 8)}), uten at noen godkjenning ble registrert.`;
  const named = list(parts.map((part) => vouchedParts[part]));
  const changed =
    parts.length === 1 && parts[0] === 'clauses'
      ? `Ansvarspunktene fikk denne teksten ${by}`
      : `${named.charAt(0).toLocaleUpperCase('nb')}${named.slice(1)} ble endret ${by}`;
  return approved
    ? `${changed} Den siste registrerte godkjenningen (${formatDate(approved.date)}, revisjon ${approved.rev.slice(0, 8)}) gjaldt en annen tekst.`
    : `${changed} Avtalen har ingen registrert godkjenning.`;
}
