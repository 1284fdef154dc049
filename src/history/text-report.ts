import { describeUnrecorded, recordsApproval, unrecordedMessage } from '../domain/text-approval.js';
import type { ClauseHistory } from './clause-history.js';
import type { Comparison } from './compare.js';
import { describeEntryInForce, type Timeline } from './timeline.js';
import type { VerifyReport } from './verify.js';
import { approvalDays, approverNames, formatDate } from './wording.js';

/** Plain-text reports for the command line, in Norwegian. */

function subject(reason: string): string {
  return reason.split('\n')[0] ?? '';
}

const kindNames = {
  draft: 'utkast',
  approved: 'godkjent',
  retired: 'avsluttet',
  deleted: 'slettet',
} as const;

export function formatTimeline(timeline: Timeline): string {
  const lines = [
    `${timeline.title} (${timeline.id}): ${timeline.entries.length} revisjoner, nyeste først`,
    '',
  ];
  for (const entry of timeline.entries) {
    const inForce = describeEntryInForce(timeline, entry).text;
    const marks = [entry.current ? 'GJELDENDE' : '', entry.latest ? 'nyeste' : ''].filter(Boolean).join(', ');
    // As the history page heads it: a commit that keeps «godkjent» without recording an approval approved nothing.
    const saved =
      entry.kind === 'approved' && !recordsApproval(entry.trailers) ? 'Lagret uten ny godkjenning. ' : '';
    lines.push(
      `${entry.rev.slice(0, 8)}  ${entry.date.slice(0, 10)}  ${kindNames[entry.kind].padEnd(9)} ${entry.author.name}: ${subject(entry.reason)}`,
      `          ${saved}${inForce}${marks ? ` (${marks})` : ''}${entry.renamedFrom ? `; flyttet fra ${entry.renamedFrom}` : ''}`,
    );
    // The history page's tag and notice, in the same words.
    if (entry.unrecorded)
      lines.push(
        `          Ingen registrert godkjenning: ${unrecordedMessage} ${describeUnrecorded(entry.unrecorded)}`,
      );
  }
  return lines.join('\n');
}

export function formatClauseHistory(history: ClauseHistory): string {
  const lines = [
    `«${history.title}» (#${history.clauseId}) i ${history.agreementId}: ${history.entries.length} endringer, nyeste først`,
    '',
  ];
  for (const entry of history.entries) {
    lines.push(
      `${entry.rev.slice(0, 8)}  ${entry.date.slice(0, 10)}  ${entry.author.name}: ${subject(entry.reason)}`,
    );
    for (const change of entry.changes) lines.push(`          - ${change.text}`);
    if (entry.approvedIn && entry.approvedIn.rev !== entry.rev) {
      const { approvals } = entry.approvedIn;
      const days = approvalDays(approvals, entry.approvedIn.date);
      lines.push(
        `          godkjent ${days.approved} (${days.recorded ? `registrert ${days.recorded}, ` : ''}${entry.approvedIn.rev.slice(0, 8)})${approvals.length > 0 ? ` av ${approverNames(approvals)}` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

export function formatComparison(comparison: Comparison): string {
  const { from, to, summary } = comparison;
  const lines = [
    `${comparison.title} (${comparison.id})`,
    `Fra ${from.rev.slice(0, 8)}, lagret ${formatDate(from.date)} av ${from.author.name}: ${subject(from.reason)}`,
    `Til ${to.rev.slice(0, 8)}, lagret ${formatDate(to.date)} av ${to.author.name}: ${subject(to.reason)}`,
    '',
  ];
  if (summary.identical) return [...lines, 'Teksten er den samme i begge versjonene.'].join('\n');
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`${title}:`, ...items.map((item) => `  - ${item}`), '');
  };
  section(
    'Endringer i ansvar',
    summary.responsibility.map((sentence) => sentence.text),
  );
  section(
    'Andre endringer i punktene',
    summary.clauses.flatMap((clause) =>
      clause.changes
        .filter((change) => change.category !== 'responsibility')
        .map((change) => `${clause.title}: ${change.text}`),
    ),
  );
  section(
    'Avtalens opplysninger',
    summary.meta.map((change) => change.text),
  );
  section(
    'Tekst utenfor punktene',
    summary.sections.map((change) => change.text),
  );
  section(
    'Ordlisten',
    summary.glossary.map((change) => change.text),
  );
  if (summary.reordered || summary.renumbered)
    lines.push('Rekkefølge eller nummerering er endret (ikke regnet som endring).', '');
  section(
    `Revisjoner i perioden (${comparison.between.length})`,
    comparison.between.map(
      (revision) =>
        `${revision.rev.slice(0, 8)} ${revision.date.slice(0, 10)} ${revision.author.name}: ${subject(revision.reason)}`,
    ),
  );
  const { stats } = comparison.redline;
  lines.push(
    comparison.redline.message ??
      `Teksten: ${stats.inserted} ord lagt til og ${stats.deleted} ord slettet, på ${stats.changes} steder.`,
  );
  return lines.join('\n');
}

const statusMarks = { ok: 'OK      ', warning: 'MERKNAD ', error: 'FEIL    ' } as const;

export function formatVerify(report: VerifyReport): string {
  const lines = [report.message, ''];
  for (const check of report.checks) {
    lines.push(`${statusMarks[check.status]}${check.title}: ${check.summary}`);
    for (const detail of check.details) lines.push(`          ${detail}`);
  }
  lines.push(
    '',
    `${report.counts.commits} revisjoner, ${report.counts.agreements} avtalefiler, ${report.counts.approved} godkjente versjoner, ${report.counts.sealed} intakte segl.`,
  );
  return lines.join('\n');
}
