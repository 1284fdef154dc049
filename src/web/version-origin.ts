import type { AgreementVersion } from '../domain/agreements.js';
import {
  type Approval,
  approvedTrailer,
  lastTextChange,
  parseApproval,
  partialTrailer,
} from '../domain/approvals.js';
import {
  describeUnrecorded,
  type NamedRevision,
  type UnrecordedText,
  unrecordedMessage,
} from '../domain/text-approval.js';
import type { Party } from '../format/types.js';
import { formatDate, list } from '../format/wording.js';

/**
 * How a version came to be, in words: a save of the text, or an approval of a text someone else wrote. The
 * commit that records an approval has the approver as its author, but an approval is not a save of the
 * text: the agreement page and the history page say who approved it for which party and, apart, who wrote
 * the text.
 */
export interface VersionOrigin {
  /** The commit records an approval (the approver is its author), not a change of the text. */
  approval: boolean;
  /** The approval completes the set (the version is approved); false while other parties are missing. */
  complete: boolean;
  /** «Godkjent av Nina Holm for NAV Fjordvik (3. desember 2026) og …», or «Lagret 1. desember 2026 av Kari Nordmann». */
  what: string;
  /**
   * For an approval: «Teksten er skrevet av Kari Nordmann 1. desember 2026», or, when the commit that records
   * the approval also changed the text (an imported or replayed history), «Teksten ble lagret sammen med
   * godkjenningen av …»: its date is after the approvals', and «skrevet» would say the text came after them.
   */
  text?: string;
}

/** A commit as the origin reads it: when, by whom, and its trailers (`Godkjent-av`, `Godkjenning`). */
export interface OriginCommit {
  rev?: string;
  date: string;
  author: { name: string };
  trailers: Record<string, string[]>;
}

/**
 * The origin of a commit, read from its approval trailers: `parties` name the party ids they give, and
 * `writer` is the commit that last changed the text (said apart when it is another commit).
 */
export function describeOrigin(
  commit: OriginCommit,
  parties: readonly Pick<Party, 'id' | 'name'>[],
  writer?: OriginCommit,
): VersionOrigin {
  const recorded = recordedApproval(commit.trailers);
  if (!recorded)
    return {
      approval: false,
      complete: false,
      what: `Lagret ${formatDate(commit.date)} av ${commit.author.name}`,
    };
  const partyName = (id: string) => parties.find((party) => party.id === id)?.name ?? id;
  const { complete, approvals } = recorded;
  const who = approvals.map(
    (approval) => `${approval.name} for ${partyName(approval.party)} (${formatDate(approval.date)})`,
  );
  const what = complete
    ? `Godkjent av ${list(who)}`
    : `Godkjent av ${list(who)}; de andre partene har ikke godkjent ennå`;
  if (!writer) return { approval: true, complete, what };
  const written = `${writer.author.name} ${formatDate(writer.date)}`;
  const sameCommit = writer === commit || (writer.rev !== undefined && writer.rev === commit.rev);
  return {
    approval: true,
    complete,
    what,
    text: sameCommit
      ? `Teksten ble lagret sammen med godkjenningen av ${written}`
      : `Teksten er skrevet av ${written}`,
  };
}

/** The origin of a version of the agreement page; `versions` are newest first. */
export function versionOrigin(version: AgreementVersion, versions: AgreementVersion[]): VersionOrigin {
  const start = versions.findIndex((candidate) => candidate.revision.rev === version.revision.rev);
  const writer = lastTextChange(
    versions.map((candidate) => candidate.markdown),
    start,
  );
  return describeOrigin(
    version.revision,
    version.agreement.meta.parties,
    writer === undefined ? undefined : versions[writer]?.revision,
  );
}

/**
 * The approvals a commit records, read from its trailers: every party's on the commit that completes them
 * (`Godkjent-av`), or one party's while others are missing (`Godkjenning`); undefined for any other commit.
 */
export function recordedApproval(
  trailers: Record<string, string[]>,
): { complete: boolean; approvals: Approval[] } | undefined {
  const complete = approvalsOf(trailers[approvedTrailer]);
  if (complete.length > 0) return { complete: true, approvals: complete };
  const partial = approvalsOf(trailers[partialTrailer]);
  return partial.length > 0 ? { complete: false, approvals: partial } : undefined;
}

function approvalsOf(trailers: string[] | undefined): Approval[] {
  return (trailers ?? []).map(parseApproval).filter((approval) => approval !== undefined);
}

/**
 * A version that says `godkjent` on clause content no recorded approval gave, as the agreement and history
 * pages warn of it: the heading and who gave the clauses that text (src/domain/text-approval.ts).
 */
export function presentUnrecorded(finding: UnrecordedText<NamedRevision> | undefined) {
  return finding && { heading: unrecordedMessage, text: describeUnrecorded(finding) };
}
