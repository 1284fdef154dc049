import { caseTrailer } from '../cases/amendment.js';
import { isCaseId } from '../cases/case-file.js';
import { reservedTrailers } from '../domain/approvals.js';
import { approvalWarning } from '../domain/text-approval.js';
import { today } from '../format/dates.js';
import type { AgreementStatus, Party } from '../format/types.js';
import { agreementStatuses } from '../format/vocabulary.js';
import { describePeriod, formatDate, formatDateTime, validOn } from '../format/wording.js';
import type { ClauseHistory, ClauseHistoryEntry } from '../history/clause-history.js';
import type { ClauseRedline } from '../history/clause-redline.js';
import type { CompareSide, Comparison } from '../history/compare.js';
import type { DataFileChange } from '../history/data-file-history.js';
import type { ClauseListing } from '../history/history.js';
import { foldRedline, type Part, type Segment, toHunks } from '../history/redline.js';
import { describeEntryInForce, type Timeline, type TimelineEntry } from '../history/timeline.js';
import type { Change, RevisionInfo } from '../history/types.js';
import type { VerifyReport } from '../history/verify.js';
import { approvalDays, approverNames } from '../history/wording.js';
import { urls } from './urls.js';
import { validityChart } from './validity-chart.js';
import { describeOrigin, presentUnrecorded, recordedApproval } from './version-origin.js';

/** Plain data for the history pages and API: links, Norwegian labels, folded redlines. */

const contextLines = 3;

export function shortRev(rev: string): string {
  return rev.slice(0, 12);
}

function subjectAndBody(reason: string): { subject: string; body: string } {
  const [subject = '', ...rest] = reason.split('\n');
  return { subject, body: rest.join('\n').trim() };
}

function statusLabel(status: string | undefined): string {
  return status ? (agreementStatuses[status as keyof typeof agreementStatuses] ?? status) : 'Slettet';
}

/**
 * A revision's status as a history or comparison shows it: «Ingen registrert godkjenning» for a text the file
 * calls approved that no approval gave (its timeline entry's finding), never «Godkjent» beside the commit
 * that changed it.
 */
function comparedStatus(
  revision: { status?: AgreementStatus },
  entry: TimelineEntry | undefined,
  color = 'neutral',
) {
  const unrecorded = presentUnrecorded(entry?.unrecorded);
  return unrecorded
    ? { statusLabel: 'Ingen registrert godkjenning', statusColor: 'danger', unrecorded }
    : { statusLabel: statusLabel(revision.status), statusColor: color };
}

/**
 * Trailers as a list; `Sak:` (an amendment after a committee decision) links to the case. The approval
 * trailers are left out: the revision says them in words (`describeOrigin`).
 */
function trailerList(
  trailers: Record<string, string[]>,
): Array<{ key: string; value: string; href?: string }> {
  const shown = Object.entries(trailers).filter(([key]) => !reservedTrailers.includes(key));
  return shown.flatMap(([key, values]) =>
    values.map((value) =>
      key === caseTrailer && isCaseId(value) ? { key, value, href: urls.case(value) } : { key, value },
    ),
  );
}

/**
 * What a revision is, in words, before its hash: «Versjonen godkjent 12. januar 2017 (registrert 16. januar
 * 2017)». An approval is dated by the approvals its commit records (the day the last was given), not by the
 * commit; a commit that keeps `status: godkjent` without recording an approval (a rename, a revert, a plain
 * commit) approved nothing, whoever made it.
 */
