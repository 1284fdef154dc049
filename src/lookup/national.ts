/**
 * Across counties («Slik gjør fylkene det»): for one situation, how each county's agreements in force on a
 * date handle it — owner, supporting parties, cost bearer, a grey zone, or nothing — and since when each
 * county's rule has stood. Differences from what most counties do are marked.
 *
 * Each county is answered by the lookup itself, scoped to that county: the same reading of the question, the
 * same ranking, the same grey-zone rule («a grey zone that fits governs»). A county's row is its county-wide
 * agreements' answer (umbrella and sub-agreements); a local agreement that answers otherwise for its area is
 * shown under it.
 */

import { GjerdeError } from '../domain/errors.js';
import { costKey } from '../format/cost.js';
import { dayBefore, isIsoDate, today, typeDateAs } from '../format/dates.js';
import { partyKind } from '../format/party-kinds.js';
import type { AgeRange, AgreementKind, Clause, ClauseStatus, Party } from '../format/types.js';
import { isSituationFacet, situationFacets } from '../format/vocabulary.js';
import { readDocFacts } from './clause-facts.js';
import { type ClauseIndex, clauseIn, type IndexedVersion } from './clause-index.js';
import { terms } from './norwegian.js';
import { interpret, readQuestionDate } from './question.js';
import {
  type CostShareRef,
  countyOf,
  examplesLeftOut,
  knownCounties,
  type LookupAnswer,
  type LookupOptions,
  type LookupResult,
  lookup,
  maxQuestionLength,
  type PartyRef,
} from './search.js';
import { numbersAsDigits } from './spoken.js';

export interface NationalRequest {
  /** A question in a case worker's words, read as the lookup reads it. */
  q?: string | undefined;
  /** A situation facet (`situasjon=`). */
  situation?: string | undefined;
  /** A clause to compare with: `agreement` and `clause` (a county revising its own clause). */
  agreement?: string | undefined;
  clause?: string | undefined;
  /** Age in years. */
  age?: string | number | undefined;
  /** `YYYY-MM-DD` (default: the date the question names, or today). */
  at?: string | undefined;
}

/** How a county's agreements handle the situation. */
export type CountyStatus = 'settled' | 'grey' | 'not-covered' | 'no-agreement';

/** One clause's answer: the owner and the rest, and since when the county's rule has been this. */
export interface CountyClause {
  agreementId: string;
  agreementTitle: string;
  agreementKind: AgreementKind;
  /** A local agreement's area, null for a county-wide agreement. */
  area: string | null;
  clauseId: string;
  clauseTitle: string;
  status: ClauseStatus;
  owner: PartyRef | null;
  /** What kind of party owns it, for comparing counties («NAV», «OT», «Fylkeskommunen», «Skolen»). */
  ownerRole: string | null;
  supporting: PartyRef[];
  /** The one party that pays it all; null for a shared cost or none. */
  costBearer: PartyRef | null;
  /** Every party that pays, with its share in percent; empty for none. */
  costShares: CostShareRef[];
  escalation: string | null;
  ages: AgeRange | null;
  /** First day on which the agreement said this (same status, owner, supporting parties and cost bearer). */
  since: string;
  /** As on a lookup's result: null when the parties' approval of the clause text is recorded. */
  approvalWarning: LookupResult['approvalWarning'];
}

export interface CountyRow {
  county: string;
  status: CountyStatus;
  /** The answer of the county's own (county-wide) agreements; null when none covers it. */
  answer: CountyClause | null;
  /** Local agreements in the county whose answer for their area differs from the county's. */
  local: CountyClause[];
  /** What the row is compared by: the owner's role, «uavklart», «ikke omtalt» or «ingen avtale». */
  key: string;
  /** The row differs from what most counties do (false when there is no common answer). */
  differs: boolean;
}

