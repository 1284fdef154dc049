import type { AgreementVersion, Author } from '../domain/agreements.js';
import { approvedTrailer, parseApproval, partialTrailer, withoutLifecycle } from '../domain/approvals.js';
import { isApproved } from '../domain/validity.js';

/**
 * What the approval page tells besides who approved: who last changed the text being approved (an approval
 * or sending it commits too, but changes no word), and what each approver wrote with their approval.
 */
export interface ApprovalHistory {
  /** The last save that changed the text; undefined only for an agreement without versions. */
  lastEdit?: { author: Author; date: string };
  /** The comment each party's approver wrote with the approval of this text, by party id. */
  comments: Record<string, string>;
}

/** The commit message's body: what the person wrote below the subject line Gjerde made. */
function body(reason: string): string {
  return reason.split('\n').slice(1).join('\n').trim();
}

/** `versions` newest first, as git log gives them. */
export function approvalHistory(versions: AgreementVersion[]): ApprovalHistory {
  const texts = versions.map((version) => withoutLifecycle(version.markdown));
  const changedAt = texts.findIndex((text, index) => index + 1 >= texts.length || text !== texts[index + 1]);
  const edit = versions[changedAt];
  const history: ApprovalHistory = { comments: {} };
  if (edit) history.lastEdit = { author: edit.revision.author, date: edit.revision.date };

  // This text's approvals, oldest first: the partial ones, then the commit that completed them.
  const round: AgreementVersion[] = [];
  for (const [index, version] of versions.entries()) {
    if (texts[index] !== texts[0] || (index > 0 && isApproved(version.agreement.meta))) break;
    round.unshift(version);
  }
  const approved = new Set<string>();
  for (const { revision } of round) {
    const partial = revision.trailers[partialTrailer] ?? [];
    // The completing commit names every party; what it says is its own approver's, the party not seen before.
    const named = (partial.length > 0 ? partial : (revision.trailers[approvedTrailer] ?? []))
      .map((trailer) => parseApproval(trailer)?.party)
      .filter((party): party is string => party !== undefined && !approved.has(party));
    for (const party of named) approved.add(party);
    // A commit recording several approvals at once (history brought in from elsewhere: the examples, an
    // import) is no one approver's, and its message is the reason for the version, not a comment.
    const comment = body(revision.reason);
    const [approver] = named;
    if (comment && approver !== undefined && named.length === 1) history.comments[approver] = comment;
  }
  return history;
}
