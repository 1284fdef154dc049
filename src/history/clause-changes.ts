import { costKey, isSharedCost } from '../format/cost.js';
import type { AgreementMeta, Clause } from '../format/types.js';
import { WordDiffs, wordDiffStats } from './redline.js';
import type { Change } from './types.js';
import {
  contactName,
  describeAges,
  describeCost,
  describeSetChange,
  describeValueChange,
  facetName,
  namedCostShares,
  partyName,
  partyNames,
  quote,
} from './wording.js';

/** A clause with its agreement's metadata, which gives party and contact ids their names. */
export interface ClauseInContext {
  clause: Clause;
  meta: AgreementMeta;
}

/** The clause's meaning and wording, without its position in the file: equal keys, same clause. */
export function clauseKey(clause: Clause): string {
  return JSON.stringify([
    clause.title,
    clause.status,
    clause.owner ?? null,
    [...clause.supporting].sort(),
    clause.ages ?? null,
    [...clause.facets].sort(),
    [...clause.keywords].sort(),
    clause.legalBasis ?? null,
    costKey(clause.costShares),
    clause.contact ?? null,
    clause.escalation ?? null,
    clause.markdown.trim(),
  ]);
}

/** What a new clause says, in one phrase: "nytt punkt: NAV Fjordvik har ansvaret". */
export function describeAdded({ clause, meta }: ClauseInContext): Change {
  const who =
    clause.status === 'grey'
      ? `uavklart (gråsone)${clause.escalation ? `, tas til ${clause.escalation}` : ''}`
      : `${partyName(meta, clause.owner ?? '')} har ansvaret`;
  return { field: 'clause', category: 'responsibility', text: `nytt punkt: ${who}`, to: who };
}

export function describeRemoved({ clause, meta }: ClauseInContext): Change {
  const who =
    clause.status === 'grey'
      ? 'var uavklart (gråsone)'
      : `${partyName(meta, clause.owner ?? '')} hadde ansvaret`;
  return { field: 'clause', category: 'responsibility', text: `punktet er fjernet (${who})`, from: who };
}

/**
 * Every difference between two states of the same clause (same id), most important first. `diffs` is shared
 * with the clause's redline (clause-redline.ts), which may diff the same two texts.
 */