export interface NationalOverview {
  date: string;
  isToday: boolean;
  topic: {
    kind: 'question' | 'situation' | 'clause';
    /** What the table is about, in words. */
    label: string;
    q: string | null;
    situation: string | null;
    age: AgeRange | null;
    /** The clause compared with, for `kind: 'clause'`. */
    clause: { agreementId: string; clauseId: string; county: string; title: string } | null;
    /** Situation facets read from the question or taken from the clause. */
    facets: string[];
  };
  rows: CountyRow[];
  /** The answer most counties give (at least two, more than any other), or null. */
  common: { key: string; counties: string[] } | null;
}

const perCountyLimit = 10;
/** Question words in more than this share of the clauses (NAV, OT) say nothing about whether a clause fits. */
const commonShare = 0.3;

function invalid(message: string): GjerdeError {
  return new GjerdeError('invalid-input', message);
}

/** The role a party plays, in words that mean the same in every county. */
export function partyRole(party: Party | undefined, parties: readonly Party[], depth = 0): string | null {
  if (!party) return null;
  const kind = partyKind(party);
  if (kind === 'nav') return 'NAV';
  if (party.id === 'ot' || /oppfølgingstj?enest|\bOT\b/iu.test(party.name)) return 'OT';
  if (kind === 'fylkeskommune') return 'Fylkeskommunen';
  // A school or the county's apprenticeship office is the county's own.
  if (/sk[ou]le|fagopplæring/iu.test(party.name)) return 'Fylkeskommunen';
  const parent = parties.find((candidate) => candidate.id === party.partOf);
  return (depth < 5 && partyRole(parent, parties, depth + 1)) || party.name;
}

function ruleOf(clause: Clause): string {
  return JSON.stringify([
    clause.status,
    clause.owner ?? null,
    [...clause.supporting].sort(),
    costKey(clause.costShares),
  ]);
}

/**
 * The first day from which the agreement has said this about the clause without a break: back through the
 * days the version in force changes, as long as the version then in force has the clause with the same rule.
 */
function ruleSince(index: ClauseIndex, version: IndexedVersion, clause: Clause): string {
  const rule = ruleOf(clause);
  let since = version.agreement.meta.validFrom;
  const starts = new Set<string>();
  for (const { agreement } of index.history(version.agreementId))
    if (agreement.meta.validFrom < since) starts.add(agreement.meta.validFrom);
  for (const start of [...starts].sort().reverse()) {
    if (start >= since) continue;
    const earlier = index.versionOn(version.agreementId, start);
    const same = clauseIn(earlier, clause.id);
    // Only a version that reaches up to the day the later one starts continues the rule without a gap.
    const reaches =
      earlier && (!earlier.agreement.meta.validTo || earlier.agreement.meta.validTo >= dayBefore(since));
    if (!same || !reaches || ruleOf(same) !== rule) break;
    since = start;
  }
  return since;
}

/** The facets a clause is about: written (`situasjon=`) or read from its title and keywords. */
function clauseFacets(clause: Clause): Set<string> {
  return new Set([...clause.facets, ...readDocFacts(clause).facets.keys()]);
}

function keyOf(answer: CountyClause | null, status: CountyStatus): string {
  if (status === 'no-agreement') return 'ingen avtale';
  if (!answer) return 'ikke omtalt';
  if (answer.status === 'grey') return 'uavklart';
  return answer.ownerRole ?? answer.owner?.name ?? 'ukjent';
}

