import type { AgreementSummary } from '../domain/agreements.js';
import { approvalRound, approvalState } from '../domain/approvals.js';
import { type CountyRegistry, noSplits } from '../domain/county-splits.js';
import { type LegalTable, outdatedClauses } from '../domain/legal-references.js';
import { type Overlap, overlapsFrom } from '../domain/overlaps.js';
import { describeSyncConflict, openSyncConflict } from '../domain/sync-conflict.js';
import { shiftDay } from '../domain/validity.js';
import { describePeriod, formatDate, list } from '../format/wording.js';
import { passedFollowUps } from './follow-ups.js';

/**
 * What needs attention: agreements due for review or about to expire, drafts waiting for approval, changes
 * made at the same time in two places of which the synchronization kept one, clauses in force that cite a
 * repealed provision, and follow-ups a clause promised by a date that has passed.
 * A list of things to do, each with what and when — never counts of agreements or meetings.
 */

export type AttentionKind =
  | 'overlap'
  | 'review-overdue'
  | 'review-soon'
  | 'expired'
  | 'expires-soon'
  | 'awaiting-approval'
  | 'draft'
  | 'sync-conflict'
  | 'legal-basis-repealed'
  | 'follow-up-passed';

export interface AttentionItem {
  id: string;
  title: string;
  kind: AttentionKind;
  /** The date the item is about (review date, last day in force, saved), `YYYY-MM-DD`. */
  date: string;
  /** One Norwegian sentence. */
  text: string;
  /** Where to act: a page of an agreement (the web makes the link). */
  target: AttentionTarget;
  example: boolean;
}

/** The page of an agreement where an item is acted on. */
export type AttentionTarget =
  | { page: 'edit'; agreementId: string; validTo?: string }
  | { page: 'approve'; agreementId: string }
  | { page: 'clause'; agreementId: string; clauseId: string }
  | { page: 'compare'; agreementId: string; from: string; to: string };

export const defaultHorizonDays = 60;

