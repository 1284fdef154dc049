import type { AgreementVersion } from '../domain/agreements.js';
import {
  type Approval,
  approvedTrailer,
  parseApproval,
  partialTrailer,
  withoutLifecycle,
} from '../domain/approvals.js';
import { formatDate } from '../format/wording.js';

/**
 * How a version came to be, in words: a save of the text, or an approval of a text someone else wrote. The
 * commit that records an approval has the approver as its author, but an approval is not a save of the
 * text: the page says who approved it for which party and, apart, who wrote the text.
 */
export interface VersionOrigin {
  /** The commit records an approval (the approver is its author), not a change of the text. */
  approval: boolean;
  /** «Godkjent 3. desember 2026 av Nina Holm for NAV Fjordvik og …», or «Lagret 1. desember 2026 av Kari Nordmann». */
  what: string;
  /** For an approval: «Teksten er skrevet av Kari Nordmann 1. desember 2026». */
  text?: string;
}

export function versionOrigin(version: AgreementVersion, versions: AgreementVersion[]): VersionOrigin {
  const { revision, agreement } = version;
  const complete = approvalsOf(revision.trailers[approvedTrailer]);
  const partial = approvalsOf(revision.trailers[partialTrailer]);
  const approvals = complete.length > 0 ? complete : partial;
  if (approvals.length === 0)
    return { approval: false, what: `Lagret ${formatDate(revision.date)} av ${revision.author.name}` };
  const partyName = (id: string) => agreement.meta.parties.find((party) => party.id === id)?.name ?? id;
  const who = approvals.map(
    (approval) => `${approval.name} for ${partyName(approval.party)} (${formatDate(approval.date)})`,
  );
  const what =
    complete.length > 0
      ? `Godkjent av ${listed(who)}`
      : `Godkjent av ${listed(who)}; de andre partene har ikke godkjent ennå`;
  const writer = textWriter(version, versions);
  return writer && writer !== version
    ? {
        approval: true,
        what,
        text: `Teksten er skrevet av ${writer.revision.author.name} ${formatDate(writer.revision.date)}`,
      }
    : { approval: true, what };
}

function approvalsOf(trailers: string[] | undefined): Approval[] {
  return (trailers ?? []).map(parseApproval).filter((approval) => approval !== undefined);
}

/** «a», «a og b», «a, b og c». */
function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} og ${items.at(-1)}`;
}

/** The commit that last changed the text (not only its status or signatories), at or before this version. */
function textWriter(version: AgreementVersion, versions: AgreementVersion[]): AgreementVersion | undefined {
  const start = versions.findIndex((candidate) => candidate.revision.rev === version.revision.rev);
  if (start < 0) return undefined;
  for (let index = start; index < versions.length; index += 1) {
    const here = versions[index] as AgreementVersion;
    const before = versions[index + 1];
    if (!before || withoutLifecycle(here.markdown) !== withoutLifecycle(before.markdown)) return here;
  }
  return undefined;
}