export function revisionHeading(revision: {
  status?: AgreementStatus;
  date: string;
  trailers: Record<string, string[]>;
}): string {
  const recorded = recordedApproval(revision.trailers);
  if (recorded) {
    const days = approvalDays(recorded.approvals, revision.date);
    const when = days.recorded ? `${days.approved} (registrert ${days.recorded})` : days.approved;
    return recorded.complete ? `Versjonen godkjent ${when}` : `Delvis godkjent ${when}`;
  }
  const when = formatDate(revision.date);
  switch (revision.status) {
    case 'godkjent':
      return `Lagret uten ny godkjenning ${when}`;
    case 'til-godkjenning':
      return `Sendt til godkjenning ${when}`;
    case 'utkast':
      return `Utkast lagret ${when}`;
    case 'erstattet':
      return `Merket som erstattet ${when}`;
    case 'utlopt':
      return `Merket som utløpt ${when}`;
    default:
      return `Avtalen slettet ${when}`;
  }
}

/** What every history shows of a commit: when, who saved it, why (its subject and body), its trailers. */
function revisionFacts(revision: RevisionInfo) {
  return {
    rev: revision.rev,
    /** The 12-character prefix used in shareable URLs. */
    ref: shortRev(revision.rev),
    short: revision.rev.slice(0, 8),
    date: revision.date,
    dateLabel: formatDate(revision.date),
    author: revision.author.name,
    ...subjectAndBody(revision.reason),
    trailers: trailerList(revision.trailers),
    path: revision.path,
  };
}

function revisionView(revision: RevisionInfo & { status?: AgreementStatus }) {
  return { heading: revisionHeading(revision), ...revisionFacts(revision) };
}

/**
 * JSON for the API: the same facts without page-only labels; author names only, never e-mail addresses.
 * The approval trailers come as fields (`approval`: who approved for which party, in what role, on which
 * day), so a script never parses git's trailer text; `trailers` keeps the others (`Sak`, `Overstyrt`, …).
 */
function revisionJson(revision: RevisionInfo) {
  const recorded = recordedApproval(revision.trailers);
  return {
    rev: revision.rev,
    date: revision.date,
    author: revision.author.name,
    reason: revision.reason,
    approval: recorded
      ? {
          complete: recorded.complete,
          approvals: recorded.approvals.map(({ name, role, party, date }) => ({ name, role, party, date })),
        }
      : null,
    trailers: Object.fromEntries(
      Object.entries(revision.trailers).filter(([key]) => !reservedTrailers.includes(key)),
    ),
    path: revision.path,
  };
}

// ---- Timeline ----

export function presentTimelinePage(timeline: Timeline, clauses: ClauseListing[]) {
  const byRev = new Map(timeline.entries.map((entry) => [entry.rev, entry]));
  const currentRev = timeline.current ?? timeline.latest;
  // The same default pair as the compare page: the current version against the approved one before it.
  const toPosition = timeline.entries.findIndex((entry) => entry.rev === currentRev);
  const older = timeline.entries.slice(toPosition + 1).filter((entry) => entry.kind !== 'deleted');
  const defaultFrom = (older.find((entry) => entry.kind === 'approved') ?? older[0])?.rev;
  return {
    id: timeline.id,
    agreementTitle: timeline.title,
    count: timeline.entries.length,
    approvedCount: timeline.entries.filter((entry) => entry.kind === 'approved').length,
    todayLabel: formatDate(timeline.today),
    entries: timeline.entries.map((entry) => {
      const wording = describeEntryInForce(timeline, entry);
      // An approval is said as the agreement page says it: who approved for which party, and who wrote the text.
      const origin = describeOrigin(entry, entry.parties ?? [], entry.writtenBy);
      return {
        ...revisionView(entry),
        who: origin.approval ? origin.what : entry.author.name,
        writtenBy: origin.text,
        number: entry.index + 1,
        kind: entry.kind,
        ...comparedStatus(
          entry,
          entry,
          entry.kind === 'approved' ? 'success' : entry.kind === 'draft' ? 'warning' : 'neutral',
        ),
        invalid: entry.valid === false,
        validity: entry.validFrom ? describePeriod(entry.validFrom, entry.validTo) : '',
        inForce: wording.text,
        upcoming: wording.upcoming,
        current: entry.current,
        latest: entry.latest,
        renamedFrom: entry.renamedFrom,
        readHref: entry.kind === 'deleted' ? undefined : urls.revision(timeline.id, entry.rev),
        compareHref: entry.previous
          ? urls.compare(timeline.id, shortRev(entry.previous), shortRev(entry.rev))
          : undefined,
        compareCurrentHref:
          entry.kind !== 'deleted' &&
          entry.rev !== currentRev &&
          entry.index < (byRev.get(currentRev)?.index ?? 0)
            ? urls.compare(timeline.id, shortRev(entry.rev), shortRev(currentRev))
            : undefined,
        fromChecked: entry.rev === defaultFrom,
        toChecked: entry.rev === currentRev,
        selectable: entry.kind !== 'deleted',
      };
    }),
    chart: validityChart(
      [...timeline.entries].reverse().map((entry) => ({
        label: revisionHeading(entry),
        periods: entry.periods,
        current: entry.current,
      })),
      timeline.today,
    ),
    clauses: clauses.map((clause) => ({ ...clause, href: urls.clauseHistory(timeline.id, clause.id) })),
    compareHref: urls.compare(timeline.id),
    readHref: urls.agreement(timeline.id),
    timelineHref: urls.timeline(timeline.id),
  };
}

