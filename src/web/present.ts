import type { AgreementSummary, Agreements, AgreementVersion } from '../domain/agreements.js';
import { type ApprovalWarning, listedApprovalWarnings, unrecordedMessage } from '../domain/text-approval.js';
import { singleCostBearer } from '../format/cost.js';
import { today } from '../format/dates.js';

/** Plain data for the API and the views; the same shapes in both. */

export function presentRevision(revision: AgreementVersion['revision']) {
  return { rev: revision.rev, date: revision.date, author: revision.author.name, reason: revision.reason };
}

/**
 * `/healthz`'s line for each agreement whose listed version says godkjent on clauses no recorded approval
 * gave: the file and the commit that gave them that text, never the person (it answers without sign-in).
 */
export async function unrecordedHealthWarnings(agreements: Agreements, date = today()): Promise<string[]> {
  const summaries = await agreements.summaries(date);
  const warnings = await listedApprovalWarnings(agreements, summaries);
  return summaries.flatMap((summary) => {
    const warning = warnings.get(summary.id);
    if (!warning) return [];
    const { path } = (summary.inForce ?? summary.latest).revision;
    return [
      `${path}: ${unrecordedMessage.replace(/\.$/, '')} (revisjon ${warning.changedIn.rev.slice(0, 8)}).`,
    ];
  });
}

export function presentSummary(
  summary: AgreementSummary,
  date = today(),
  approvalWarning: ApprovalWarning | null = null,
) {
  const shown = summary.inForce ?? summary.latest;
  const { meta } = shown.agreement;
  return {
    id: summary.id,
    title: meta.title,
    kind: meta.kind,
    county: meta.county,
    example: meta.example,
    parties: meta.parties.map((party) => ({ id: party.id, name: party.name })),
    status: meta.status,
    validFrom: meta.validFrom,
    validTo: meta.validTo ?? null,
    reviewBy: meta.reviewBy ?? null,
    reviewDue: meta.reviewBy !== undefined && meta.reviewBy <= date,
    inForce: summary.inForce
      ? { rev: summary.inForce.revision.rev, validFrom: meta.validFrom, validTo: meta.validTo ?? null }
      : null,
    latest: {
      ...presentRevision(summary.latest.revision),
      status: summary.latest.agreement.meta.status,
      valid: summary.latest.valid,
    },
    approvalWarning,
  };
}

export function presentVersion(version: AgreementVersion) {
  const { meta, clauses, glossary } = version.agreement;
  return {
    id: version.id,
    revision: presentRevision(version.revision),
    meta,
    clauses: clauses.map(({ position: _position, ...clause }) => {
      // `costBearer` as before shared costs, for clients that read it: the one party that pays it all.
      const costBearer = singleCostBearer(clause.costShares);
      return costBearer ? { ...clause, costBearer } : clause;
    }),
    glossary,
    markdown: version.markdown,
    valid: version.valid,
    problems: version.problems,
  };
}
