import { approvableParties, mayAdminister, mayDraft, mayEdit } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import type { AgreementSummary } from '../domain/agreements.js';
import { approvalRound, approvalState } from '../domain/approvals.js';
import type { CountyRegistry } from '../domain/county-splits.js';
import type { LegalTable } from '../domain/legal-references.js';
import type { Overlap } from '../domain/overlaps.js';
import { sameVersion } from '../domain/restored-text.js';
import type { ApprovalWarning } from '../domain/text-approval.js';
import { isApproved } from '../domain/validity.js';
import { approvalRefusal } from '../drafting/permissions.js';
import { type AttentionItem, needsAttention } from '../drafting/reviews.js';
import { formatDate } from '../format/wording.js';
import { presentSummary } from './present.js';
import { withHref } from './urls.js';

/**
 * The front page, for the person signed in: what they came to do first. An approver sees what waits for
 * their approval, an editor the drafts and reviews of the agreements they may change, and a reader (or an
 * administrator without other roles) the lookup. Everyone then sees the list of agreements.
 */

export type FrontSection = 'approvals' | 'work' | 'lookup';

export function presentFront(
  summaries: AgreementSummary[],
  principal: Principal | undefined,
  today: string,
  options: {
    selfApproval?: boolean;
    legal?: LegalTable;
    overlaps?: Overlap[];
    /** Counties that were split: a successor's authority approves in place of the dissolved one. */
    splits?: CountyRegistry;
    /** By agreement id (`listedApprovalWarnings`). */
    approvalWarnings?: ReadonlyMap<string, ApprovalWarning | null>;
  } = {},
) {
  const attention = needsAttention(
    summaries,
    today,
    undefined,
    options.legal,
    options.overlaps,
    options.splits,
  );
  const byId = new Map(summaries.map((summary) => [summary.id, summary]));
  const latestMeta = (item: AttentionItem) => byId.get(item.id)?.latest.agreement.meta;
  /** The parties this person may approve for now and that have not approved yet (four eyes included). */
  const ownMissing = (item: AttentionItem, actor: Principal): string[] => {
    const summary = byId.get(item.id);
    if (!summary) return [];
    const { meta } = summary.latest.agreement;
    const round = approvalRound(summary.versions, options.splits);
    const state = approvalState(meta, round);
    const rules = {
      required: state.required,
      drafters: round.drafters,
      selfApproval: options.selfApproval ?? false,
      approvedBy: round.approvedBy,
    };
    if (approvalRefusal(actor, meta, rules)) return [];
    const missing = new Set(state.missing.map((party) => party.id));
    return approvableParties(actor, meta.county, state.required).filter((party) => missing.has(party));
  };

  const approver = principal?.roles.includes('godkjenner') ?? false;
  const editor = principal !== undefined && mayDraft(principal);
  const approvals =
    principal && approver
      ? attention.filter(
          (item) => item.kind === 'awaiting-approval' && ownMissing(item, principal).length > 0,
        )
      : [];
  const work =
    principal && editor
      ? attention.filter((item) => {
          const meta = latestMeta(item);
          return meta !== undefined && !approvals.includes(item) && mayEdit(principal, meta);
        })
      : [];
  // An empty approval queue is said after the editor's work, not as the page's heading.
  const approvalsFirst = approver && (approvals.length > 0 || !editor);
  const sections: FrontSection[] = [
    ...(approvalsFirst ? (['approvals'] as const) : []),
    ...(editor ? (['work'] as const) : []),
    ...(approver && !approvalsFirst ? (['approvals'] as const) : []),
    ...(!approver && !editor ? (['lookup'] as const) : []),
  ];
  const headings: Record<FrontSection, string> = {
    approvals: 'Venter på din godkjenning',
    work: 'Utkast og revisjoner',
    lookup: 'Hvem har ansvaret?',
  };
  const first = sections[0] ?? 'lookup';

  // A follow-up a clause promised by a date that has passed is for everyone who reads the agreement, as a
  // passed review date is: a case worker relying on the clause should know it was to be taken up again.
  const followUps = attention.filter((item) => item.kind === 'follow-up-passed').map(withHref);
  const agreements = summaries.map((summary) => {
    const presented = presentSummary(summary, today, options.approvalWarnings?.get(summary.id) ?? null);
    const latest = summary.latest.agreement.meta;
    const newer = !sameVersion(summary.latest, summary.inForce);
    const upcoming = newer && summary.latest.valid && isApproved(latest) && latest.validFrom > today;
    return {
      ...presented,
      parties: presented.parties.map((party) => party.name).join(', '),
      upcoming: upcoming ? `Godkjent – trer i kraft ${formatDate(latest.validFrom)}` : undefined,
      draftPending: !upcoming && newer,
      latestStatus: latest.status,
      latestInvalid: !summary.latest.valid,
      followUps: followUps.filter((item) => item.id === summary.id),
    };
  });

  return {
    heading: headings[first],
    first,
    approvalsFirst,
    approvals: approver ? { items: approvals.map(withHref) } : undefined,
    work: editor ? { items: work.map(withHref), mayCreate: true } : undefined,
    lookup: sections.includes('lookup'),
    admin: principal !== undefined && mayAdminister(principal),
    agreements,
  };
}