/** How each county's agreements in force on the date handle one situation. */
export function acrossCounties(
  index: ClauseIndex,
  request: NationalRequest,
  options: LookupOptions = {},
): NationalOverview {
  const now = today();
  const q = (request.q ?? '').trim();
  const given = [q !== '', Boolean(request.situation), Boolean(request.agreement || request.clause)];
  if (given.filter(Boolean).length !== 1)
    throw invalid(
      'Velg én ting å sammenligne: et spørsmål, en situasjon, eller et ansvarspunkt (avtale og punkt).',
    );
  if (request.at !== undefined && request.at !== '' && !isIsoDate(request.at))
    throw invalid(`«${String(request.at).slice(0, 60)}» er ikke en gyldig dato. ${typeDateAs}`);
  // A date the question names («i 2022») is the table's date, unless a date is given.
  const dated = readQuestionDate(numbersAsDigits(q), now);
  const date = request.at || dated.date?.date || now;

  let topic: NationalOverview['topic'];
  let asked: { q?: string; situation?: string };
  let facets: string[];
  if (q) {
    facets = interpret(dated.text).facets;
    topic = { kind: 'question', label: q, q, situation: null, age: null, clause: null, facets };
    asked = { q };
  } else if (request.situation) {
    if (!isSituationFacet(request.situation))
      throw invalid(
        `Ukjent situasjon «${request.situation.slice(0, 60)}». Kjente: ${Object.keys(situationFacets).join(', ')}.`,
      );
    facets = [request.situation];
    const label = situationFacets[request.situation] as string;
    topic = {
      kind: 'situation',
      label,
      q: null,
      situation: request.situation,
      age: null,
      clause: null,
      facets,
    };
    asked = { q: label, situation: request.situation };
  } else {
    const reference = referenceClause(index, request.agreement, request.clause, date);
    facets = [...clauseFacets(reference.clause)];
    const county = countyOf(index, reference.version.agreement.meta);
    topic = {
      kind: 'clause',
      label: reference.clause.title,
      q: null,
      situation: null,
      age: null,
      clause: {
        agreementId: reference.version.agreementId,
        clauseId: reference.clause.id,
        county,
        title: reference.clause.title,
      },
      facets,
    };
    asked = {
      q: [reference.clause.title, ...reference.clause.keywords].join(' ').slice(0, maxQuestionLength),
    };
  }

  // Once real agreements answer lookups, the example agreements leave the table as they leave the lookup: a
  // county that has only examples would stand as «ikke omtalt» beside the real ones and outvote them.
  const dropExamples = examplesLeftOut(index, options, date);
  const counted = (version: IndexedVersion): boolean => !dropExamples || !version.agreement.meta.example;
  const withAgreements = new Set(
    index
      .agreementIds()
      .flatMap((id) => index.history(id).filter(counted))
      .map((version) => countyOf(index, version.agreement.meta)),
  );
  const compared = knownCounties(index).filter((county) => withAgreements.has(county));
  const answers = new Map<string, LookupAnswer>();
  for (const county of compared) {
    answers.set(
      county,
      lookup(index, { ...asked, age: request.age, at: date, county, limit: perCountyLimit }, options),
    );
  }
  // A question's words that few clauses have: a clause sharing none of them does not answer it.
  const rareWords = q
    ? terms(interpret(dated.text).text).filter((term) => index.share(term) <= commonShare)
    : [];
  const fits = (result: LookupResult): boolean => {
    const clause = clauseOf(index, date, result);
    if (!clause) return false;
    if (facets.length === 0) {
      if (rareWords.length === 0) return true;
      const words = new Set(terms([clause.title, ...clause.keywords, clause.text].join(' ')));
      return rareWords.some((word) => words.has(word));
    }
    const about = clauseFacets(clause);
    // A clause about no situation in particular applies to every situation only for a question in words.
    if (about.size === 0) return topic.kind !== 'situation';
    return facets.some((facet) => about.has(facet));
  };

  const rows: CountyRow[] = [];
  for (const [county, answer] of answers) {
    const inForce = [...index.inForce(date).values()].some(
      (version) => counted(version) && countyOf(index, version.agreement.meta) === county,
    );
    if (!inForce || answer.emptyBecause === 'none-in-scope') {
      rows.push(emptyRow(county, 'no-agreement'));
      continue;
    }
    const candidates = answer.results.filter(fits);
    // The reference clause answers for its own county.
    const own =
      topic.clause?.county === county
        ? candidates.find(
            (result) =>
              result.agreementId === topic.clause?.agreementId && result.clauseId === topic.clause.clauseId,
          )
        : undefined;
    const countyWide = candidates.filter(
      (result) => result.area === null && result.agreementKind !== 'lokal',
    );
    // A situation is broad: a clause written for it that settles it says how the county handles it, before a
    // grey zone about one corner of it (PC in the OT class, for those who have left).
    const settledForIt =
      topic.kind === 'situation'
        ? countyWide.find(
            (result) => result.status === 'settled' && result.facets.includes(topic.situation ?? ''),
          )
        : undefined;
    const main = own ?? settledForIt ?? countyWide[0];
    const answerClause = main ? countyClause(index, date, main) : null;
    const status: CountyStatus = answerClause?.status ?? 'not-covered';
    const key = keyOf(answerClause, status);
    const local: CountyClause[] = [];
    const seen = new Set<string>();
    for (const result of candidates) {
      if (result.agreementKind !== 'lokal' || seen.has(result.agreementId)) continue;
      seen.add(result.agreementId);
      const clause = countyClause(index, date, result);
      if (clause && keyOf(clause, clause.status) !== key) local.push(clause);
    }
    rows.push({ county, status, answer: answerClause, local, key, differs: false });
  }

  const common = commonAnswer(rows);
  if (common) for (const row of rows) row.differs = row.status !== 'no-agreement' && row.key !== common.key;
  return {
    date,
    isToday: date === now,
    topic: { ...topic, age: ageOf(request.age) ?? interpret(dated.text).age ?? null },
    rows,
    common,
  };
}

