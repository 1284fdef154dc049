import { type Approval, approvedTrailer, parseApproval } from '../domain/approvals.js';
import { GjerdeError } from '../domain/errors.js';
import { recordsApproval } from '../domain/text-approval.js';
import { isValidId } from '../format/ids.js';
import { readClause, scanClause } from '../format/stored/clause.js';
import type { AgreementMeta, AgreementStatus, Clause } from '../format/types.js';
import { clauseKey, describeAdded, describeClauseChanges, describeRemoved } from './clause-changes.js';
import { type ClauseRedline, clauseRedline } from './clause-redline.js';
import { WordDiffs } from './redline.js';
import type { Change, RevisionInfo } from './types.js';
import { type HistoryReader, isVersion } from './versions.js';
import { contactName, describeAges, describeCost, facetName, namedCostShares, partyName } from './wording.js';

/** A clause as people read it: names instead of ids. */
export interface ClauseState {
  id: string;
  title: string;
  status: 'settled' | 'grey';
  owner?: string;
  supporting: string[];
  ages?: string;
  facets: string[];
  keywords: string[];
  legalBasis?: string;
  /** Who pays, in words: one party's name, «delt likt mellom …» or «NAV 60 %, OT 40 %». */
  costBearer?: string;
  contact?: string;
  escalation?: string;
  /** The clause's text as written (Markdown). */
  markdown: string;
}

export type ClauseEventKind = 'added' | 'changed' | 'removed' | 'readded';

export interface ClauseHistoryEntry extends RevisionInfo {
  index: number;
  /** The agreement's status in this revision (a draft, an approved version …). */
  agreementStatus?: AgreementStatus;
  kind: ClauseEventKind;
  changes: Change[];
  /** The clause as it read after this revision (absent when removed). */
  clause?: ClauseState;
  /** The clause as it read after this revision (before it, when removed), with what changed marked. */
  redline: ClauseRedline;
  /** The agreement's revision before this one, to compare against. */
  previous?: string;
  /**
   * The first approved version that carried this change: the revision itself when it was saved as
   * approved, a later approval when the change was made in a draft; absent when it was never approved
   * (changed again, still a draft, or saved with `status: godkjent` that no recorded approval gave).
   */
  approvedIn?: {
    rev: string;
    date: string;
    validFrom: string;
    /** Who approved it for which party, as that version's approval recorded it (none for one made outside Gjerde). */
    approvals: (Approval & { partyName: string })[];
  };
}

export interface ClauseHistory {
  agreementId: string;
  clauseId: string;
  /** The clause's latest title. */
  title: string;
  /** Whether the newest revision has the clause. */
  present: boolean;
  /** Newest first. */
  entries: ClauseHistoryEntry[];
}

export function presentClause(clause: Clause, meta: AgreementMeta): ClauseState {
  const state: ClauseState = {
    id: clause.id,
    title: clause.title,
    status: clause.status,
    supporting: clause.supporting.map((party) => partyName(meta, party)),
    facets: clause.facets.map(facetName),
    keywords: clause.keywords,
    markdown: clause.markdown,
  };
  if (clause.owner) state.owner = partyName(meta, clause.owner);
  const ages = describeAges(clause.ages);
  if (ages) state.ages = ages;
  if (clause.legalBasis) state.legalBasis = clause.legalBasis;
  const cost = describeCost(namedCostShares({ meta }, clause.costShares ?? []));
  if (cost) state.costBearer = cost;
  if (clause.contact) state.contact = contactName(meta, clause.contact);
  if (clause.escalation) state.escalation = clause.escalation;
  return state;
}

export function checkClauseId(clauseId: unknown): string {
  if (!isValidId(clauseId)) {
    throw new GjerdeError(
      'invalid-input',
      `«${String(clauseId).slice(0, 60)}» er ikke en gyldig punkt-id (små bokstaver a–z, tall og bindestrek).`,
    );
  }
  return clauseId;
}

/**
 * Every revision where one clause changed, followed across renames of the file (the store's history
 * follows them). A revision that only moves the clause, re-numbers its section or rewrites its attributes
 * without changing their meaning is not a change.
 */