export function presentTimelineJson(timeline: Timeline) {
  return {
    id: timeline.id,
    title: timeline.title,
    today: timeline.today,
    current: timeline.current ?? null,
    latest: timeline.latest,
    revisions: timeline.entries.map((entry) => ({
      ...revisionJson(entry),
      index: entry.index,
      kind: entry.kind,
      status: entry.status ?? null,
      validFrom: entry.validFrom ?? null,
      validTo: entry.validTo ?? null,
      inForce: entry.periods.map((period) => ({ from: period.from, to: period.to ?? null })),
      valid: entry.valid ?? null,
      current: entry.current,
      latest: entry.latest,
      supersededBy: entry.supersededBy ?? null,
      restores: entry.restores?.rev ?? null,
      renamedFrom: entry.renamedFrom ?? null,
      movedTo: entry.movedTo?.path ?? null,
      previous: entry.previous ?? null,
      approvalWarning: approvalWarning(entry.unrecorded),
      links: {
        read: entry.kind === 'deleted' ? null : urls.revision(timeline.id, entry.rev),
        compareWithPrevious: entry.previous
          ? urls.compare(timeline.id, shortRev(entry.previous), shortRev(entry.rev))
          : null,
      },
    })),
  };
}

// ---- Data files (the shared glossary, a contact register) ----

/**
 * The history of a data file: every commit, newest first, with who saved it when (in the words of the
 * agreement page and its history), why, and the change to the file marked as compare marks an agreement's.
 */
export function presentDataFileHistoryPage(changes: DataFileChange[]) {
  const count = changes.length;
  return {
    count,
    countText:
      count === 1
        ? 'Her er den ene endringen'
        : `Her er ${count === 2 ? 'begge endringene' : `alle ${count} endringene`}, nyeste først`,
    path: changes[0]?.path,
    changes: changes.map((change, position) => {
      const segments = foldRedline(change.redline, contextLines).map(segmentView);
      return {
        ...revisionFacts(change),
        number: changes.length - position,
        who: describeOrigin(change, []).what,
        kindLabel:
          change.kind === 'added'
            ? 'Filen ble opprettet'
            : change.kind === 'removed'
              ? 'Filen ble fjernet'
              : '',
        // The first version is the whole file: shown on request, as a change is shown at once.
        open: change.kind === 'changed',
        identical: change.redline.status === 'identical',
        message: change.redline.message,
        stats: change.redline.stats,
        segments,
      };
    }),
  };
}

// ---- Compare ----

function requestedText(side: CompareSide, role: 'from' | 'to'): string {
  if (side.requested.kind === 'date') {
    const date = side.requested.value ?? '';
    return `Versjonen som ${validOn(date, today())} ${formatDate(date)}`;
  }
  // Asked for by revision: said by what it is, the hash after (a link may carry all 40 characters).
  if (side.requested.kind === 'rev')
    return `Versjonen lagret ${formatDate(side.date.slice(0, 10))} (revisjon ${shortRev(side.rev)})`;
  return role === 'to' ? 'Gjeldende versjon' : 'Forrige godkjente versjon';
}