function ageOf(value: string | number | undefined): AgeRange | undefined {
  if (value === undefined || value === '') return undefined;
  const age = Number(value);
  return Number.isInteger(age) ? { min: age, max: age } : undefined;
}

function emptyRow(county: string, status: CountyStatus): CountyRow {
  return { county, status, answer: null, local: [], key: keyOf(null, status), differs: false };
}

/** The answer at least two counties give, more than any other; rows without an agreement do not count. */
function commonAnswer(rows: CountyRow[]): NationalOverview['common'] {
  const byKey = new Map<string, string[]>();
  for (const row of rows) {
    if (row.status === 'no-agreement') continue;
    byKey.set(row.key, [...(byKey.get(row.key) ?? []), row.county]);
  }
  const ranked = [...byKey].sort((a, b) => b[1].length - a[1].length);
  const [first, second] = ranked;
  if (!first || first[1].length < 2 || (second && second[1].length === first[1].length)) return null;
  return { key: first[0], counties: first[1] };
}

function clauseOf(index: ClauseIndex, date: string, result: LookupResult): Clause | undefined {
  return clauseIn(index.inForce(date).get(result.agreementId), result.clauseId);
}

function countyClause(index: ClauseIndex, date: string, result: LookupResult): CountyClause | null {
  const version = index.inForce(date).get(result.agreementId);
  const clause = clauseIn(version, result.clauseId);
  if (!version || !clause) return null;
  const { parties } = version.agreement.meta;
  return {
    agreementId: result.agreementId,
    agreementTitle: result.agreementTitle,
    agreementKind: result.agreementKind,
    area: result.area,
    clauseId: result.clauseId,
    clauseTitle: result.clauseTitle,
    status: clause.status,
    owner: result.owner,
    ownerRole: result.owner
      ? partyRole(
          parties.find((party) => party.id === result.owner?.id),
          parties,
        )
      : null,
    supporting: result.supporting,
    costBearer: result.costBearer,
    costShares: result.costShares,
    escalation: result.escalation,
    ages: result.ages,
    since: ruleSince(index, version, clause),
    approvalWarning: result.approvalWarning,
  };
}

function referenceClause(
  index: ClauseIndex,
  agreementId: string | undefined,
  clauseId: string | undefined,
  date: string,
): { version: IndexedVersion; clause: Clause } {
  if (!agreementId || !clauseId)
    throw invalid(
      'Et ansvarspunkt å sammenligne med trenger både avtale og punkt (f.eks. fjordvik-ramme og uten-laereplass).',
    );
  const history = index.history(agreementId);
  if (history.length === 0) throw invalid(`Fant ingen godkjent avtale med id «${agreementId.slice(0, 60)}».`);
  // The clause as in force on the date, or as last approved (a clause being revised may be new).
  for (const version of [index.inForce(date).get(agreementId), ...history]) {
    const clause = clauseIn(version, clauseId);
    if (version && clause) return { version, clause };
  }
  throw invalid(`Avtalen «${agreementId}» har ikke noe godkjent punkt med id «${clauseId.slice(0, 60)}».`);
}