export async function clauseHistory(
  reader: HistoryReader,
  agreementId: string,
  clauseId: string,
): Promise<ClauseHistory> {
  checkClauseId(clauseId);
  const entries = await reader.entries(agreementId);
  const texts = await Promise.all(
    entries.map((entry) => (isVersion(entry) ? reader.markdown(entry) : undefined)),
  );
  // `status: godkjent` is a line anyone with git can keep: a version approves a change only when its commit
  // recorded an approval, or an earlier recorded approval gave its clause text (src/domain/text-approval.ts; a
  // version the validator refuses is not judged so), and no later version withdrew it.
  const { unrecorded, withdrawn } = await reader.judge(entries.filter(isVersion));
  const approves = (entry: (typeof entries)[number]) =>
    isVersion(entry) &&
    entry.meta.status === 'godkjent' &&
    !withdrawn.has(entry.revision.rev) &&
    (recordsApproval(entry.revision.trailers) || (entry.valid && !unrecorded.has(entry.revision.rev)));

  const events: ClauseHistoryEntry[] = [];
  let previous: { clause: Clause; meta: AgreementMeta; block?: string } | undefined;
  let seen = false;
  let previousRev: string | undefined;
  /** The newest event not yet approved. */
  let pending: ClauseHistoryEntry | undefined;
  for (let position = entries.length - 1; position >= 0; position -= 1) {
    const entry = entries[position];
    const markdown = texts[position];
    if (!entry) continue;
    let current: { clause: Clause; meta: AgreementMeta; block?: string } | undefined;
    if (markdown !== undefined && isVersion(entry)) {
      const scan = scanClause(markdown, clauseId);
      if (scan.found === 'present' && previous?.block === scan.block) {
        current = { ...previous, meta: entry.meta };
      } else if (scan.found !== 'absent') {
        const clause = await readClause(
          markdown,
          clauseId,
          async () => (await reader.version(entry)).agreement.clauses,
        );
        if (clause)
          current = { clause, meta: entry.meta, ...(scan.found === 'present' ? { block: scan.block } : {}) };
      }
    }

    let kind: ClauseEventKind | undefined;
    let changes: Change[] = [];
    const diffs = new WordDiffs();
    if (current && !previous) {
      kind = seen ? 'readded' : 'added';
      changes = [describeAdded(current)];
    } else if (!current && previous) {
      kind = 'removed';
      changes = [describeRemoved(previous)];
    } else if (current && previous && clauseKey(current.clause) !== clauseKey(previous.clause)) {
      kind = 'changed';
      changes = describeClauseChanges(previous, current, diffs);
    }
    if (kind) {
      const { revision } = entry;
      const event: ClauseHistoryEntry = {
        ...revision,
        index: entry.index,
        kind,
        changes,
        redline: clauseRedline(previous, current, diffs),
      };
      if (entry.meta) event.agreementStatus = entry.meta.status;
      if (current) event.clause = presentClause(current.clause, current.meta);
      if (previousRev) event.previous = previousRev;
      events.push(event);
      pending = event;
    }
    if (pending && approves(entry) && entry.meta) {
      const { meta } = entry;
      pending.approvedIn = {
        rev: entry.revision.rev,
        date: entry.revision.date,
        validFrom: meta.validFrom,
        approvals: (entry.revision.trailers[approvedTrailer] ?? [])
          .map(parseApproval)
          .filter((approval) => approval !== undefined)
          .map((approval) => ({ ...approval, partyName: partyName(meta, approval.party) })),
      };
      pending = undefined;
    }
    if (current) seen = true;
    previous = current;
    if (isVersion(entry)) previousRev = entry.revision.rev;
  }

  if (!seen) {
    throw new GjerdeError(
      'not-found',
      `Avtalen «${agreementId}» har aldri hatt et punkt med id «${clauseId}».`,
    );
  }
  events.reverse();
  const latestWithClause = events.find((event) => event.clause)?.clause;
  return {
    agreementId,
    clauseId,
    title: latestWithClause?.title ?? clauseId,
    present: previous !== undefined,
    entries: events,
  };
}