/** Who saved a revision, or for an approval who approved it for which party (as the agreement page says it). */
function savedBy(revision: RevisionInfo & { parties: Party[] }): string {
  const origin = describeOrigin(revision, revision.parties);
  return origin.approval ? origin.what : `Lagret av ${revision.author.name}`;
}

function sideView(id: string, side: CompareSide, role: 'from' | 'to', entry: TimelineEntry | undefined) {
  return {
    ...revisionView(side),
    who: savedBy(side),
    validFromLabel: formatDate(side.validFrom),
    ...comparedStatus(side, entry),
    validity: describePeriod(side.validFrom, side.validTo),
    requested: requestedText(side, role),
    readHref: urls.revision(id, side.rev),
    restoredText: side.restoredBy && restoredText(side, side.restoredBy),
    retroactive: side.retroactive && retroactiveView(id, side, side.retroactive.usedThen),
  };
}

/**
 * A version asked for by a date that was saved after it: the version in force that day by rule (a correction
 * given effect back to its `gyldig-fra`), and the text actually used that day, named and linked.
 */
function retroactiveView(id: string, side: CompareSide, usedThen: RevisionInfo | undefined) {
  const date = formatDate(side.requested.value ?? '');
  const corrected = approvalDays(recordedApproval(side.trailers)?.approvals ?? [], side.date).approved;
  if (!usedThen) {
    return {
      text: `Rettet med tilbakevirkende kraft ${corrected}, gitt virkning fra ${formatDate(side.validFrom)}. Gjerde hadde ingen godkjent tekst for ${date} lagret før den.`,
    };
  }
  const heading = revisionHeading({ ...usedThen, status: 'godkjent' });
  return {
    text: `Rettet med tilbakevirkende kraft ${corrected}: teksten som faktisk ble brukt ${date} var ${heading.charAt(0).toLowerCase()}${heading.slice(1)}, revisjon ${shortRev(usedThen.rev)}.`,
    href: urls.revision(id, usedThen.rev),
    linkText: `Les teksten som ble brukt ${date}`,
  };
}

/** The version in force is an approved one a later commit put back byte for byte: both are named. */
function restoredText(side: CompareSide, restoredBy: RevisionInfo): string {
  return (
    `Tekst som i revisjon ${shortRev(side.rev)}, gjenopprettet ${formatDate(restoredBy.date)} av ` +
    `${restoredBy.author.name} (revisjon ${shortRev(restoredBy.rev)}): ingen ny versjon.`
  );
}

function partsView(parts: Part[]) {
  return parts.map((part) => ({ text: part.text, ins: part.op === 'ins', del: part.op === 'del' }));
}

function changed(parts: Part[]): boolean {
  return parts.some((part) => part.op !== 'same');
}

/** A clause as it reads with its changes marked: the same blocks as on the agreement page. */
function clauseRedlineView(redline: ClauseRedline) {
  return {
    grey: redline.grey,
    title: partsView(redline.title),
    verdict: partsView(redline.verdict),
    facts: redline.facts.map((fact) => ({
      label: fact.label,
      parts: partsView(fact.parts),
      changed: changed(fact.parts),
    })),
    body: partsView(redline.body),
    wordLevel: redline.wordLevel,
  };
}

function lineRange(start: number, count: number): string {
  return count <= 1 ? `linje ${start}` : `linje ${start}–${start + count - 1}`;
}