export const attentionLabels: Record<AttentionKind, string> = {
  overlap: 'overlapp',
  'review-overdue': 'revisjon passert',
  'review-soon': 'revisjon snart',
  expired: 'utløpt',
  'expires-soon': 'utløper snart',
  'awaiting-approval': 'venter på godkjenning',
  draft: 'utkast',
  'sync-conflict': 'endret to steder',
  'legal-basis-repealed': 'hjemmel opphevet',
  'follow-up-passed': 'oppfølging passert',
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function inDays(days: number): string {
  if (days === 0) return 'i dag';
  if (days === 1) return 'i morgen';
  return days > 0 ? `om ${days} dager` : `for ${-days} dager siden`;
}

const order: Record<AttentionKind, number> = {
  'sync-conflict': -2,
  overlap: -1,
  'review-overdue': 0,
  expired: 1,
  'awaiting-approval': 2,
  'legal-basis-repealed': 3,
  'follow-up-passed': 4,
  'expires-soon': 5,
  'review-soon': 6,
  draft: 7,
};

export function needsAttention(
  summaries: AgreementSummary[],
  today: string,
  horizonDays = defaultHorizonDays,
  legal?: LegalTable,
  overlaps: Overlap[] = [],
  splits: CountyRegistry = noSplits,
): AttentionItem[] {
  const horizon = shiftDay(today, horizonDays);
  // An overlap is listed however far ahead it lies: both agreements are approved already.
  const items: AttentionItem[] = overlapsFrom(overlaps, today).map((overlap) =>
    overlapItem(overlap, summaries),
  );
  for (const summary of summaries) {
    const { latest, inForce } = summary;
    const governing = inForce ?? latest;
    const { meta } = governing.agreement;
    const base = { id: summary.id, title: meta.title, example: meta.example };
    const latestMeta = latest.agreement.meta;
    const newerDraft =
      latest !== inForce && (latestMeta.status === 'utkast' || latestMeta.status === 'til-godkjenning');
    const draftNote = newerDraft && inForce ? ' Et utkast til ny versjon er under arbeid.' : '';

    const conflict = openSyncConflict(summary.versions);
    if (conflict) {
      items.push({
        ...base,
        title: latestMeta.title,
        kind: 'sync-conflict',
        date: conflict.date.slice(0, 10),
        text: describeSyncConflict(conflict),
        target: { page: 'compare', agreementId: summary.id, ...conflict.compare },
      });
    }

    if (latestMeta.status === 'til-godkjenning') {
      const state = approvalState(latestMeta, approvalRound(summary.versions, splits));
      const waiting = list(state.missing.map((party) => party.name));
      const given = state.given
        .map((approval) => `${approval.partyName} (${formatDate(approval.date)})`)
        .join(', ');
      items.push({
        ...base,
        title: latestMeta.title,
        kind: 'awaiting-approval',
        date: latest.revision.date.slice(0, 10),
        text: `Venter på godkjenning fra ${waiting || 'partene'}.${given ? ` Godkjent av ${given}.` : ''} Skal gjelde ${describePeriod(latestMeta.validFrom, latestMeta.validTo)}.`,
        target: { page: 'approve', agreementId: summary.id },
      });
    } else if (latestMeta.status === 'utkast') {
      items.push({
        ...base,
        title: latestMeta.title,
        kind: 'draft',
        date: latest.revision.date.slice(0, 10),
        text: `Utkast, sist lagret ${formatDate(latest.revision.date)} av ${latest.revision.author.name}. Ikke sendt til godkjenning.`,
        target: { page: 'edit', agreementId: summary.id },
      });
    }

    if (!inForce) {
      if (latestMeta.status === 'godkjent' && latestMeta.validTo && latestMeta.validTo < today) {
        items.push({
          ...base,
          kind: 'expired',
          date: latestMeta.validTo,
          text: `Avtalen gjaldt til og med ${formatDate(latestMeta.validTo)} og er ikke i kraft nå. Lag en ny versjon, eller la den være avsluttet.`,
          target: { page: 'edit', agreementId: summary.id },
        });
      }
      continue; // Review dates concern the version in force.
    }
    const clauseTarget = (clauseId: string) => ({
      page: 'clause' as const,
      agreementId: summary.id,
      clauseId,
    });
    for (const { clause, citations } of legal
      ? outdatedClauses(legal, governing.agreement.clauses, today)
      : []) {
      for (const { provision, text } of citations)
        items.push({
          ...base,
          kind: 'legal-basis-repealed',
          date: provision.repealed,
          text: `«${clause.title}»: ${text}${draftNote}`,
          target: clauseTarget(clause.id),
        });
    }
    for (const clause of governing.agreement.clauses) {
      for (const followUp of passedFollowUps(clause, today)) {
        const what = clause.status === 'grey' ? 'Gråsonen' : 'Punktet';
        items.push({
          ...base,
          kind: 'follow-up-passed',
          date: followUp.deadline,
          text: `${what} «${clause.title}» lovet en oppfølging innen ${formatDate(followUp.deadline)}: «${followUp.phrase}»${draftNote}`,
          target: clauseTarget(clause.id),
        });
      }
    }
    if (meta.validTo && meta.validTo <= horizon) {
      items.push({
        ...base,
        kind: 'expires-soon',
        date: meta.validTo,
        text: `Avtalen gjelder til og med ${formatDate(meta.validTo)} (${inDays(daysBetween(today, meta.validTo))}).${draftNote || ' Lag en ny versjon i god tid.'}`,
        target: { page: 'edit', agreementId: summary.id },
      });
    }
    if (meta.reviewBy && meta.reviewBy <= horizon) {
      const overdue = meta.reviewBy < today;
      items.push({
        ...base,
        kind: overdue ? 'review-overdue' : 'review-soon',
        date: meta.reviewBy,
        text: `${overdue ? 'Revisjonen skulle vært gjort' : 'Skal revideres'} ${formatDate(meta.reviewBy)} (${inDays(daysBetween(today, meta.reviewBy))}).${draftNote}`,
        target: { page: 'edit', agreementId: summary.id },
      });
    }
  }
  return items.sort(
    (a, b) => order[a.kind] - order[b.kind] || a.date.localeCompare(b.date) || a.id.localeCompare(b.id),
  );
}

/**
 * Two umbrella agreements of one county in force on the same days: the newcomer is the item, and the way
 * out is to end the one it overlaps the day before (its editor, with `gyldig-til` filled in).
 */
function overlapItem(overlap: Overlap, summaries: AgreementSummary[]): AttentionItem {
  const [newer, older] = overlap.agreements;
  const example =
    summaries.find((summary) => summary.id === newer.id)?.latest.agreement.meta.example ?? false;
  const end = shiftDay(newer.since, -1);
  const canEnd = older.since <= end;
  return {
    id: newer.id,
    title: newer.title,
    kind: 'overlap',
    date: overlap.from,
    text: `To rammeavtaler for ${overlap.county} gjelder samtidig ${describePeriod(overlap.from, overlap.to)}: «${newer.title}» (${newer.id}) og «${older.title}» (${older.id}). Begge svarer på oppslag. ${canEnd ? `Avslutt ${older.id} ${formatDate(end)}, eller merk ${newer.id} med «erstatter: ${older.id}».` : 'Endre perioden til en av dem.'}`,
    target: canEnd
      ? { page: 'edit', agreementId: older.id, validTo: end }
      : { page: 'edit', agreementId: newer.id },
    example,
  };
}