export function describeClauseChanges(
  before: ClauseInContext,
  after: ClauseInContext,
  diffs = new WordDiffs(),
): Change[] {
  const a = before.clause;
  const b = after.clause;
  const changes: Change[] = [];
  const add = (change: Omit<Change, 'text'> & { text: string | undefined }) => {
    if (change.text !== undefined) changes.push(change as Change);
  };
  /** A value that changed, said after its label («hjemmel endret fra … til …»). */
  const addValue = (
    field: Change['field'],
    category: Change['category'],
    label: string,
    from: string | undefined,
    to: string | undefined,
  ) => {
    const change = describeValueChange(from, to);
    add({ field, category, text: change && `${label} ${change}`, from, to });
  };

  // Responsibility: status and owner.
  const ownerA = a.owner ? partyName(before.meta, a.owner) : undefined;
  const ownerB = b.owner ? partyName(after.meta, b.owner) : undefined;
  if (a.status === 'settled' && b.status === 'grey') {
    const where = b.escalation ? `; saken tas til ${b.escalation}` : '';
    add({
      field: 'status',
      category: 'responsibility',
      text: `gjort uavklart (gråsone), før hadde ${ownerA ?? 'ingen'} ansvaret${where}`,
      from: `avklart, ${ownerA ?? 'ingen'}`,
      to: 'uavklart',
    });
  } else if (a.status === 'grey' && b.status === 'settled') {
    add({
      field: 'status',
      category: 'responsibility',
      text: `avklart: ${ownerB ?? 'ingen'} har nå ansvaret (var uavklart)`,
      from: 'uavklart',
      to: `avklart, ${ownerB ?? 'ingen'}`,
    });
  } else if (a.status === 'settled' && b.status === 'settled' && a.owner !== b.owner) {
    add({
      field: 'owner',
      category: 'responsibility',
      text: `ansvarlig endret fra ${ownerA ?? 'ingen'} til ${ownerB ?? 'ingen'}`,
      from: ownerA,
      to: ownerB,
    });
  }
  const supportA = [...a.supporting].sort();
  const supportB = [...b.supporting].sort();
  if (supportA.join(' ') !== supportB.join(' ')) {
    add({
      field: 'supporting',
      category: 'responsibility',
      text: `bistand endret fra ${partyNames(before.meta, a.supporting)} til ${partyNames(after.meta, b.supporting)}`,
      from: partyNames(before.meta, a.supporting),
      to: partyNames(after.meta, b.supporting),
    });
  }
  // A split reads with its percentages on both sides, so a change of shares shows (50/50 → 60/40).
  const costA = describeCost(namedCostShares({ meta: before.meta }, a.costShares ?? []), 'change');
  const costB = describeCost(namedCostShares({ meta: after.meta }, b.costShares ?? []), 'change');
  if (costKey(a.costShares) !== costKey(b.costShares)) {
    add({
      field: 'costBearer',
      category: 'responsibility',
      text:
        costA === undefined
          ? `kostnadsansvar satt: ${isSharedCost(b.costShares) ? costB : `${costB} dekker kostnaden`}`
          : costB === undefined
            ? `kostnadsansvaret er fjernet (${isSharedCost(a.costShares) ? `var ${costA}` : `${costA} dekket kostnaden`})`
            : `kostnadsansvar endret fra ${costA} til ${costB}`,
      from: costA,
      to: costB,
    });
  }

  // Whom the clause applies to.
  const agesA = describeAges(a.ages);
  const agesB = describeAges(b.ages);
  if (agesA !== agesB) {
    add({
      field: 'ages',
      category: 'condition',
      text:
        agesA === undefined
          ? `aldersgrense satt til ${agesB}`
          : agesB === undefined
            ? `aldersgrensen er fjernet (var ${agesA})`
            : `alder endret fra ${agesA} til ${agesB}`,
      from: agesA,
      to: agesB,
    });
  }
  const facets = describeSetChange(a.facets, b.facets, facetName);
  add({ field: 'facets', category: 'condition', text: facets && `situasjon: ${facets}` });
  addValue('legalBasis', 'condition', 'hjemmel', a.legalBasis, b.legalBasis);

  // Title, keywords, contact, escalation.
  if (a.title !== b.title) {
    add({
      field: 'title',
      category: 'other',
      text: `tittel endret fra ${quote(a.title)} til ${quote(b.title)}`,
      from: a.title,
      to: b.title,
    });
  }
  const keywords = describeSetChange(a.keywords, b.keywords, (keyword) => keyword);
  add({ field: 'keywords', category: 'other', text: keywords && `stikkord: ${keywords}` });
  const contactA = a.contact && contactName(before.meta, a.contact);
  const contactB = b.contact && contactName(after.meta, b.contact);
  addValue('contact', 'other', 'kontakt', contactA, contactB);
  // A grey zone's escalation is said with its status change above when the status changed.
  if (!(a.status === 'settled' && b.status === 'grey'))
    addValue('escalation', 'other', 'eskalering', a.escalation, b.escalation);

  // The wording.
  if (a.markdown.trim() !== b.markdown.trim()) {
    const stats = wordDiffStats(a.markdown, b.markdown, diffs);
    const counts = stats
      ? [
          stats.inserted > 0 ? `${stats.inserted} ord lagt til` : '',
          stats.deleted > 0 ? `${stats.deleted} ord fjernet` : '',
        ].filter(Boolean)
      : [];
    add({
      field: 'text',
      category: 'text',
      text: counts.length > 0 ? `teksten er endret (${counts.join(', ')})` : 'teksten er endret',
    });
  }
  return changes;
}