function segmentView(segment: Segment) {
  if (segment.kind === 'folded') {
    return {
      folded: true,
      text: segment.text,
      summary: `${segment.lines} uendrede linjer (${lineRange(segment.fromLine, segment.lines)} før, ${lineRange(segment.toLine, segment.lines)} etter)`,
    };
  }
  if (segment.kind === 'context')
    return { context: true, text: segment.text, parts: partsView([{ op: 'same', text: segment.text }]) };
  return {
    change: true,
    wordLevel: segment.wordLevel,
    parts: partsView(segment.parts),
    left: partsView(segment.parts.filter((part) => part.op !== 'ins')),
    right: partsView(segment.parts.filter((part) => part.op !== 'del')),
    where: `Linje ${segment.fromLine} før, ${segment.toLine} etter`,
  };
}

function changeTexts(changes: Change[]) {
  return changes.map((change) => ({
    text: change.text,
    category: change.category,
    redline: change.redline && partsView(change.redline),
  }));
}

/** The agreement's metadata as a table: what, before, after. */
function metaRows(changes: Change[]) {
  return changes.map((change) => ({
    label: change.label ?? change.text,
    from: change.from,
    to: change.to,
    text: change.text,
  }));
}

function countsText(counts: Comparison['summary']['counts']): string {
  const parts = [
    counts.added > 0 ? `${counts.added} ${counts.added === 1 ? 'nytt punkt' : 'nye punkter'}` : '',
    counts.removed > 0 ? `${counts.removed} fjernet` : '',
    counts.changed > 0 ? `${counts.changed} endret` : '',
    `${counts.unchanged} uendret`,
  ].filter(Boolean);
  return `Ansvarspunkter: ${parts.join(', ')}.`;
}

export interface CompareView {
  view: 'linje' | 'side';
  /** The source diff was asked for (`visning=…`): shown open. */
  source: boolean;
  print: boolean;
  fra?: string;
  til?: string;
}

export function presentComparePage(comparison: Comparison, options: CompareView, revisions: TimelineEntry[]) {
  const { id, summary } = comparison;
  const segments = foldRedline(comparison.redline, contextLines).map(segmentView);
  const fra = options.fra ?? shortRev(comparison.from.rev);
  const til = options.til ?? shortRev(comparison.to.rev);
  const base = urls.compare(id, fra, til);
  const join = base.includes('?') ? '&' : '?';
  // Dates name the versions in force on them, which a later correction with retroactive effect can change:
  // to cite a comparison asked by date, the same two versions by revision.
  const pinned = urls.compare(id, shortRev(comparison.from.rev), shortRev(comparison.to.rev));
  const byRev = new Map(revisions.map((entry) => [entry.rev, entry]));
  return {
    id,
    agreementTitle: comparison.title,
    from: sideView(id, comparison.from, 'from', byRev.get(comparison.from.rev)),
    to: sideView(id, comparison.to, 'to', byRev.get(comparison.to.rev)),
    same: comparison.from.rev === comparison.to.rev,
    between: comparison.between.map((revision) => ({
      ...revisionView(revision),
      who: savedBy(revision),
      ...comparedStatus(revision, byRev.get(revision.rev)),
      readHref: urls.revision(id, revision.rev),
    })),
    summary: {
      identical: summary.identical,
      counts: countsText(summary.counts),
      responsibility: summary.responsibility.map((sentence) => ({
        ...sentence,
        readHref: sentence.present
          ? urls.revision(id, comparison.to.rev, sentence.clauseId)
          : urls.revision(id, comparison.from.rev, sentence.clauseId),
        historyHref: urls.clauseHistory(id, sentence.clauseId),
      })),
      clauses: summary.clauses.map((clause) => ({
        ...clause,
        kindLabel: clause.kind === 'added' ? 'Nytt punkt' : clause.kind === 'removed' ? 'Fjernet' : 'Endret',
        changes: changeTexts(clause.changes),
        redline: clauseRedlineView(clause.redline),
        readHref: urls.revision(
          id,
          clause.kind === 'removed' ? comparison.from.rev : comparison.to.rev,
          clause.id,
        ),
        historyHref: urls.clauseHistory(id, clause.id),
      })),
      meta: metaRows(summary.meta),
      glossary: changeTexts(summary.glossary),
      sections: changeTexts(summary.sections),
      structureNote:
        summary.reordered || summary.renumbered
          ? `Punktene eller avsnittene har fått ny ${[summary.reordered ? 'rekkefølge' : '', summary.renumbered ? 'nummerering' : ''].filter(Boolean).join(' og ')}. Det regnes ikke som en endring: punktene er sammenlignet etter sin faste id.`
          : undefined,
      nothing:
        !summary.identical &&
        summary.clauses.length === 0 &&
        summary.meta.length === 0 &&
        summary.glossary.length === 0 &&
        summary.sections.length === 0,
    },
    redline: {
      status: comparison.redline.status,
      message: comparison.redline.message,
      tooDifferent: comparison.redline.status === 'too-different',
      identical: comparison.redline.status === 'identical',
      stats: comparison.redline.stats,
      segments,
    },
    view: options.view,
    sourceOpen: options.source || options.print,
    sides: options.view === 'side',
    print: options.print,
    inlineHref: base,
    hasQuery: base.includes('?'),
    sidesHref: `${base}${join}visning=side`,
    printHref: `${base}${join}utskrift=1`,
    pdfHref: urls.comparePdf(id, fra, til),
    permalink: pinned !== base && {
      href: pinned,
      text: `revisjon ${comparison.from.rev.slice(0, 8)} og ${comparison.to.rev.slice(0, 8)}`,
    },
    jsonHref: `/api/agreements/${encodeURIComponent(id)}/compare?from=${encodeURIComponent(fra)}&to=${encodeURIComponent(til)}`,
    timelineHref: urls.timeline(id),
    options: revisions
      .filter((entry) => entry.kind !== 'deleted')
      .map((entry) => ({
        value: shortRev(entry.rev),
        label:
          `${formatDate(entry.date)} – ${comparedStatus(entry, entry).statusLabel} – ${subjectAndBody(entry.reason).subject}`.slice(
            0,
            140,
          ),
        fromSelected: entry.rev === comparison.from.rev,
        toSelected: entry.rev === comparison.to.rev,
      })),
  };
}

export function presentCompareJson(comparison: Comparison) {
  const side = (value: CompareSide) => ({
    ...revisionJson(value),
    index: value.index,
    status: value.status,
    validFrom: value.validFrom,
    validTo: value.validTo ?? null,
    title: value.title,
    requested: value.requested,
    restoredBy: value.restoredBy
      ? { rev: value.restoredBy.rev, date: value.restoredBy.date, author: value.restoredBy.author.name }
      : null,
    retroactive: value.retroactive
      ? {
          usedThen: value.retroactive.usedThen
            ? { rev: value.retroactive.usedThen.rev, date: value.retroactive.usedThen.date }
            : null,
        }
      : null,
  });
  return {
    id: comparison.id,
    title: comparison.title,
    from: side(comparison.from),
    to: side(comparison.to),
    between: comparison.between.map((revision) => ({
      ...revisionJson(revision),
      index: revision.index,
      status: revision.status,
    })),
    summary: comparison.summary,
    redline: {
      status: comparison.redline.status,
      message: comparison.redline.message ?? null,
      stats: comparison.redline.stats,
      hunks: toHunks(foldRedline(comparison.redline, contextLines)),
    },
    links: {
      page: urls.compare(comparison.id, shortRev(comparison.from.rev), shortRev(comparison.to.rev)),
    },
  };
}

// ---- Clause history ----

const eventLabels: Record<ClauseHistoryEntry['kind'], string> = {
  added: 'Lagt til',
  changed: 'Endret',
  removed: 'Fjernet',
  readded: 'Lagt til igjen',
};

function approvalText(entry: ClauseHistoryEntry): string {
  const what = entry.kind === 'removed' ? 'Fjerningen' : 'Endringen';
  if (!entry.approvedIn)
    return entry.agreementStatus === 'godkjent'
      ? `${what} er ikke godkjent: den ble lagret med «status: godkjent», men ingen godkjenning av denne teksten er registrert.`
      : `${what} er ikke godkjent: den ble gjort i et utkast som ikke er godkjent i denne formen.`;
  const validFrom = entry.approvedIn.validFrom
    ? `, gyldig fra ${formatDate(entry.approvedIn.validFrom)}`
    : '';
  const { approvals } = entry.approvedIn;
  const approvers = approvals.length > 0 ? ` av ${approverNames(approvals)}` : '';
  // The approvers approved it; they did not save it (the heading says who saved it, and when).
  if (entry.approvedIn.rev === entry.rev)
    return `Lagret som godkjent versjon${approvers ? `, godkjent${approvers}` : ''}${validFrom}.`;
  const days = approvalDays(approvals, entry.approvedIn.date);
  const recorded = days.recorded ? `registrert ${days.recorded}, ` : '';
  return `${what} ble godkjent ${days.approved} (${recorded}revisjon ${entry.approvedIn.rev.slice(0, 8)})${approvers}${validFrom}.`;
}

export function presentClauseHistoryPage(history: ClauseHistory, agreementTitle: string) {
  const id = history.agreementId;
  return {
    id,
    agreementTitle,
    clauseId: history.clauseId,
    clauseTitle: history.title,
    present: history.present,
    count: history.entries.length,
    timelineHref: urls.timeline(id),
    entries: history.entries.map((entry) => ({
      ...revisionView(entry),
      kindLabel: eventLabels[entry.kind],
      removed: entry.kind === 'removed',
      statusLabel: statusLabel(entry.agreementStatus),
      statusColor: entry.agreementStatus === 'godkjent' ? 'success' : 'warning',
      changes: changeTexts(entry.changes),
      clause: entry.clause,
      redline: clauseRedlineView(entry.redline),
      approval: approvalText(entry),
      readHref: urls.revision(id, entry.rev, entry.kind === 'removed' ? undefined : history.clauseId),
      compareHref: entry.previous
        ? urls.compare(id, shortRev(entry.previous), shortRev(entry.rev))
        : undefined,
    })),
  };
}

export function presentClauseHistoryJson(history: ClauseHistory) {
  return {
    agreementId: history.agreementId,
    clauseId: history.clauseId,
    title: history.title,
    present: history.present,
    changes: history.entries.map((entry) => ({
      ...revisionJson(entry),
      index: entry.index,
      agreementStatus: entry.agreementStatus ?? null,
      kind: entry.kind,
      changes: entry.changes,
      clause: entry.clause ?? null,
      previous: entry.previous ?? null,
      approvedIn: entry.approvedIn
        ? {
            ...entry.approvedIn,
            approvals: entry.approvedIn.approvals.map(({ name, role, party, date }) => ({
              name,
              role,
              party,
              date,
            })),
          }
        : null,
      links: {
        read: urls.revision(
          history.agreementId,
          entry.rev,
          entry.kind === 'removed' ? undefined : history.clauseId,
        ),
        compare: entry.previous
          ? urls.compare(history.agreementId, shortRev(entry.previous), shortRev(entry.rev))
          : null,
      },
    })),
  };
}

// ---- Integrity ----

const checkLabels = { ok: 'OK', warning: 'Merknad', error: 'Feil' } as const;
const checkColors = { ok: 'success', warning: 'warning', error: 'danger' } as const;

export function presentVerifyPage(report: VerifyReport) {
  const worst = report.checks.some((check) => check.status === 'error')
    ? 'error'
    : report.checks.some((check) => check.status === 'warning')
      ? 'warning'
      : 'ok';
  return {
    ...report,
    color: checkColors[worst],
    checkedAtLabel: formatDateTime(report.checkedAt),
    head: report.head?.slice(0, 12),
    checks: report.checks.map((check) => ({
      ...check,
      label: checkLabels[check.status],
      color: checkColors[check.status],
    })),
  };
}
