/**
 * «Who owns this?»: a question in a case worker's words, filters and a date → the responsibility clauses
 * of the agreements in force on that date, the most specific first, each with its owner (or «Uavklart»
 * and where to take the case), and where unclear cases go when nothing fits.
 */

import SearchableMap from 'minisearch/SearchableMap';
import { everyCounty } from '../access/policy.js';
import type { CountyRegistry } from '../domain/county-splits.js';
import { GjerdeError } from '../domain/errors.js';
import { containsNationalIdNumber, personalDataMessage } from '../domain/personal-data.js';
import { type ApprovalWarning, approvalWarning } from '../domain/text-approval.js';
import { ageMatches, agesOverlap } from '../format/clauses.js';
import { costPercentages, paysCost, singleCostBearer } from '../format/cost.js';
import { dateProblem, dayBefore, isIsoDate, today, typeDateAs } from '../format/dates.js';
import type { AgeRange, AgreementKind, AgreementMeta, Clause, ClauseStatus } from '../format/types.js';
import { isSituationFacet, situationFacets } from '../format/vocabulary.js';
import { describeCost, formatDate } from '../format/wording.js';
import { answersIntent, type DocFactTable, facetMask } from './clause-facts.js';
import {
  type ClauseIndex,
  clauseIn,
  fieldBoosts,
  type IndexedClause,
  type IndexedVersion,
} from './clause-index.js';
import { type CountyNeeded, countyNeeded, countyUnknown } from './county-needed.js';
import { countyWideFirst, holdsOwnParty } from './county-wide-first.js';
import { withoutDisputingParties } from './disputing-parties.js';
import { DocScores } from './doc-scores.js';
import { decisionDay, lawTakenUpDay } from './event-days.js';
import { type GreyContext, governingGreyZone, type NarrowerCase, type ScoredClause } from './grey-zones.js';
import { grunnskoleTerms, inGrunnskolen } from './grunnskole.js';
import { withoutIntroduction } from './introduction.js';
import { isWord } from './lexicon.js';
import { namedCounty, namedMunicipality } from './named-county.js';
import { namesPlace } from './named-place.js';
import { compoundParts, fold, particleVerbTerms, stopWords, term, terms, tokenize } from './norwegian.js';
import {
  ageOutside,
  type NotCovered,
  notNamedAtAll,
  notYetCovered,
  paidFor,
  payTerms,
  type Thing,
  thingNamedNowhere,
  thingNotNamed,
} from './not-covered.js';
import {
  askedThing,
  isWhoWord,
  namedThings,
  neededThing,
  openingThing,
  responsibleFor,
  whereOf,
} from './opening-thing.js';
import { PhraseMatcher } from './phrases.js';
import {
  type Intent,
  interpret,
  namesHandOver,
  negationTerms,
  type QuestionDate,
  readAgreementChange,
  readDecision,
  readPreviousAgreement,
  readQuestionDate,
  type SchoolState,
} from './question.js';
import { kthLargest } from './select.js';
import { writtenOut } from './short-forms.js';
import { askedPart, joinSplitWords, numbersAsDigits, setAside } from './spoken.js';
import {
  answersInSuccessor,
  countiesOn,
  type InheritedCounty,
  inheritedCounties,
  inheritedVersion,
  successorNamed,
  successorsOn,
} from './successor-scope.js';
import type { DocumentList, TermQuery } from './term-index.js';
import { monthsNamed, timeOfYearWeight, timesInFull } from './time-of-year.js';
import { type Uncertainty, uncertainty } from './uncertainty.js';

export interface LookupRequest {
  /** The question in the case worker's words. */
  q?: string | undefined;
  /** `YYYY-MM-DD`: answer from the versions in force on this date (default today). */
  at?: string | undefined;
  /** County name (any case), e.g. «Fjordvik». */
  county?: string | undefined;
  /** Agreement id: that agreement and the agreements above it (`overordnet`), which apply too. */
  agreement?: string | undefined;
  /** Party id: clauses where the party is responsible, supports or pays. */
  party?: string | undefined;
  /** Age in years (a whole number); clauses with an age range apply only within it. */
  age?: string | number | undefined;
  /** Situation facet id (`situasjon=` in the format). */
  situation?: string | undefined;
  limit?: string | number | undefined;
  /** `all`: every county, the person's own first (default: the person's counties, or the one asked about). */
  scope?: string | undefined;
  /** The signed-in person's counties and parties: the default scope (from `Principal`). */
  person?: { counties: readonly string[]; parties: readonly string[] } | undefined;
}

export interface LookupOptions {
  /** Example agreements answer even when the store has real ones (for a demonstration). */
  keepExamples?: boolean;
  /** Counties that were split (felles/fylker.yaml): a successor's people are answered by the dissolved county's agreements. */
  splits?: CountyRegistry;
}

export interface PartyRef {
  id: string;
  name: string;
}

export interface CostShareRef {
  party: PartyRef;
  /** Percent. */
  share: number;
}

/** Who pays an answer's clause, in words (see `describeCost`). */
export function describeCostShares(shares: readonly CostShareRef[]): string | undefined {
  return describeCost(shares.map(({ party, share }) => ({ name: party.name, percent: share })));
}

export interface LookupResult {
  agreementId: string;
  agreementTitle: string;
  agreementKind: AgreementKind;
  county: string;
  /** A local agreement's area («Strandby»): it applies only there. Null for county-wide agreements. */
  area: string | null;
  example: boolean;
  clauseId: string;
  clauseTitle: string;
  status: ClauseStatus;
  /** The one responsible party; null for a grey zone (never an owner there). */
  owner: PartyRef | null;
  supporting: PartyRef[];
  /** The one party that pays it all; null for a shared cost (see `costShares`) or none. */
  costBearer: PartyRef | null;
  /** Every party that pays, with its share in percent (equal shares of three: 33.33 each); empty for none. */
  costShares: CostShareRef[];
  legalBasis: string | null;
  /** `link`: where to find who has the role now (the agreement's `lenke`), or null. */
  contact: {
    id: string;
    role: string;
    party: PartyRef;
    description: string | null;
    link: string | null;
  } | null;
  /** When the clause names no contact: the agreement's contact roles for the owner. */
  ownerContacts?: { role: string; description: string | null; link: string | null }[];
  /** Where to take the case: required on a grey zone; on a settled clause where disagreement goes. */
  escalation: string | null;
  text: string;
  ages: AgeRange | null;
  facets: string[];
  revision: { rev: string; date: string; author: string };
  /**
   * Null when the parties' approval of this clause text is recorded. Otherwise the file says `godkjent`
   * but no approval of this text is registered (src/domain/text-approval.ts): who gave the clauses this
   * text in which commit, and the last recorded approval, of another text (null when there is none).
   */
  approvalWarning: ApprovalWarning | null;
  validity: { from: string; to: string | null };
  score: number;
  /** For an answer about a past date: the same clause today, when its owner or status differs since. */
  today?: { status: ClauseStatus | 'gone'; owner: PartyRef | null };
  /**
   * For an answer about today or later: the first approved version from a later day that gives the clause
   * another owner or status (or drops it), from its first day, with when that version was saved.
   */
  upcoming?: { from: string; status: ClauseStatus | 'gone'; owner: PartyRef | null; saved: string };
}

export interface EscalationRoute {
  agreementId: string;
  agreementTitle: string;
  county: string;
  to: string;
}

export interface LookupAnswer {
  date: string;
  /** The date asked about is today (links then point at the current version). */
  isToday: boolean;
  question: {
    q: string;
    /** The age the question or the filter gives, if any. */
    age: AgeRange | null;
    /** Facets read from the question's words (ranking), and the facet filter. */
    facets: string[];
    /** Facets the question rules out («ikke lenger elev»): clauses only about those rank low. */
    notFacets: string[];
    /** Has left school, or at risk of leaving («har sluttet» / «vurderer å slutte»). */
    state: SchoolState | null;
    /** What is asked beyond the situation: `cost`, `contact`, `escalation`. */
    intents: Intent[];
    situation: string | null;
    asksWhoPays: boolean;
    /** The date the question names («i mars 2022»): the answer is as of it unless `at` was given. */
    date: QuestionDate | null;
  };
  filters: { county: string | null; agreement: string | null; party: string | null };
  /**
   * Whose agreements answer: the counties (null: every county), and why: an explicit `county` filter, a
   * county or NAV office the question names, the signed-in person's counties, or none of those.
   */
  scope: {
    counties: string[] | null;
    source: 'filter' | 'question' | 'person' | 'none';
    /** The NAV office area the question names («Strandby»), whose local agreement answers first. */
    area: string | null;
    /** `scope=all` was asked: other counties are shown, under their own heading. */
    all: boolean;
    /** The scope's counties with no agreement in force on the date (Dalheim in 2018: its own came in 2024). */
    withoutAgreement: string[];
  };
  results: LookupResult[];
  /** Results from other counties than the scope's, shown apart (with `scope=all`, or when the scope has none). */
  elsewhere: LookupResult[];
  /**
   * A grey zone that fits the question as well as a settled clause: it comes first, and the answer says
   * at the top that the agreement leaves this unsettled and where the case goes.
   */
  caution: {
    agreementId: string;
    clauseId: string;
    clauseTitle: string;
    escalation: string | null;
  } | null;
  /**
   * The first clause is not a confident answer: the next one fits nearly as well and gives the case to
   * another party (uncertainty.ts). The answer says so at the top.
   */
  uncertain: Uncertainty | null;
  /**
   * The case's county is not known (scope: every county, or the several counties the person works in) and
   * the agreements of several counties answer the question (county-needed.ts): each county's owner is right
   * only for its county, so the answer names them and asks for the county; no card is *the* answer. Null
   * otherwise.
   */
  countyNeeded: CountyNeeded | null;
  /**
   * No clause covers the question (not-covered.ts): the answer says so at the top with the route for unclear
   * cases, and the results are only the nearest clauses, not the answer. Null otherwise.
   */
  notCovered: NotCovered | null;
  /** Where unclear cases go for the agreements the question covers. */
  escalation: EscalationRoute[];
  /** A plain-language note when nothing is found or nothing was in force. */
  message: string | null;
  /** Why there is no clause, for programs (the message says it to people); null when there are results. */
  emptyBecause: EmptyReason | null;
}

/**
 * Why an answer has no clause: nothing in force, only examples, nothing in the scope, no clause fits, or the
 * county asked about has no agreement in Gjerde.
 */
export const emptyReasons = [
  'none-in-force',
  'only-examples',
  'none-in-scope',
  'no-fit',
  'no-agreement-for-county',
] as const;
export type EmptyReason = (typeof emptyReasons)[number];

const defaultLimit = 10;
/** Best full-text hits that are weighed for specificity. */
const candidateLimit = 300;
/** Hits whose wording is compared with the question's (the rest keep their search score). */
const rerankDepth = 60;
const maxLimit = 50;
/**
 * A question may be a pasted case description or a message from a parent (a few sentences, 300–900
 * characters in the tenth blind county); the bound keeps one question's reading cheap.
 */
export const maxQuestionLength = 2000;
/** Results far below the best are noise from one common word. */
const relativeFloor = 0.12;
const synonymWeight = 0.75;
/**
 * Question words that the facets or intents read explain, and the facets' labels in their place: a word
 * the meaning reads counts half as a word, so the clause that says it as the case worker wrote it
 * («kontaktperson», «introduksjonsprogrammet») still comes before a neighbour the meaning alone finds.
 */
const explainedWeight = 0.5;
const labelWeight = 0.5;
/** The fields that name a clause's case (its title and keywords), not those that only mention a word. */
const namingFields = ['title', 'keywords'] as const;
/** What a clause's fitting meaning (one facet or intent) is worth, as a share of the best text match. */
const meaningShare = 0.3;
/** …and at least this much: about one rare word in a clause's title. */
const meaningFloor = 15;
/** Terms in more than this share of the search documents are left out when rarer ones are asked for. */
const commonShare = 0.5;
/** Compounds a question's word is the tail of («kurs» → «læreplasskurs»), or the head of. */
const tailWeight = 0.35;
const headWeight = 0.2;
/** The shortest head and tail a compound is taken apart into by the agreements' own words. */
const shortestHead = 5;
const shortestTail = 4;
const kindWeight: Record<AgreementKind, number> = { ramme: 1, del: 1.02, lokal: 1.04 };
/** A local agreement when no area is known: it may not apply to the case at all. */
const unknownAreaWeight = 0.7;
/** …and about a case its author marked, that the question does not name (`marksItsCase`). */
const markedLocalWeight = 0.5;
/**
 * A clause about handing the young person over (notifying, referring) when the question does not ask about
 * that: the party that hands over is not the one that owns the case.
 */
const handOverWeight = 0.4;

function invalid(message: string): GjerdeError {
  return new GjerdeError('invalid-input', message);
}

function preview(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

function wholeNumber(
  value: string | number | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number =
    typeof value === 'number' ? value : /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    throw invalid(`${name} må være et helt tall fra ${min} til ${max}, ikke «${preview(String(value))}».`);
  }
  return number;
}

interface Filters {
  date: string;
  q: string;
  age?: AgeRange;
  ageFromFilter: boolean;
  situation?: string;
  county?: string;
  /** A successor county chosen that has no agreement of its own yet (felles/fylker.yaml): its scope. */
  successor?: string;
  agreement?: string;
  party?: string;
  limit: number;
}

/**
 * The date field's day: a date, or what the question's reading makes of the same words («2024» is 1 July
 * 2024 there, «mars 2022» 1 March), so the field and the question agree. A day that does not exist is told
 * why («31.02.2024» finnes ikke: februar 2024 har 29 dager), not only how to write a date.
 */
function fieldDay(written: string, now: string): string {
  if (isIsoDate(written)) return written;
  const read = readQuestionDate(written, now);
  if (read.date && read.text === '') return read.date.date;
  const problem = dateProblem(written);
  throw invalid(
    problem === typeDateAs
      ? `«${preview(written)}» er ikke en gyldig dato. ${typeDateAs}`
      : `${problem} ${typeDateAs}`,
  );
}

/** Checks every input; problems are Norwegian messages (400), a national identity number is refused (422). */
export function readRequest(
  index: ClauseIndex,
  request: LookupRequest,
  now = today(),
  splits?: CountyRegistry,
): Filters {
  const q = (request.q ?? '').trim();
  if (containsNationalIdNumber(q)) throw new GjerdeError('personal-data', personalDataMessage);
  if (q.length > maxQuestionLength)
    throw invalid(
      `Spørsmålet er for langt. Beskriv situasjonen med færre ord (høyst ${maxQuestionLength} tegn).`,
    );
  const date = request.at === undefined || request.at === '' ? now : fieldDay(request.at, now);
  const filters: Filters = {
    date,
    q,
    ageFromFilter: false,
    limit: wholeNumber(request.limit, 'Antall svar', 1, maxLimit) ?? defaultLimit,
  };
  if (request.scope && request.scope !== 'all')
    throw invalid(
      `Ukjent omfang «${preview(request.scope)}». Bruk «all» for alle fylker, eller la det stå tomt.`,
    );
  const age = wholeNumber(request.age, 'Alder', 0, 120);
  if (age !== undefined) {
    filters.age = { min: age, max: age };
    filters.ageFromFilter = true;
  }
  if (request.situation) {
    if (!isSituationFacet(request.situation)) {
      throw invalid(
        `Ukjent situasjon «${preview(request.situation)}». Kjente: ${Object.keys(situationFacets).join(', ')}.`,
      );
    }
    filters.situation = request.situation;
  }
  if (request.county) {
    const counties = knownCounties(index);
    const county = counties.find(
      (name) => fold(name.toLowerCase()) === fold(request.county?.trim().toLowerCase() ?? ''),
    );
    // A successor without agreements of its own is answered by its dissolved county's (resolveScope).
    const successor = county ? undefined : successorNamed(splits, request.county);
    if (successor) filters.successor = successor;
    else if (!county) {
      // The counties there are on the day: a split county's successors, which its agreements answer for.
      const existing = countiesOn(splits, counties, date);
      throw invalid(
        `Ukjent fylke «${preview(request.county)}». Fylker med avtaler: ${existing.join(', ') || 'ingen'}.`,
      );
    }
    filters.county = county;
  }
  if (request.agreement) {
    if (index.history(request.agreement).length === 0) {
      throw invalid(`Fant ingen godkjent avtale med id «${preview(request.agreement)}».`);
    }
    filters.agreement = request.agreement;
  }
  if (request.party) {
    if (!knownParties(index).has(request.party))
      throw invalid(`Ukjent part «${preview(request.party)}» (bruk partens id, f.eks. «ot»).`);
    filters.party = request.party;
  }
  return filters;
}

/** A county as compared: without case and with spaces collapsed («fjordvik», «Fjord  vik» are Fjordvik's). */
function countyKey(county: string): string {
  return fold(county.trim().replace(/\s+/gu, ' ').toLowerCase());
}

/**
 * Each county as written in an agreement → as most of its agreements write it. A file, a sync or an import
 * may write «fjordvik» where the county's other agreements write «Fjordvik» (the validator warns about it);
 * the lookup must not make it a county of its own, apart from the county's scope.
 */
function countySpellings(index: ClauseIndex): Map<string, string> {
  return index.derived('county-spellings', () => {
    const byKey = new Map<string, Map<string, number>>();
    for (const id of index.agreementIds())
      for (const { agreement } of index.history(id)) {
        const written = agreement.meta.county;
        const spellings = byKey.get(countyKey(written)) ?? new Map<string, number>();
        spellings.set(written, (spellings.get(written) ?? 0) + 1);
        byKey.set(countyKey(written), spellings);
      }
    const usual = new Map<string, string>();
    for (const spellings of byKey.values()) {
      const ranked = [...spellings].sort(
        ([a, countA], [b, countB]) => countB - countA || a.localeCompare(b, 'nb'),
      );
      for (const [written] of spellings) usual.set(written, ranked[0]?.[0] ?? written);
    }
    return usual;
  });
}

/** An agreement's county as the lookup groups it: as most of the county's agreements write it. */
export function countyOf(index: ClauseIndex, meta: AgreementMeta): string {
  return countySpellings(index).get(meta.county) ?? meta.county;
}

/** The counties of every approved version (each as most of its agreements write it), sorted. */
export function knownCounties(index: ClauseIndex): string[] {
  return index.derived('counties', () => {
    const counties = new Set<string>();
    for (const id of index.agreementIds())
      for (const version of index.history(id)) counties.add(countyOf(index, version.agreement.meta));
    return [...counties].filter(Boolean).sort((a, b) => a.localeCompare(b, 'nb'));
  });
}

/** Party ids → a label: its shortest name, «m.fl.» when agreements name it differently (OT per county). */
export function knownParties(index: ClauseIndex): Map<string, string> {
  return index.derived('parties', () => {
    const names = new Map<string, Set<string>>();
    for (const id of index.agreementIds()) {
      for (const version of index.history(id)) {
        for (const party of version.agreement.meta.parties) {
          const set = names.get(party.id) ?? new Set<string>();
          set.add(party.name);
          names.set(party.id, set);
        }
      }
    }
    const labels = new Map<string, string>();
    for (const [id, set] of names) {
      const shortest = [...set].sort((a, b) => a.length - b.length || a.localeCompare(b, 'nb'))[0] as string;
      labels.set(id, set.size > 1 ? `${shortest} m.fl.` : shortest);
    }
    return labels;
  });
}

/** The agreement and the agreements above it, as in force on the date (or as last approved). */
function chain(index: ClauseIndex, inForce: Map<string, IndexedVersion>, id: string): string[] {
  const ids: string[] = [];
  for (let current: string | undefined = id; current && !ids.includes(current) && ids.length < 10; ) {
    ids.push(current);
    const version: IndexedVersion | undefined = inForce.get(current) ?? index.history(current)[0];
    current = version?.agreement.meta.parent;
  }
  return ids;
}

/**
 * Whether the examples have left the lookup on a date: they do once a real umbrella or sub-agreement whose
 * text has a recorded approval is in force on it, unless kept for a demonstration. A file committed outside
 * Gjerde with `status: godkjent` and no recorded approval does not count: one such file would otherwise
 * take every example out of the lookup. A county's first real agreement approved ahead of its start
 * does not empty today's answers: until it starts, the examples answer (marked as examples). A real local
 * agreement does not count: it answers only for its own office, and the (example) umbrella above it still
 * governs the county's other offices. The example contact registers leave with them (src/web/routes/lookup.ts).
 */
export function examplesLeftOut(index: ClauseIndex, options: LookupOptions, date: string): boolean {
  if (options.keepExamples) return false;
  for (const version of index.inForce(date).values()) {
    const { meta } = version.agreement;
    if (isRealApproved(version) && meta.kind !== 'lokal') return true;
  }
  return false;
}

/** A real agreement whose text the parties' recorded approval gave (not an example, not an unrecorded text). */
function isRealApproved(version: IndexedVersion): boolean {
  return !version.agreement.meta.example && version.unrecorded === undefined;
}

/**
 * The example agreements a real local agreement in force replaces while the other examples still answer:
 * the example local agreements of the same NAV office.
 */
function replacedByRealLocal(inForce: Map<string, IndexedVersion>): (meta: AgreementMeta) => boolean {
  const offices = new Set<string>();
  for (const version of inForce.values()) {
    const { meta } = version.agreement;
    if (isRealApproved(version)) for (const id of localAreaOf(meta)?.officeIds ?? []) offices.add(id);
  }
  return (meta) =>
    offices.size > 0 && meta.example && (localAreaOf(meta)?.officeIds.some((id) => offices.has(id)) ?? false);
}

/**
 * `candidates` by the versions in force (one map per validity period, made anew when the index changes) and
 * the filters that choose among them: every lookup asked for them (twice when asked about another day), and
 * reading each version's county cost as much as a tenth of ranking.
 */
const chosenCandidates = new WeakMap<
  Map<string, IndexedVersion>,
  Map<string, { versions: Map<string, IndexedVersion>; examplesLeftOutIn: Set<string> }>
>();

/** The versions that may answer, and the counties of those in force left out only as examples. */
function candidates(
  index: ClauseIndex,
  filters: Filters,
  options: LookupOptions,
): { versions: Map<string, IndexedVersion>; examplesLeftOutIn: Set<string> } {
  const inForce = index.inForce(filters.date);
  let chosen = chosenCandidates.get(inForce);
  if (!chosen) {
    chosen = new Map();
    chosenCandidates.set(inForce, chosen);
  }
  const key = `${filters.agreement ?? ''}\0${filters.county ?? ''}\0${options.keepExamples ? 1 : 0}`;
  const known = chosen.get(key);
  if (known) return known;
  const dropExamples = examplesLeftOut(index, options, filters.date);
  const replaced = dropExamples || options.keepExamples ? () => false : replacedByRealLocal(inForce);
  const allowedIds = filters.agreement ? new Set(chain(index, inForce, filters.agreement)) : undefined;
  const versions = new Map<string, IndexedVersion>();
  const examplesLeftOutIn = new Set<string>();
  for (const [id, version] of inForce) {
    if (allowedIds && !allowedIds.has(id)) continue;
    const county = countyOf(index, version.agreement.meta);
    if (filters.county && county !== filters.county) continue;
    const { meta } = version.agreement;
    if ((dropExamples && meta.example) || replaced(meta)) examplesLeftOutIn.add(county);
    else versions.set(id, version);
  }
  const found = { versions, examplesLeftOutIn };
  chosen.set(key, found);
  return found;
}

/** Versions that may answer, and a key naming them (the filters and scope that chose them). */
interface Pool {
  versions: Map<string, IndexedVersion>;
  key: string;
}

/** A pool's search documents (1), by document id, and each one's clause and version. */
interface PoolDocs {
  allowed: Uint8Array;
  /** By document id: 0 outside the pool, else one more than the place of its clause in `entries`. */
  places: Int32Array;
  /** By place: the clause's version and entry (two lists, not an object per clause: a pool has ~8,600). */
  versions: IndexedVersion[];
  entries: IndexedClause[];
  /** By place: its version's number among the pool's versions (what a ranking reads once per version). */
  slots: Int32Array;
  /** The pool's versions, by number. */
  distinct: IndexedVersion[];
}

/**
 * Pools' documents by index, validity period (every date of one has the same versions in force) and scope:
 * the last few are kept (questions come in runs).
 */
const poolCache = new WeakMap<ClauseIndex, { changes: number; pools: Map<string, PoolDocs> }>();
const maxCachedPools = 64;

function poolDocs(index: ClauseIndex, date: string, pool: Pool): PoolDocs {
  let cache = poolCache.get(index);
  // A new version may keep every document of the one before (a fix back to an earlier text) while its
  // pool's versions change: kept pools are for the versions they were made of.
  if (!cache || cache.changes !== index.changeCount) {
    cache = { changes: index.changeCount, pools: new Map() };
    poolCache.set(index, cache);
  }
  const key = `${index.validityPeriod(date)}\0${pool.key}`;
  const known = cache.pools.get(key);
  if (known) return known;
  const docs = new Uint8Array(index.documentCount);
  const places = new Int32Array(index.documentCount);
  const versions: IndexedVersion[] = [];
  const entries: IndexedClause[] = [];
  const bySlot: number[] = [];
  const distinct = [...pool.versions.values()];
  distinct.forEach((version, slot) => {
    for (const entry of version.clauses) {
      docs[entry.doc] = 1;
      versions.push(version);
      bySlot.push(slot);
      places[entry.doc] = entries.push(entry);
    }
  });
  if (cache.pools.size >= maxCachedPools) cache.pools.delete(cache.pools.keys().next().value as string);
  const found = { allowed: docs, places, versions, entries, slots: Int32Array.from(bySlot), distinct };
  cache.pools.set(key, found);
  return found;
}

/** The search documents of a pool's clauses (1), by document id. */
function allowed(index: ClauseIndex, date: string, pool: Pool): Uint8Array {
  return poolDocs(index, date, pool).allowed;
}

/** Whether a clause applies to the situation the filters describe (clauses without a limit apply to all). */
function applies(clause: Clause, filters: Filters): boolean {
  if (filters.age && clause.ages && !agesOverlap(clause.ages, filters.age)) return false;
  if (filters.situation && clause.facets.length > 0 && !clause.facets.includes(filters.situation))
    return false;
  if (
    filters.party &&
    clause.owner !== filters.party &&
    !paysCost(clause.costShares, filters.party) &&
    !clause.supporting.includes(filters.party)
  ) {
    return false;
  }
  return true;
}

/** What the question means beyond its words, as the ranking uses it. */
interface Meaning {
  /** Facets asked for: the situation filter first, then those read from the question. */
  facets: string[];
  notFacets: string[];
  intents: Intent[];
  /** `facets` and `notFacets` as bit masks (see `facetMask`). */
  facetMask: number;
  notFacetMask: number;
  /** The question is about handing a young person over (notifying, referring): see `handOverWeight`. */
  handOver: boolean;
}

/** What a clause weighs for its version: its kind of agreement, and the level of the agreement asked under. */
function versionWeight(version: IndexedVersion, chainIds: string[]): number {
  let weight = kindWeight[version.agreement.meta.kind];
  // The agreement the case worker works under answers before the agreements above it.
  const level = chainIds.indexOf(version.agreementId);
  if (level >= 0) weight *= 1 + 1 / (level + 1);
  return weight;
}

/** Years between an age range's ends (an open end: the youngest or oldest the agreements cover). */
function ageWidth(ages: AgeRange): number {
  return Math.max(0, (ages.max ?? 30) - (ages.min ?? 15));
}

/** How much more specific than others a clause is for this question (a factor around 1). */
function specificity(
  clause: Clause,
  facts: DocFactTable,
  doc: number,
  versionWeight: number,
  filters: Filters,
  meaning: Meaning,
): number {
  let weight = versionWeight;
  if (filters.age && clause.ages) {
    // A narrow age range that holds the age asked about is the more specific clause (22–24 before 15–24),
    // but a clause without an age range applies to every age and loses nothing.
    weight *= 1 + 0.3 / (1 + ageWidth(clause.ages) / 3);
  }
  const facetCount = facts.facetCount(doc);
  if (facetCount > 0) {
    const mask = facts.mask(doc);
    const excluded = bitCount(mask & meaning.notFacetMask);
    const matching = (mask & meaning.facetMask) !== 0;
    // A clause only about a situation the question rules out («har sluttet» vs pupils) is not the answer;
    // one that also requires it (OT's «utenfor, rett til videregående» for «fullført … uten jobb») less so.
    if (excluded === facetCount) weight *= 0.25;
    else if (excluded > 0) weight *= matching ? 0.8 : 0.7;
  }
  if (meaning.intents.includes('cost') && clause.costShares) weight *= 1.3;
  // A clause about handing the young person over gives the party that notifies or refers a duty in the
  // situation; the question asks who owns the case unless it asks about the hand-over itself.
  if (!meaning.handOver && facts.handsOver(doc)) weight *= handOverWeight;
  return weight;
}

/**
 * How much the clause fits what the question means, without shared words: each asked facet it has, each
 * intent it answers (cost, contact, escalation), the asked age within its range once something else fits.
 */
function meaningScore(
  clause: Clause,
  facts: DocFactTable,
  doc: number,
  filters: Filters,
  meaning: Meaning,
): number {
  let score = 0;
  for (const facet of meaning.facets) score += facts.weight(doc, facet);
  // Not having completed has no facet of its own (`rett-vgo` stands in for it): a title that says so
  // («Fyller 21 uten å ha fullført» for «21 år, ikke fullført») is about it, whatever the author declared.
  if (meaning.notFacets.includes('fullfort') && titleNotCompleted(clause)) score += 1;
  for (const intent of meaning.intents) score += answersIntent(intent, clause, facts.names(doc, intent));
  const age = filters.age?.min;
  if (age !== undefined && clause.ages && ageMatches(clause.ages, age)) {
    // A clause about an age group («Unge voksne 22–24 år», «under 18 år») is about the age asked, the more
    // so the narrower the group (a title naming the whole target group, 15–24, says little); any other
    // clause's age range only confirms what something else fits.
    if (facts.namesAge(doc)) score += 1 / (1 + Math.max(0, ageWidth(clause.ages) - 2) / 3);
    if (score > 0) score += 0.25;
  }
  return score;
}

/** Whether a clause's title says the youth has not completed, read as a question's is, once per clause. */
const titlesNotCompleted = new WeakMap<Clause, boolean>();

function titleNotCompleted(clause: Clause): boolean {
  let known = titlesNotCompleted.get(clause);
  if (known === undefined) {
    known = interpret(clause.title).notFacets.includes('fullfort');
    titlesNotCompleted.set(clause, known);
  }
  return known;
}

/** A clause's title terms and its keywords of two terms or more (` a b `), read once per clause. */
const clauseWording = new WeakMap<Clause, { title: Set<string>; phrases: string[] }>();

function wordingOf(clause: Clause): { title: Set<string>; phrases: string[] } {
  let known = clauseWording.get(clause);
  if (!known) {
    known = {
      title: new Set(terms(clause.title)),
      phrases: clause.keywords
        .map((keyword) => terms(keyword))
        .filter((phrase) => phrase.length >= 2)
        .map((phrase) => ` ${phrase.join(' ')} `),
    };
    clauseWording.set(clause, known);
  }
  return known;
}

/** The terms of a clause's keywords, each keyword's terms on their own, read once per clause. */
const clauseKeywordTerms = new WeakMap<Clause, Set<string>>();

function keywordTerms(clause: Clause): Set<string> {
  let known = clauseKeywordTerms.get(clause);
  if (!known) {
    known = new Set(clause.keywords.flatMap((keyword) => terms(keyword)));
    clauseKeywordTerms.set(clause, known);
  }
  return known;
}

const clauseKeywordPhrases = new WeakMap<Clause, string[][]>();

/**
 * Each of a clause's keywords as its terms («psykisk helse» → psykisk, helse), once a clause: only a keyword
 * each of whose words is a term. A stop word left out changes what it says: «før kontrakt» is not «kontrakt».
 */
function keywordPhrases(clause: Clause): string[][] {
  let known = clauseKeywordPhrases.get(clause);
  if (!known) {
    known = clause.keywords.flatMap((keyword) => {
      const phrase = terms(keyword);
      return phrase.length > 0 && phrase.length === tokenize(keyword).length ? [phrase] : [];
    });
    clauseKeywordPhrases.set(clause, known);
  }
  return known;
}

/** The clause's author marked its case: a word of its title is also one of its keywords («hybel»). */
function marksItsCase(clause: Clause): boolean {
  const { title } = wordingOf(clause);
  for (const word of keywordTerms(clause)) if (title.has(word)) return true;
  return false;
}

/** The keywords of clauses that mark their case, per search document; their terms by number. */
interface MarkedCases {
  /**
   * The document's keyword list (a number shared by every document with the same keywords), or -1 when its
   * clause does not mark its case. A document's clauses share their title and keywords (both are part of its
   * text), so each document is read once: the lookup asks it of every local candidate (≈760 a question on
   * the benchmark corpus, among some 3,000 distinct lists), so a question reads each list once.
   */
  listOf: (entry: IndexedClause) => number;
  /**
   * Every list in one array, at `start[list]` (a question reads hundreds of lists: in one array they lie
   * together in memory, with no object per keyword): its number of keywords, then each keyword as its length
   * in numbers and its words, each word as its number of terms and then its terms' numbers.
   */
  lists: { data: Int32Array; start: number[] };
  terms: string[];
}

function markedCases(index: ClauseIndex): MarkedCases {
  return index.derived('marked-cases', () => {
    const byDoc = new Int32Array(index.documentCount).fill(-2);
    const listNumbers = new Map<string, number>();
    const lists = { data: new Int32Array(4096), start: [] as number[] };
    let used = 0;
    const numbers = new Map<string, number>();
    const known: string[] = [];
    const numberOf = (term: string) => {
      let number = numbers.get(term);
      if (number === undefined) {
        number = known.push(term) - 1;
        numbers.set(term, number);
      }
      return number;
    };
    const add = (keywords: readonly string[]) => {
      const row = [keywords.length];
      for (const keyword of keywords) {
        const words = keyword
          .split(/\s+/u)
          .map((word) => terms(word).map(numberOf))
          .filter((parts) => parts.length > 0)
          .flatMap((parts) => [parts.length, ...parts]);
        row.push(words.length, ...words);
      }
      if (used + row.length > lists.data.length) {
        const grown = new Int32Array(Math.max(2 * lists.data.length, used + row.length));
        grown.set(lists.data);
        lists.data = grown;
      }
      lists.data.set(row, used);
      used += row.length;
      return lists.start.push(used - row.length) - 1;
    };
    const listOf = ({ clause, doc }: IndexedClause) => {
      let list = byDoc[doc] as number;
      if (list === -2) {
        list = -1;
        if (marksItsCase(clause)) {
          const key = clause.keywords.join('\n');
          list = listNumbers.get(key) ?? -1;
          if (list < 0) {
            list = add(clause.keywords);
            listNumbers.set(key, list);
          }
        }
        byDoc[doc] = list;
      }
      return list;
    };
    return { listOf, lists, terms: known };
  });
}

/** Whether one of the keywords of the list at `start` is said whole: each of its words in one of its terms. */
function saysWhole(data: Int32Array, start: number, says: (term: number) => boolean): boolean {
  let keyword = start + 1;
  for (let left = data[start] as number; left > 0; left -= 1) {
    const end = keyword + 1 + (data[keyword] as number);
    let whole = true;
    for (let at = keyword + 1; whole && at < end; at += 1 + (data[at] as number)) {
      let said = false;
      for (let part = at + 1; !said && part <= at + (data[at] as number); part += 1)
        said = says(data[part] as number);
      whole = said;
    }
    if (whole) return true;
    keyword = end;
  }
  return false;
}

/** The clause is about an age group («Unge voksne 22–24 år») that holds the age asked about. */
function aboutAskedAge(clause: Clause, facts: DocFactTable, doc: number, filters: Filters): boolean {
  const age = filters.age?.min;
  return (
    age !== undefined && facts.namesAge(doc) && clause.ages !== undefined && ageMatches(clause.ages, age)
  );
}

/** The number of bits set (facets in a mask). */
function bitCount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}

/** How closely the clause's own words say what the question says (for the best hits only). */
function wording(clause: Clause, words: string[]): number {
  if (words.length === 0) return 1;
  let weight = 1;
  const { title, phrases } = wordingOf(clause);
  // Every word of the question is in the title: the clause is about this; more so when the title says
  // nothing else.
  if (words.every((word) => title.has(word))) weight *= title.size <= new Set(words).size ? 1.75 : 1.25;
  // A keyword of two words or more stands in the question as written («hvem ringer jeg i NAV»).
  const question = ` ${words.join(' ')} `;
  if (phrases.some((phrase) => question.includes(phrase))) weight *= 1.5;
  return weight;
}

/** The search terms of the question, and extra terms (synonyms, compound parts) that weigh less. */
function searchTerms(
  index: ClauseIndex,
  text: string,
): { words: string[]; synonyms: string[]; synonymPhrases: string[][]; compounds: [string, number][] } {
  // A compound no dictionary takes apart is asked about by the agreements' word it begins with.
  const words = [...new Set(terms(text).map((word) => indexedHead(index, word) ?? word))];
  const phrases = index.synonyms.phrasesOf(words);
  const synonyms = [
    ...index.synonyms.expand(words),
    ...particleVerbTerms(text).filter((word) => index.hasTerm(word) || index.compoundsWith(word).length > 0),
  ];
  // A compound is what its tail is («læreplasskurs» is a kurs): a question's word weighs more as the tail.
  const compounds = new Map<string, number>();
  // Two words of the question that the agreements write as one («kurs» + «læreplass» → «læreplasskurs»).
  const joined = new Set<string>();
  for (const word of words) {
    for (const { compound, tail } of index.compoundsWith(word)) {
      if (compoundParts(compound).every((part) => words.includes(part))) joined.add(compound);
      else if (compounds.size < 60)
        compounds.set(compound, Math.max(compounds.get(compound) ?? 0, tail ? tailWeight : headWeight));
    }
    // A compound the agreements do not use as such: its parts («fraværsoppfølging»).
    if (!index.hasTerm(word))
      for (const part of compoundParts(word)) if (index.hasTerm(part)) compounds.set(part, tailWeight);
  }
  for (const word of [...words, ...synonyms, ...joined]) compounds.delete(word);
  return {
    words: [...words, ...[...joined].filter((word) => !words.includes(word))],
    synonyms: synonyms.filter((word) => !words.includes(word)),
    synonymPhrases: phrases,
    compounds: [...compounds],
  };
}

/**
 * The agreements' own word a question's word begins with, when no dictionary takes the word apart and the
 * rest is a word the dictionaries know («lavterskeltilbudet»: the agreements write «lavterskel» alone, no
 * dictionary has it). It names the thing asked about, in the agreements' word.
 */
function indexedHead(index: ClauseIndex, word: string): string | undefined {
  if (index.hasTerm(word) || compoundParts(word).length > 0) return undefined;
  for (let at = word.length - shortestTail; at >= shortestHead; at -= 1) {
    const head = word.slice(0, at);
    if (index.hasTerm(head) && isWord(word.slice(at))) return head;
  }
  return undefined;
}

/**
 * The question's extra terms for one pool: synonyms and compound parts common in the pool's own documents
 * are left out. Read in the pool, not the store: whether «ikke» is common must not depend on whether another
 * county's agreements are in the store, or the ranking inside a county changes when one is added.
 */
function askedInPool(index: ClauseIndex, asked: Asked, docs: Uint8Array): Asked {
  const ceiling = commonShare * poolSize(docs);
  let known = poolSpecific.get(docs);
  if (!known) {
    known = new Map();
    poolSpecific.set(docs, known);
  }
  const verdicts = known;
  const specific = (word: string) => {
    let found = verdicts.get(word);
    if (found === undefined) {
      let count = 0;
      found = true;
      for (const doc of index.terms.documentsWith(word))
        if (docs[doc] === 1 && ++count > ceiling) {
          found = false;
          break;
        }
      if (verdicts.size < maxCachedFrequencies) verdicts.set(word, found);
    }
    return found;
  };
  const loose = looseSynonyms(index, asked, docs);
  return {
    ...asked,
    synonyms: asked.synonyms.filter((word) => !loose.has(word) && specific(word)),
    compounds: asked.compounds.filter(([word]) => specific(word)),
  };
}

/**
 * The synonym terms that stand for the question only as words of a phrase no clause of the pool says whole:
 * «bolig» brings in «uten bolig», and «uten» alone would find «Lærling uten læreplass». A term of a one-word
 * synonym, or of a phrase some clause of the pool has every word of, is searched.
 */
function looseSynonyms(index: ClauseIndex, asked: Asked, docs: Uint8Array): Set<string> {
  const loose = new Set<string>();
  const searched = new Set<string>();
  for (const phrase of asked.synonymPhrases) {
    const whole = phrase.length === 1 || wholeInPool(index, phrase, docs);
    for (const word of phrase) (whole || !negationTerms.has(word) ? searched : loose).add(word);
  }
  for (const word of searched) loose.delete(word);
  return loose;
}

/** Per pool: whether a clause of it has every word of a phrase (by the phrase's terms joined). */
const poolWhole = new WeakMap<Uint8Array, Map<string, boolean>>();

function wholeInPool(index: ClauseIndex, phrase: readonly string[], docs: Uint8Array): boolean {
  let known = poolWhole.get(docs);
  if (!known) {
    known = new Map();
    poolWhole.set(docs, known);
  }
  const key = phrase.join(' ');
  let whole = known.get(key);
  if (whole === undefined) {
    const [fewest, ...others] = phrase
      .map((word) => index.terms.documentsWith(word))
      .sort((left, right) => left.length - right.length);
    whole = Array.from(fewest ?? []).some(
      (doc) => docs[doc] === 1 && others.every((list) => holds(list, doc)),
    );
    if (known.size < maxCachedFrequencies) known.set(key, whole);
  }
  return whole;
}

/** The terms of the asked facets' labels («Utenfor opplæring og arbeid»), less those asked already. */
function facetLabelTerms(facets: string[], words: string[]): string[] {
  const found = new Set<string>();
  for (const facet of facets) for (const word of terms(situationFacets[facet] ?? '')) found.add(word);
  for (const word of words) found.delete(word);
  return [...found];
}

/** Terms in at most this share of the pool's documents can anchor a question. */
const anchorShare = 0.05;
/** …or in at most this many (in a small store most words are rare). */
const anchorFew = 8;
const maxCachedFrequencies = 20_000;

/** Documents in a pool, by the pool's document set (kept as long as the set is). */
const poolSizes = new WeakMap<Uint8Array, number>();
/**
 * Whether a synonym or compound part is in at most half a pool's documents (`askedInPool`), by the pool's
 * document set: counting it walked the term's postings twice a question (7,800 postings a question on the
 * benchmark corpus).
 */
const poolSpecific = new WeakMap<Uint8Array, Map<string, boolean>>();
/** A term's document count in a pool, up to just past the anchor ceiling, by the pool's document set. */
const poolFrequencies = new WeakMap<Uint8Array, Map<string, number>>();

function poolSize(docs: Uint8Array): number {
  let size = poolSizes.get(docs);
  if (size === undefined) {
    size = 0;
    for (const flag of docs) size += flag;
    poolSizes.set(docs, size);
  }
  return size;
}

/**
 * The pool's documents with the term, counted up to `atMost + 1` (enough to know it is too common); kept
 * per pool, as questions come in runs over the same pools.
 */
function poolFrequency(index: ClauseIndex, term: string, docs: Uint8Array, atMost: number): number {
  let known = poolFrequencies.get(docs);
  if (!known) {
    known = new Map();
    poolFrequencies.set(docs, known);
  }
  const cached = known.get(term);
  if (cached !== undefined) return cached;
  let count = 0;
  for (const doc of index.terms.documentsWith(term)) {
    if (docs[doc] !== 1) continue;
    count += 1;
    if (count > atMost) break;
  }
  if (known.size < maxCachedFrequencies) known.set(term, count);
  return count;
}

/**
 * The documents that have the question's rarest word (or its synonyms and compounds), when that word is rare
 * in the pool asked about and some text hit has it; undefined otherwise. Generic words («trenger hjelp»)
 * then cannot outrank it. Rarity is counted in the pool (the scope's agreements in force), so another
 * county where the word is common does not change what a question is about here.
 */
function anchorDocs(
  index: ClauseIndex,
  words: string[],
  synonyms: string[],
  compounds: [string, number][],
  textScores: DocScores,
  pool: Uint8Array,
): Set<number> | undefined {
  if (words.length < 2) return undefined;
  const ceiling = Math.max(anchorFew, anchorShare * poolSize(pool));
  let rarest: string | undefined;
  let fewest = Number.POSITIVE_INFINITY;
  for (const word of words) {
    const count = poolFrequency(index, word, pool, ceiling);
    if (count > 0 && count < fewest) {
      fewest = count;
      rarest = word;
    }
  }
  if (rarest === undefined || fewest > ceiling) return undefined;
  const related = [rarest, ...index.synonyms.expand([rarest]).filter((word) => synonyms.includes(word))];
  for (const [compound] of compounds) if (compoundParts(compound).includes(rarest)) related.push(compound);
  const docs = new Set<number>();
  for (const word of related)
    for (const doc of index.terms.documentsWith(word)) if (textScores.isTextHit(doc)) docs.add(doc);
  return docs.size > 0 ? docs : undefined;
}

/** What the ranking of one pool of agreements needs from the question. */
interface Asked {
  filters: Filters;
  meaning: Meaning;
  words: string[];
  synonyms: string[];
  /** The synonym groups' phrases (as terms) the synonyms come from. */
  synonymPhrases: string[][];
  compounds: [string, number][];
  labels: string[];
  /** A date's month the question also asks about where a clause is named by it («i juli 2022»). */
  dateCase: string[];
  /** The times of year the question asks about («i aug», «sommarstengt»): a mask of months (time-of-year.ts). */
  months: number;
  explained: Set<string>;
  lastWord: string | undefined;
  /** What the question is about (`askedThing`), read on first use. */
  thing: () => string | undefined;
  /** The caller said outright what they ask about («Det jeg lurer på er psykologen»): the thing is read there. */
  askedOutright: boolean;
  chainIds: string[];
  area: string | undefined;
  /** The signed-in person's parties (a NAV office's own local agreement is theirs). */
  personParties: ReadonlySet<string>;
  /** Whether one of the person's parties is a NAV office of some local agreement (another's is not theirs). */
  atAnOffice: boolean;
}

/**
 * Whether a local agreement applies to the case: its area is the one named in the question or the person's
 * own NAV office's («here»), another place named («elsewhere»: the case may still be that place's, a pupil
 * at its school), another office's when the person works at one and names no place («other-office»), or not
 * known; null for a county-wide agreement. The agreement asked about (or one above it) is taken to apply.
 */
function localArea(
  version: IndexedVersion,
  asked: Asked,
): 'here' | 'elsewhere' | 'other-office' | 'unknown' | null {
  const local = localAreaOf(version.agreement.meta);
  if (local === null) return null;
  if (asked.area !== undefined) return local.names.includes(asked.area) ? 'here' : 'elsewhere';
  // Asked of every local version in a ranking; most askers name no party of their own.
  if (asked.personParties.size > 0 && local.officeIds.some((id) => asked.personParties.has(id)))
    return 'here';
  if (asked.chainIds.includes(version.agreementId)) return null;
  return asked.atAnOffice ? 'other-office' : 'unknown';
}

/** Whether a sorted list of document ids holds the document. */
function holds(docs: DocumentList, doc: number): boolean {
  let low = 0;
  let high = docs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = docs[middle] as number;
    if (value === doc) return true;
    if (value < doc) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/**
 * What the question says, in any form the search matches (`says`), and whether it says none of a clause's
 * keywords (`asksNoKeyword`): cheap beside the rest of the grey-zone context, which reads the whole pool.
 */
function questionSays(index: ClauseIndex, asked: Asked) {
  const asks = new Set([...asked.words, ...asked.synonyms, ...asked.dateCase]);
  for (const word of asked.words) for (const part of compoundParts(word)) asks.add(part);
  const compoundsAsked = new Set(asked.compounds.map(([compound]) => compound));
  const queries = asked.words.map((word) => wordQuery(index, asked, word));
  // The question says the word when it has it in any form the search matches: a typo («arbiedsklær»),
  // as part of a compound («læreplasskurs»), or (`loosely`) the word begun and as a compound it is part of.
  // Remembered per word: every local clause's keywords are read against the question, and they repeat.
  // Each query's matches (a typo's are a search of the whole term tree) are expanded once per question.
  const said = [new Map<string, boolean>(), new Map<string, boolean>()];
  const matchers: ((term: string) => boolean)[][] = [];
  const says = (word: string, loosely = true) => {
    const known = said[loosely ? 1 : 0] as Map<string, boolean>;
    let answer = known.get(word);
    if (answer === undefined) {
      matchers[loosely ? 1 : 0] ??= queries.map((query) =>
        index.terms.matcher(loosely ? query : { ...query, prefix: false }),
      );
      answer =
        asks.has(word) ||
        (loosely && compoundsAsked.has(word)) ||
        (matchers[loosely ? 1 : 0] as ((term: string) => boolean)[]).some((matches) => matches(word));
      known.set(word, answer);
    }
    return answer;
  };
  const asksNoKeyword = (clause: Clause) => {
    const keywords = keywordTerms(clause);
    return keywords.size > 0 && ![...keywords].some((word) => says(word, false));
  };
  return { says, asksNoKeyword };
}

/**
 * What decides whether a grey zone governs (grey-zones.ts): the question's subject are its words that no
 * situation or intent explains and that are rare in the pool asked about (as an anchor word is), with their
 * synonyms and the compounds they are part of; a clause is about the subject when it has one of them.
 */
function greyContext(index: ClauseIndex, asked: Asked, pool: Uint8Array): GreyContext {
  const ceiling = Math.max(anchorFew, anchorShare * poolSize(pool));
  const subject = asked.words.filter(
    (word) =>
      !asked.explained.has(word) &&
      !negationTerms.has(word) &&
      poolFrequency(index, word, pool, ceiling) <= ceiling,
  );
  const related = new Set(subject);
  // A synonym stands for the subject whole: a phrase of several words only where a clause has them all.
  const phrases = new Map<string, DocumentList>();
  for (const phrase of index.synonyms.phrasesOf(subject)) {
    if (!phrase.some((word) => asked.synonyms.includes(word))) continue;
    if (phrase.length === 1) related.add(phrase[0] as string);
    else phrases.set(phrase.join(' '), documentsWithAll(index, phrase));
  }
  for (const [compound] of asked.compounds)
    if (compoundParts(compound).some((part) => subject.includes(part))) related.add(compound);
  // A date's month that names clauses of the pool («juli» of an årshjul) is a subject of those clauses.
  const named = namedByDate(index, asked, pool);
  const postings = [
    ...[...related].map((word) => index.terms.documentsWith(word)),
    ...subject.flatMap((word) => wholeByParts(index, word)),
    ...phrases.values(),
    ...named,
  ];
  // Each subject word with the words that stand for it, to count how many of them a document has.
  // The word as the search matches it counts too: a typo («arbiedsklær») is about «arbeidsklær».
  // The thing asked about is named by a word, not by a phrase of its case («flyttet hjemmefra» for «hybel»).
  const groupOf = (word: string, withPhrases: boolean) => {
    const standIns = index.synonyms.phrasesOf([word]).map((phrase) => phrase.join(' '));
    return [
      ...index.terms.documentsMatching(wordQuery(index, asked, word)),
      ...[...related]
        .filter(
          (other) => other !== word && (standIns.includes(other) || compoundParts(other).includes(word)),
        )
        .map((other) => index.terms.documentsWith(other)),
      ...(withPhrases
        ? standIns.flatMap((key) => {
            const docs = phrases.get(key);
            return docs === undefined ? [] : [docs];
          })
        : []),
      ...wholeByParts(index, word),
    ];
  };
  const wordGroups = subject.map((word) => groupOf(word, true));
  const groups = [...wordGroups, ...named.map((docs) => [docs])];
  // Read only when a grey zone and a settled clause are weighed against each other: few questions get there.
  let thing: DocumentList[] | null | undefined;
  const thingGroup = () => {
    if (thing === undefined) {
      const word = asked.thing();
      thing = word !== undefined && subject.includes(word) ? groupOf(word, false) : null;
    }
    return thing;
  };
  const { says, asksNoKeyword } = questionSays(index, asked);
  return {
    aboutSubject: groups.length === 0 ? undefined : (doc) => postings.some((docs) => holds(docs, doc)),
    subjectCount: (doc) => groups.filter((lists) => lists.some((docs) => holds(docs, doc))).length,
    aboutThing: (doc) => {
      const docs = thingGroup();
      return docs === null ? undefined : docs.some((list) => holds(list, doc));
    },
    thingAskedOutright: asked.askedOutright,
    // Another office's local agreement does not apply to the case either: it settles no grey zone here.
    appliesHere: (version) => {
      const area = localArea(version, asked);
      return area !== 'unknown' && area !== 'other-office';
    },
    // A narrower case is named by a word case workers also say otherwise (the synonym table knows it:
    // «psykiske» ~ «angst», «deprimert»), not by any rare word of a title («fortsatt»), and one the question
    // does not say in any form the search matches. Or the author marked it: a title word that is also one of
    // the clause's keywords («hybel», «aldersgrense»), when the question says none of its keywords.
    // So is an age group the question does not give: when the agreement splits a case by age (a settled
    // clause under 21, a grey zone from 21), a question without an age is not about the grey zone's ages.
    narrowerCase: (grey, settled) => {
      if (asked.filters.age === undefined && splitByAge(grey.clause, settled.clause)) return 'named';
      // The question names the grey zone's case in its author's own words: it says one of its keywords whole,
      // a rare one the settled clause does not have («trenger BUP» for «Kontakt med psykisk helsetjeneste og
      // psykolog», «skal på kurs» for «Kurs, utstyr og arbeidsklær»). Its other title words are that case said
      // otherwise, or the other things it lists, not a narrower case the question leaves unsaid.
      const ownWord = (word: string) =>
        !asked.explained.has(word) &&
        poolFrequency(index, word, pool, ceiling) <= ceiling &&
        !holds(index.terms.documentsWith(word), settled.doc);
      const saysWhole = (keyword: readonly string[]) => keyword.every((word) => says(word, false));
      if (keywordPhrases(grey.clause).some((keyword) => saysWhole(keyword) && keyword.some(ownWord)))
        return false;
      let found: NarrowerCase = false;
      for (const word of terms(grey.clause.title)) {
        if (
          says(word) ||
          asked.explained.has(word) ||
          poolFrequency(index, word, pool, ceiling) > ceiling ||
          holds(index.terms.documentsWith(word), settled.doc)
        )
          continue;
        if (index.synonyms.expand([word]).length > 0) return 'named';
        if (!found && keywordTerms(grey.clause).has(word) && asksNoKeyword(grey.clause)) found = 'marked';
      }
      return found;
    },
    asksNoKeyword,
  };
}

/** Two clauses for age groups that do not meet: one case, split by age. */
function splitByAge(one: Clause, other: Clause): boolean {
  return one.ages !== undefined && other.ages !== undefined && !agesOverlap(one.ages, other.ages);
}

/** For each month of the question's date that names clauses of the pool, those clauses' documents, ascending. */
function namedByDate(index: ClauseIndex, asked: Asked, pool: Uint8Array): DocumentList[] {
  return asked.dateCase
    .map((term) =>
      index.terms
        .search([namingQuery(term)], fieldBoosts, pool, index.documentCount)
        .map((hit) => hit.doc)
        .sort((left, right) => left - right),
    )
    .filter((docs) => docs.length > 0);
}

/** A date's month searched where it names a clause's case: its title and keywords. */
function namingQuery(term: string): TermQuery {
  return { term, weight: 1, prefix: false, fuzzy: 0, fields: namingFields };
}

/**
 * Whether a clause of the pool has the word in any form the search matches: as written, a typo or the word
 * begun, a synonym (a phrase of several words only whole, in one clause: «uten bolig» is not said by «lærling
 * uten læreplass»), a compound it is part of, or one of its own parts («kurs» of «jobbsøkerkurs», «reise»
 * of «reiseutgifter»; not a part of three letters, the stem of too many words: «kor» of «førerkort»). A word
 * the meaning reads is taken as named (the situation it stands for is).
 */
function namedIn(index: ClauseIndex, asked: Asked, word: string, pool: Uint8Array): boolean {
  if (asked.explained.has(word)) return true;
  const inPool = (docs: DocumentList) => docs.some((doc) => pool[doc] === 1);
  return (
    index.terms.documentsMatching(wordQuery(index, asked, word)).some(inPool) ||
    index.synonyms.phrasesOf([word]).some((phrase) => inPool(documentsWithAll(index, phrase))) ||
    index.compoundsWith(word).some(({ compound }) => inPool(index.terms.documentsWith(compound))) ||
    wholeByParts(index, word).some(inPool) ||
    namedByHead(index, word, pool)
  );
}

/** Heads that say where a thing is used, not what it is: «skolebøker» are books, whatever a clause says of school. */
const settingHeads = new Set(terms('skole skule'));
/** Tails that say the way through the head, not a thing used there: «skolegangen», «skoleløpet» are school. */
const courseTails = new Set(terms('gang løp'));

/**
 * A compound no clause says whole is named by its head, the thing it is about («buss» of «bussbillett», in
 * «busskort»). Not a head that says whose it is (`isWhoWord`): «ungdom» does not say «ungdomsskole»; nor where
 * it is used (`settingHeads`), unless the tail says going through it («Hvem har ansvaret for skolegangen?» asks
 * who has the pupil's schooling, which a clause on school answers). Its tail alone is the general word a
 * clause may use for another kind («behandlingen» after «rusbehandling», «ny plass» for a lærling): see
 * `namedByTail`.
 */
function namedByHead(index: ClauseIndex, word: string, pool: Uint8Array): boolean {
  const [head, tail] = compoundParts(word);
  return (
    head !== undefined &&
    head.length >= 4 &&
    !isWhoWord(head) &&
    (!settingHeads.has(head) || courseTails.has(tail ?? '')) &&
    index.terms.documentsWith(head).some((doc) => pool[doc] === 1)
  );
}

/**
 * Whether a clause in the pool has the compound's tail and another of the question's words: «kurs» of
 * «jobbsøkerkurs» in «Kurs for læreplassøkere», asked «… for de som søker læreplass». A clause with the tail
 * alone may use it for another kind («behandling» beside «rusbehandling»: not «tannbehandling»).
 */
function namedByTail(index: ClauseIndex, asked: Asked, word: string, pool: Uint8Array): boolean {
  const [, tail] = compoundParts(word);
  if (tail === undefined || tail.length < 4) return false;
  const others = otherWordDocs(index, asked, [word], pool);
  return Array.from(index.terms.documentsWith(tail)).some(
    (doc) => pool[doc] === 1 && others.some((docs) => holds(docs, doc)),
  );
}

/**
 * A compound no clause says whole is said by a clause with all its parts as words of their own («flyreise» by
 * «Hjemreiser med fly», keyword «reise hjem»): those documents, or none when the index has the word. Not a part
 * inside another compound: «kort» in «busskort» and «fører» elsewhere do not say «førerkort».
 */
function wholeByParts(index: ClauseIndex, word: string): DocumentList[] {
  const parts = compoundParts(word);
  if (parts.length === 0 || index.hasTerm(word)) return [];
  return [documentsWithAll(index, parts)];
}

/** The documents that have every term of a phrase (one clause says it whole), ascending. */
function documentsWithAll(index: ClauseIndex, phrase: readonly string[]): DocumentList {
  const [fewest, ...others] = phrase
    .map((word) => index.terms.documentsWith(word))
    .sort((left, right) => left.length - right.length);
  if (fewest === undefined || others.length === 0) return fewest ?? [];
  return Array.from(fewest).filter((doc) => others.every((docs) => holds(docs, doc)));
}

/** How far a typo may be from the word meant: by its length, at most two edits (words and place names). */
function typoDistance(word: string): number {
  return Math.min(2, Math.round(word.length * 0.2));
}

/** How a word of the question is searched. */
function wordQuery(index: ClauseIndex, asked: Asked, term: string): TermQuery {
  const known = index.hasTerm(term);
  return {
    term,
    // Words the meaning explains («sitter hjemme» is «utenfor») are searched as the meaning below.
    weight: asked.explained.has(term) ? explainedWeight : 1,
    // Prefixes for the word being typed (the last) and for unknown words; edit distance only for
    // unknown words (typos): a word the agreements use is taken as written.
    prefix: term.length >= 4 && (term === asked.lastWord || !known),
    fuzzy: term.length >= 5 && !known ? typoDistance(term) : 0,
  };
}

/** Scores the clauses of a pool of versions (one scope), best first. */
/** A clause as ranked, with its county as the answer groups it (`countyOf`): read once, asked per hit often. */
interface RankedClause extends ScoredClause {
  county: string;
}

function rank(index: ClauseIndex, allAsked: Asked, pool: Pool): RankedClause[] {
  const asked = askedInPool(index, allAsked, allowed(index, allAsked.filters.date, pool));
  const { filters, meaning, words, synonyms, compounds, explained } = asked;
  // The text match: BM25+ over the clauses' words, synonyms and compound parts, with the statistics of the
  // pool's own documents.
  const textScores = DocScores.begin(index.documentCount);
  if (pool.versions.size > 0 && (words.length > 0 || synonyms.length > 0)) {
    const queries: TermQuery[] = [
      ...words.map((term) => wordQuery(index, asked, term)),
      ...synonyms.map((term) => ({ term, weight: synonymWeight, prefix: false, fuzzy: 0 })),
      ...compounds.map(([term, weight]) => ({ term, weight, prefix: false, fuzzy: 0, counts: false })),
      // The situation asked about, in the agreements' own words (the facet's label).
      ...asked.labels.map((term) => ({ term, weight: labelWeight, prefix: false, fuzzy: 0, counts: false })),
      ...asked.dateCase.map(namingQuery),
    ];
    const allowedDocs = allowed(index, filters.date, pool);
    const clauseFilters = Boolean(filters.age || filters.situation || filters.party);
    const limit = clauseFilters ? 4 * candidateLimit : candidateLimit;
    for (const hit of index.terms.search(queries, fieldBoosts, allowedDocs, limit))
      textScores.setText(hit.doc, hit.score);
  }
  const bestText = textScores.best;
  const asksMeaning = meaning.facets.length > 0 || meaning.intents.length > 0;
  // An age retrieves the clauses about a narrow age group holding it, beside what the words and meaning
  // retrieve.
  const hasMeaning = asksMeaning || filters.age !== undefined;
  // What a fully fitting meaning is worth next to the words: a share of the best text match, so that a
  // clause in other words than the question's still comes up, below one that says it in the same words.
  const meaningUnit = Math.max(meaningShare * bestText, meaningFloor);
  const anchor = anchorDocs(
    index,
    words.filter((word) => !explained.has(word)),
    synonyms,
    compounds,
    textScores,
    allowed(index, filters.date, pool),
  );
  const onlyFilters = words.length === 0 && synonyms.length === 0 && !asksMeaning;

  const scored: RankedClause[] = [];
  // What decides whether a local clause is about the question (read once, when one is met).
  let context: GreyContext | undefined;
  // A local clause about a case its author marked (a title word that is also a keyword: «hybel»), when
  // the question says none of its keywords (a keyword of several words, «skole i annet fylke», only whole),
  // is about a narrower case than the question's situation, in its own area as in any other: the county's
  // clause answers («17 år sluttet på skolen» asked at NAV Elvedal is not the Strandvik hybel clause).
  // What the question says is read once per question (without the whole pool's context) and per term.
  const marked = markedCases(index);
  let says: ReturnType<typeof questionSays>['says'] | undefined;
  // Per term: 0 not read yet, 1 not said, 2 said (terms are numbered as lists are read, so it grows).
  let said = new Uint8Array(marked.terms.length);
  const saysTerm = (term: number) => {
    if (term >= said.length) {
      const grown = new Uint8Array(marked.terms.length);
      grown.set(said);
      said = grown;
    }
    let known = said[term] as number;
    if (known === 0) {
      says ??= questionSays(index, asked).says;
      known = says(marked.terms[term] as string, false) ? 2 : 1;
      said[term] = known;
    }
    return known === 2;
  };
  // Per list: 0 not read yet, 1 not said whole, 2 said whole.
  let wholeSaid = new Uint8Array(marked.lists.start.length);
  const narrower = (entry: IndexedClause) => {
    const list = marked.listOf(entry);
    if (list < 0) return false;
    if (list >= wholeSaid.length) {
      const grown = new Uint8Array(marked.lists.start.length);
      grown.set(wholeSaid);
      wholeSaid = grown;
    }
    let whole = wholeSaid[list] as number;
    if (whole === 0) {
      whole = saysWhole(marked.lists.data, marked.lists.start[list] as number, saysTerm) ? 2 : 1;
      wholeSaid[list] = whole;
    }
    return whole === 1;
  };
  // A local agreement's area for the case, a version's county and its weight, read once per version (by its
  // number in the pool, not through the version's objects): all three are asked of every candidate, and the
  // county of every hit again as the answer is put together.
  const { versions, entries, slots, distinct } = poolDocs(index, filters.date, pool);
  const read: ({ area: ReturnType<typeof localArea>; county: string; weight: number } | undefined)[] = [];
  read.length = distinct.length;
  const readVersion = (slot: number) => {
    let known = read[slot];
    if (known === undefined) {
      const version = distinct[slot] as IndexedVersion;
      known = {
        area: localArea(version, asked),
        county: countyOf(index, version.agreement.meta),
        weight: versionWeight(version, asked.chainIds),
      };
      read[slot] = known;
    }
    return known;
  };
  // Another office's local agreement never answers above what governs the person at an office: it comes
  // after the rest.
  const apart = asked.area === undefined && asked.atAnOffice;
  const elsewhere: RankedClause[] = [];
  /** Weighs the pool's clause at `at` (its place less one). */
  const consider = (at: number) => {
    const entry = entries[at] as IndexedClause;
    const text = textScores.text(entry.doc);
    const { clause } = entry;
    const { facts } = index;
    const fits = hasMeaning ? meaningScore(clause, facts, entry.doc, filters, meaning) : 0;
    // Only an age or filters: every clause that applies, the most specific first.
    if (text === 0 && fits < 1 && !onlyFilters) return;
    if (!applies(clause, filters)) return;
    const { area, county, weight: ofVersion } = readVersion(slots[at] as number);
    let weight = specificity(clause, facts, entry.doc, ofVersion, filters, meaning);
    weight *= timeOfYearWeight(asked.months, clause);
    // The question's most specific word decides what it is about: «hvem betaler PC i OT-klassen» is about
    // the PC, so the clause about the class's costs, without the PC, weighs half.
    if (anchor && !anchor.has(entry.doc)) weight *= 0.5;
    // A NAV office named in the question, or else the one the person works at: its local agreement first,
    // other areas' local agreements last. A local agreement applies only in its area, so when no area is
    // known (and it is not the agreement asked about) it comes after a county clause that fits as well.
    // The person's own office's agreement applies to a young person's situation as the umbrella does, but
    // answers before it only with the question's subject («hybel»): a plain «har slutta, 18 år» asked at NAV
    // Djupedal is the umbrella's, not Djupedal's clause on training at a workplace for some who left.
    if (area === 'here') {
      context ??= greyContext(index, asked, allowed(index, filters.date, pool));
      if (meaning.facets.length > 0 && narrower(entry)) weight *= markedLocalWeight;
      else if (
        asked.area !== undefined ||
        meaning.facets.length === 0 ||
        context.aboutSubject?.(entry.doc) === true
      )
        weight *= 2;
    } else if (area === 'elsewhere' || area === 'other-office') weight *= 0.5;
    else if (area === 'unknown') weight *= unknownAreaWeight * (narrower(entry) ? markedLocalWeight : 1);
    const hit = {
      version: versions[at] as IndexedVersion,
      clause,
      score: (text + fits * meaningUnit) * weight || weight,
      doc: entry.doc,
      fit: fits,
      ageGroup: aboutAskedAge(clause, facts, entry.doc, filters),
      county,
    };
    scored.push(hit);
    if (apart && area === 'other-office') elsewhere.push(hit);
  };
  if (onlyFilters) {
    // Every clause of the pool, its versions in order and each version's clauses in order.
    for (let at = 0; at < entries.length; at += 1) consider(at);
  } else {
    // Candidates: the text hits, and the documents that fit an asked facet or intent (listed at index time).
    if (hasMeaning) {
      const allowedDocs = allowed(index, filters.date, pool);
      const keys = [
        ...meaning.facets.map((facet) => `facet:${facet}`),
        ...meaning.intents.map((intent) => `intent:${intent}`),
        ...(filters.age?.min === undefined ? [] : [`age:${filters.age.min}`]),
      ];
      for (const key of keys)
        for (const doc of index.byMeaning(key)) if (allowedDocs[doc] === 1) textScores.addCandidate(doc);
    }
    // Every candidate is one of the pool's documents: a clause of the pool's version of its agreement.
    const { places } = poolDocs(index, filters.date, pool);
    for (const doc of textScores.candidates) {
      const place = places[doc] as number;
      if (place !== 0) consider(place - 1);
    }
  }
  // Ties by agreement id (ids are ASCII: a plain comparison, not the much slower localeCompare).
  const order = (a: RankedClause, b: RankedClause) =>
    b.score - a.score ||
    (a.version.agreementId < b.version.agreementId
      ? -1
      : a.version.agreementId > b.version.agreementId
        ? 1
        : 0) ||
    a.clause.position.line - b.clause.position.line;
  const far = new Set(elsewhere);
  const near = far.size === 0 ? scored : scored.filter((hit) => !far.has(hit));
  const best = bestOf(near, order, words, asked);
  if (elsewhere.length === 0) return best;
  for (const hit of bestOf(elsewhere, order, words, asked)) best.push(hit);
  return best;
}

/** Hits best first: the best ones reranked by their wording, example agreements after the real ones. */
function bestOf(
  scored: RankedClause[],
  order: (a: RankedClause, b: RankedClause) => number,
  words: string[],
  asked: Asked,
): RankedClause[] {
  let examples = 0;
  for (const hit of scored) if (hit.version.agreement.meta.example) examples += 1;
  // An answer reads at most `maxLimit` hits after the reranked ones; with example and real agreements
  // mixed (a demonstration), the real ones may come from anywhere, so everything is sorted.
  const sorted = bestFirst(
    scored,
    order,
    examples === 0 || examples === scored.length ? rerankDepth + maxLimit : scored.length,
  );
  // The wording of the best hits decides between them.
  const top = sorted.slice(0, rerankDepth);
  for (const hit of top) hit.score *= wording(hit.clause, words);
  top.sort(order);
  for (let place = 0; place < top.length; place += 1) sorted[place] = top[place] as RankedClause;
  if (examples === 0 || examples === sorted.length) return sorted;
  // Example agreements never outrank a real one (when they answer at all) that applies to the case: a real
  // local agreement of an office not known to be the asker's is not lifted above the example umbrella.
  const lifted = (hit: RankedClause) => {
    if (hit.version.agreement.meta.example) return false;
    const area = localArea(hit.version, asked);
    return area === null || area === 'here';
  };
  return [...sorted.filter(lifted), ...sorted.filter((hit) => !lifted(hit))];
}

/**
 * The hits in `order`, the first `count` of them sorted and the rest after them unsorted (all lower):
 * every hit scoring at least the `count`-th best score is sorted, so ties at the cut stay in order.
 */
function bestFirst(
  scored: RankedClause[],
  order: (a: RankedClause, b: RankedClause) => number,
  count: number,
): RankedClause[] {
  if (scored.length <= count) return scored.sort(order);
  const values = new Float64Array(scored.length);
  for (let i = 0; i < scored.length; i += 1) values[i] = (scored[i] as RankedClause).score;
  const cut = kthLargest(values, count);
  const head: RankedClause[] = [];
  const tail: RankedClause[] = [];
  for (const hit of scored) (hit.score >= cut ? head : tail).push(hit);
  head.sort(order);
  for (const hit of tail) head.push(hit);
  return head;
}

/** Results far below the best of their list are noise; at most `limit`. */
function cut(scored: RankedClause[], limit: number): RankedClause[] {
  const floor = (scored[0]?.score ?? 0) * relativeFloor;
  const kept: RankedClause[] = [];
  for (let at = 0; at < scored.length && kept.length < limit; at += 1) {
    const hit = scored[at] as RankedClause;
    if (hit.score >= floor) kept.push(hit);
  }
  return kept;
}

/**
 * Each county's clauses cut by its own best, an equal share of `limit` each: when the case may be in any of
 * several known counties, each is offered (county-needed.ts), and one county's many cards must not push
 * another's best off the page, nor its scores, which do not compare, set another's floor.
 */
function cutEachCounty(
  sorted: RankedClause[],
  limit: number,
  countyOfHit: (hit: RankedClause) => string,
): RankedClause[] {
  const groups = new Map<string, RankedClause[]>();
  for (const hit of sorted) {
    const county = countyOfHit(hit);
    const group = groups.get(county);
    if (group) group.push(hit);
    else groups.set(county, [hit]);
  }
  const share = Math.max(1, Math.ceil(limit / groups.size));
  const kept: RankedClause[] = [];
  for (const group of groups.values()) for (const hit of cut(group, share)) kept.push(hit);
  return kept;
}

/**
 * The county whose clauses come first: the first of the scope's counties (the one the question names first,
 * or the first on the person's account) that has a fitting clause, when the case may be in any of them; a
 * county with no clause on the question's subject must not stand first over one that has it.
 */
function leadCounty(
  counties: readonly string[] | null,
  ranked: readonly RankedClause[],
  countyOfHit: (hit: RankedClause) => string,
  fits: ((hit: RankedClause) => boolean) | undefined,
): string | undefined {
  if (counties === null || fits === undefined) return counties?.[0];
  const fitting = new Set(ranked.filter(fits).map(countyOfHit));
  return counties.find((county) => fitting.has(county)) ?? counties[0];
}

/**
 * Clauses of several counties, one county after another: the first county's (the one the question names,
 * or the first on the person's account; else the best clause's), then each other county's by its best
 * clause. A case worker reads the first cards as their county's answer: another county's owner must never
 * come between them.
 */
function byCounty(scored: RankedClause[], first: string | undefined): RankedClause[] {
  const groups = new Map<string, RankedClause[]>();
  const lead = first ?? scored[0]?.county;
  if (lead !== undefined) groups.set(lead, []);
  for (const entry of scored) {
    const group = groups.get(entry.county);
    if (group) group.push(entry);
    else groups.set(entry.county, [entry]);
  }
  if (groups.size === 1) return groups.values().next().value as RankedClause[];
  // Joined by pushing: `flat()` on a list of lists took half of this function's time.
  const joined: RankedClause[] = [];
  for (const group of groups.values()) for (const entry of group) joined.push(entry);
  return joined;
}

/**
 * A question read and ranked in its scope, up to the clauses its answer shows (`shown`): what `lookup` answers
 * from, and all that asking the question again for today (`notYetCovered`) needs of it.
 */
function rankQuestion(index: ClauseIndex, request: LookupRequest, options: LookupOptions, now: string) {
  const question = readQuestion(index, request, now, options.splits);
  const { filters, scope } = question;
  const asked = askedOf(index, request, question);
  const { versions: pool, examplesLeftOutIn } = candidates(index, filters, options);
  const { inScope, outside } = splitByScope(index, pool, scope, filters.date);
  const poolKey = `${filters.agreement ?? ''}\0${filters.county ?? ''}\0${options.keepExamples ? 1 : 0}`;
  const scopeKey = scope.counties?.join('\0') ?? '*';
  const inScopePool = { versions: inScope, key: `in\0${poolKey}\0${scopeKey}` };
  const inScopeDocs = allowed(index, filters.date, inScopePool);
  const context = greyContext(index, askedInPool(index, asked, inScopeDocs), inScopeDocs);
  const hitCounty = (hit: RankedClause) => hit.county;
  const openAmongKnown = countyUnknown(scope) && scope.counties !== null;
  // Among several known counties, a county's clause fits when it is about the question's subject (any
  // clause found, when the question has no subject beyond its situation): scores do not compare across them.
  const fits = openAmongKnown ? (hit: RankedClause) => context.aboutSubject?.(hit.doc) ?? true : undefined;
  const ranked = rank(index, asked, inScopePool);
  const scored = byCounty(ranked, leadCounty(scope.counties, ranked, hitCounty, fits));
  const theirs = (version: IndexedVersion) =>
    context.appliesHere(version) ||
    holdsOwnParty(version, asked.personParties, (id) => index.history(id).at(-1)?.agreement.meta);
  countyWideFirst(scored, hitCounty, {
    appliesHere: theirs,
    aboutSubject: context.aboutSubject,
  });
  const grey = governingGreyZone(scored, context);
  const shown = openAmongKnown ? cutEachCounty(scored, filters.limit, hitCounty) : cut(scored, filters.limit);
  return {
    question,
    filters,
    scope,
    asked,
    pool,
    examplesLeftOutIn,
    inScope,
    outside,
    poolKey,
    scopeKey,
    inScopeDocs,
    context,
    hitCounty,
    openAmongKnown,
    fits,
    scored,
    theirs,
    grey,
    shown,
  };
}

export function lookup(
  index: ClauseIndex,
  request: LookupRequest,
  options: LookupOptions = {},
): LookupAnswer {
  const now = today();
  const ranked = rankQuestion(index, request, options, now);
  const { question, filters, scope, asked, pool, examplesLeftOutIn, inScope, outside, poolKey, scopeKey } =
    ranked;
  const { inScopeDocs, context, hitCounty, openAmongKnown, fits, scored, theirs, grey } = ranked;
  const uncertain = uncertainty(scored, grey !== undefined, theirs);
  const show = (list: RankedClause[]) =>
    list.map(({ version, clause, score }) => present(index, version, clause, score, filters.date, now));
  const results = show(ranked.shown);
  // Other counties: apart, never above the scope's own, when asked for, or when the scope's agreements in
  // force have nothing that fits. A scope with none in force (none yet, only examples left out, none that
  // day) is told so, and not handed another county's clauses it never asked for.
  const elsewhere =
    outside.size > 0 && (scope.all || (results.length === 0 && inScope.size > 0 && !scope.withoutAgreements))
      ? show(
          cut(
            rank(index, asked, { versions: outside, key: `out\0${poolKey}\0${scopeKey}` }),
            scope.all ? filters.limit : 3,
          ),
        )
      : [];
  // Asked about another day than today: whether the clause that answers it today existed then.
  // (Asked again only when the day's first card is a settled clause: a grey zone gives the route itself.)
  const first = scored[0];
  const paid = paidFor(question.searchText);
  // A grey zone first gives the route itself, unless the thing asked for is named nowhere in the scope and the
  // grey zone was found for the rest alone («under 18 … et sted å bo» for «psykolog for 17-åring»).
  const greyFirst = results[0]?.status === 'grey';
  // The first clause is about the thing's case: about the question's subject, and by more than who the case is
  // about or who pays (a clause found for «ungdom» alone says nothing about «førerkort»); for a grey zone
  // either is enough.
  // Where the thing is («mat på hybelen») is not what it is: a clause found for the place alone is not about it.
  const firstIsAbout = (thing: Thing | undefined) => {
    if (thing === undefined || first === undefined) return false;
    const where = whereOf(question.searchText, thing);
    if (where.length > 0) return firstHasOther(index, asked, [thing.term, ...where], first, inScopeDocs);
    const subject = context.aboutSubject?.(first.doc) === true;
    const other = firstHasOther(index, asked, [thing.term], first, inScopeDocs);
    return greyFirst ? subject || other : subject && other;
  };
  // A compound whose tail alone a clause names («kurs» of «jobbsøkerkurs») is that clause's thing only when
  // the clause has the question's other words too (`namedByTail`).
  const named = (word: string) =>
    namedIn(index, asked, word, inScopeDocs) || namedByTail(index, asked, word, inScopeDocs);
  const opening = openingThing(question.scope.rest ?? question.dated.text);
  const needed = neededThing(question.searchText);
  const owned = responsibleFor(question.searchText);
  // Grunnskolen is named by its own name only: a clause with «ungdom» and «skole» says nothing of it.
  const grunnskoleNamed = () =>
    grunnskoleTerms.some(
      (word) =>
        index.terms.documentsWith(word).some((doc) => inScopeDocs[doc] === 1) ||
        index
          .compoundsWith(word)
          .some(({ compound }) => index.terms.documentsWith(compound).some((doc) => inScopeDocs[doc] === 1)),
    );
  const notCovered =
    first === undefined || results[0] === undefined
      ? inScope.size > 0
        ? notNamedAtAll(thingNamedNowhere(...nowhereReading(question, named)))
        : null
      : ((filters.date !== now && !greyFirst
          ? notYetCovered(
              results,
              shownToday(index, request, options, now),
              inScope,
              splitByScope(index, candidates(index, { ...filters, date: now }, options).versions, scope, now)
                .inScope,
            )
          : null) ??
        ageOutside(filters.age, () => ageRanges(inScope)) ??
        thingNotNamed(inGrunnskolen(question.searchText), grunnskoleNamed, () => false) ??
        thingNotNamed(paid, named, () => firstIsAbout(paid)) ??
        // The thing a question opens with, or says the young person needs, is asked about even when the first
        // clause has words of the rest: those say whom it is for («førerkort for ein KVP-deltakar», «… som har
        // sluttet på skolen»), and found the neighbour. A grey zone first too: «ettervern 19 år hybel» opens
        // with what it asks about, and the grey zone on housing was found for «hybel».
        thingNotNamed(opening, named, () => false) ??
        thingNotNamed(owned, named, () => false) ??
        // In a question about paying, as the thing paid for: «trenger utstyr på verkstedet, hvem betaler» is
        // answered by the clause on aids at the workplace, though it says «hjelpemidler».
        thingNotNamed(needed, named, () => (paid !== undefined || greyFirst) && firstIsAbout(needed)) ??
        (greyFirst ? null : namedNowhere(index, asked, question, named, first, inScopeDocs)));
  const empty = whyNoAnswer({
    inForce: index.inForce(filters.date).size,
    date: filters.date,
    now,
    scope,
    pool: pool.size,
    inScope: inScope.size,
    examplesLeftOutIn,
    results: results.length,
  });
  return {
    date: filters.date,
    isToday: filters.date === now,
    question: questionOf(filters, question.interpretation, question.dated.date),
    filters: {
      county: filters.county ?? filters.successor ?? null,
      agreement: filters.agreement ?? null,
      party: filters.party ?? null,
    },
    scope: {
      counties: scope.counties,
      source: scope.source,
      area: scope.area,
      all: scope.all,
      withoutAgreement: countiesWithout(index, scope.counties, filters.date),
    },
    results,
    elsewhere,
    caution: grey && notCovered === null ? cautionOf(grey) : null,
    uncertain: results.length > 0 && notCovered === null ? uncertain : null,
    // Asked also when no clause covers the question and the county is not known: each county takes unclear
    // cases somewhere else. Among the asker's or the question's own counties none covers it: the answer says
    // so, with each of their routes, and offers none of them as if its clause answered.
    countyNeeded:
      countyUnknown(scope) && results.length > 0 && !(openAmongKnown && notCovered !== null)
        ? countyNeeded(
            scored,
            hitCounty,
            fits,
            (county) => successorsOn(options.splits, county, filters.date),
            new Set(results.map(({ county }) => county)),
          )
        : null,
    notCovered,
    escalation: escalationRoutes(index, asked.chainIds, scope.counties, pool),
    message: empty?.message ?? null,
    emptyBecause: empty?.because ?? null,
  };
}

/**
 * The clauses the question's answer shows when asked for today, as `present` gives what `notYetCovered` reads:
 * the question ranked again, without the rest of an answer.
 */
function shownToday(index: ClauseIndex, request: LookupRequest, options: LookupOptions, now: string) {
  return rankQuestion(index, { ...request, at: now }, options, now).shown.map(
    ({ version, clause, score }) => ({
      agreementId: version.agreementId,
      clauseId: clause.id,
      clauseTitle: clause.title,
      status: clause.status,
      score: Math.round(score * 100) / 100,
    }),
  );
}

/**
 * A thing the question names anywhere that no clause in the scope names (not-covered.ts,
 * `thingNamedNowhere`), when the first clause has none of the question's other words either: it came up for
 * the age or the person alone («16 år og trenger bolig»: «Ungdom under 18 år som trenger tiltak»). A first
 * clause with another of its words («penger til mat og husleie»: «penger til livsopphold») answers it.
 */
function namedNowhere(
  index: ClauseIndex,
  asked: Asked,
  question: ReadQuestion,
  named: (word: string) => boolean,
  first: RankedClause,
  pool: Uint8Array,
): NotCovered | null {
  const thing = thingNamedNowhere(...nowhereReading(question, named));
  if (thing === undefined) return null;
  return thingNotNamed(thing, named, () => firstHasOther(index, asked, [thing.term], first, pool));
}

/** What `thingNamedNowhere` reads of the question. */
function nowhereReading(
  question: ReadQuestion,
  named: (word: string) => boolean,
): Parameters<typeof thingNamedNowhere> {
  const { facets, state } = question.interpretation;
  const paying = paidFor(question.searchText) !== undefined;
  return [() => namedThings(question.searchText, question.filters.q), named, { facets, state, paying }];
}

/**
 * Whether the first clause has a word of the question other than the thing: a word the meaning reads counts
 * when it is rare in the pool («penger»), not when most clauses have it («følge opp»), nor who the case is
 * about («elev», «ungdom») or who pays: a clause found for those alone says nothing about the thing.
 */
function firstHasOther(
  index: ClauseIndex,
  asked: Asked,
  thing: readonly string[],
  first: RankedClause,
  pool: Uint8Array,
): boolean {
  return otherWordDocs(index, asked, thing, pool).some((docs) => holds(docs, first.doc));
}

/** The clauses with each of the question's other words, as `firstHasOther` counts them. */
function otherWordDocs(
  index: ClauseIndex,
  asked: Asked,
  thing: readonly string[],
  pool: Uint8Array,
): DocumentList[] {
  const ceiling = Math.max(anchorFew, anchorShare * poolSize(pool));
  return asked.words
    .filter(
      (word) =>
        !thing.includes(word) &&
        !negationTerms.has(word) &&
        !payTerms.has(word) &&
        !isWhoWord(word) &&
        (!asked.explained.has(word) || poolFrequency(index, word, pool, ceiling) <= ceiling),
    )
    .flatMap((word) => index.terms.documentsMatching(wordQuery(index, asked, word)));
}

/** Each version's span of its clauses' age ranges, once a version (a version's clauses never change). */
const versionAgeSpans = new WeakMap<IndexedVersion, AgeRange | null>();

/** `ageRanges` per map of versions: a scope's map is kept (`scopeSplits`) and asked again. */
const versionsAgeRanges = new WeakMap<ReadonlyMap<string, IndexedVersion>, AgeRange[]>();

/** The spans of the versions' clause age ranges, from the youngest to the oldest (none without a range). */
function ageRanges(versions: ReadonlyMap<string, IndexedVersion>): AgeRange[] {
  const known = versionsAgeRanges.get(versions);
  if (known) return known;
  const ranges = versionAgeRanges(versions);
  versionsAgeRanges.set(versions, ranges);
  return ranges;
}

function versionAgeRanges(versions: ReadonlyMap<string, IndexedVersion>): AgeRange[] {
  return [...versions.values()].flatMap((version) => {
    let span = versionAgeSpans.get(version);
    if (span === undefined) {
      const ranges = version.clauses.flatMap(({ clause }) => (clause.ages ? [clause.ages] : []));
      span =
        ranges.length === 0
          ? null
          : {
              min: Math.min(...ranges.map((range) => range.min ?? 0)),
              max: Math.max(...ranges.map((range) => range.max ?? Number.POSITIVE_INFINITY)),
            };
      versionAgeSpans.set(version, span);
    }
    return span === null ? [] : [span];
  });
}

/** The question as read: its filters, a date it names, what it means, whose agreements answer it. */
interface ReadQuestion {
  filters: Filters;
  dated: ReturnType<typeof readQuestionDate>;
  interpretation: ReturnType<typeof interpret>;
  scope: ReturnType<typeof resolveScope>;
  /** What is left to search for once the date and a place the question names are read. */
  searchText: string;
}

function readQuestion(
  index: ClauseIndex,
  request: LookupRequest,
  now: string,
  splits?: CountyRegistry,
): ReadQuestion {
  const filters = readRequest(index, request, now, splits);
  // What the caller sets aside as settled («– det er ordnet –») is not searched, nor dated by.
  const { said: typed, aside } = setAside(
    joinSplitWords(numbersAsDigits(writtenOut(filters.q)), (word) => {
      const value = term(word.toLowerCase());
      return value !== undefined && index.hasTerm(value);
    }),
  );
  const previous = readPreviousAgreement(typed);
  const change = readAgreementChange(previous?.rest ?? typed);
  const decision = readDecision(change?.rest ?? previous?.rest ?? typed);
  let dated = readQuestionDate(decision?.rest ?? change?.rest ?? previous?.rest ?? typed, now);
  const scope = resolveScope(index, request, filters, dated.text, splits);
  const askedVersions = () =>
    askedAgreementIds(index, filters, scope.counties).flatMap((id) => index.history(id));
  // «Etter vedtaket i SU 2021»: the decision a clause records; a year with none is read as a year.
  if (decision && !dated.date) {
    const day = decisionDay(askedVersions(), decision);
    if (day) dated.date = { text: decision.text, date: day };
    else dated = readQuestionDate(change?.rest ?? previous?.rest ?? typed, now);
  }
  // «Etter ny opplæringslov»: the day the agreements took the law up, when they did so later than its day.
  if (dated.afterLaw && dated.date) {
    const day = lawTakenUpDay(askedVersions(), dated.date.date, dated.afterLaw);
    if (day && day <= now) dated.date = { ...dated.date, date: day };
  }
  // «Før endringen i 2024»: the agreement's own change in that year; a year with none is read as a year.
  if (change && !dated.date) {
    const day = agreementChangeDay(index, filters, scope.counties, change);
    if (day) dated.date = { text: change.text, date: day };
    else dated = readQuestionDate(previous?.rest ?? typed, now);
  }
  // «Eikrem, 2020» when the agreement began in August 2020: a day of that year it was in force.
  if (dated.wholeYear && dated.date) {
    const day = yearDayInForce(index, askedAgreementIds(index, filters, scope.counties), dated.date.date);
    if (day) dated.date = { ...dated.date, date: day };
  }
  // «Den gamle avtalen»: the last day before the agreement asked about took effect in its present form.
  if (previous && !dated.date) {
    const day = previousAgreementDay(index, filters, scope.counties, now);
    if (day) dated.date = { text: previous.text, date: day };
  }
  // A date in the question answers as of that date, unless the date field says otherwise.
  if (dated.date && (request.at === undefined || request.at === '')) filters.date = dated.date.date;
  // Who asks («Vikar på NAV.», «Helsesykepleier:») is read for the scope above, not as the case.
  // Times of year are searched as the agreements write them («aug», «sommarstengt»: time-of-year.ts).
  const interpretation = interpret(withoutIntroduction(timesInFull(dated.text)));
  // The story set aside may have said whose case it is («en gutt på 19 med ettervern – men det er ordnet»).
  const age = interpretation.age ?? (aside === '' ? undefined : interpret(aside).age);
  if (!filters.age && age) filters.age = age;
  const searchText =
    scope.rest === undefined
      ? interpretation.text
      : interpret(withoutIntroduction(timesInFull(scope.rest))).text;
  return { filters, dated, interpretation, scope, searchText };
}

/** The agreements a question asks about: the one filtered to, or those of the scope's counties. */
function askedAgreementIds(index: ClauseIndex, filters: Filters, counties: string[] | null): string[] {
  if (filters.agreement) return [filters.agreement];
  return index.agreementIds().filter((id) => {
    const meta = index.history(id)[0]?.agreement.meta;
    return meta !== undefined && (counties === null || counties.includes(countyOf(index, meta)));
  });
}

/**
 * A year alone stands as its middle (`day`, 1 July). When none of the agreements asked about was in force
 * that day, the middle of the part of the year one of them was (from its first day in the year to the last);
 * undefined when that is the middle itself, or none was in force in the year.
 */
function yearDayInForce(index: ClauseIndex, ids: string[], day: string): string | undefined {
  const year = day.slice(0, 4);
  const periods = ids
    .flatMap((id) => index.history(id))
    .map(({ agreement: { meta } }) => ({
      from: meta.validFrom < `${year}-01-01` ? `${year}-01-01` : meta.validFrom,
      to: meta.validTo === undefined || meta.validTo > `${year}-12-31` ? `${year}-12-31` : meta.validTo,
    }))
    .filter(({ from, to }) => from <= to);
  const covers = (date: string) => periods.some(({ from, to }) => from <= date && date <= to);
  if (periods.length === 0 || covers(day)) return undefined;
  const first = periods.reduce((earliest, { from }) => (from < earliest ? from : earliest), `${year}-12-31`);
  const last = periods.reduce((latest, { to }) => (to > latest ? to : latest), `${year}-01-01`);
  const middle = new Date((Date.parse(first) + Date.parse(last)) / 2).toISOString().slice(0, 10);
  if (covers(middle)) return middle;
  // Between two periods: the first day in force after the middle.
  return periods
    .map(({ from }) => from)
    .filter((from) => from > middle)
    .sort()[0];
}

/**
 * The day of «før/etter endringen i 2024»: the agreements asked about (the one filtered to, or those of the
 * scope's counties, umbrella agreements first) and the revisions among them whose validity starts that year.
 * Before the change is the day before the first of them; after it, the day the last took effect.
 */
function agreementChangeDay(
  index: ClauseIndex,
  filters: Filters,
  counties: string[] | null,
  change: { before: boolean; year: string },
): string | undefined {
  const ids = askedAgreementIds(index, filters, counties);
  const starts = (kinds: AgreementKind[] | null) =>
    ids
      .flatMap((id) => index.history(id))
      .map(({ agreement: { meta } }) => ({ kind: meta.kind, from: meta.validFrom }))
      .filter(
        ({ kind, from }) => from.startsWith(`${change.year}-`) && (kinds === null || kinds.includes(kind)),
      )
      .map(({ from }) => from)
      .sort();
  const found = starts(['ramme']).length > 0 ? starts(['ramme']) : starts(null);
  if (found.length === 0) return undefined;
  return change.before ? dayBefore(found[0] as string) : (found.at(-1) as string);
}

/**
 * The day before the agreement in force today took effect in its present form, when an earlier version
 * of it answered before: the asked-about agreement, or the umbrella agreement of the one county asked about.
 */
function previousAgreementDay(
  index: ClauseIndex,
  filters: Filters,
  counties: string[] | null,
  now: string,
): string | undefined {
  const inForce = index.inForce(now);
  let current: IndexedVersion | undefined;
  if (filters.agreement) current = inForce.get(filters.agreement);
  else if (counties?.length === 1)
    current = [...inForce.values()].find(
      (version) =>
        countyOf(index, version.agreement.meta) === counties[0] && version.agreement.meta.kind === 'ramme',
    );
  if (!current) return undefined;
  const from = current.agreement.meta.validFrom;
  const earlier = index
    .history(current.agreementId)
    .some((version) => version.agreement.meta.validFrom < from);
  return earlier ? dayBefore(from) : undefined;
}

/** What the ranking needs from the question: its terms and meaning (refused when it has neither). */
function askedOf(index: ClauseIndex, request: LookupRequest, question: ReadQuestion): Asked {
  const { filters, dated, interpretation, scope, searchText } = question;
  const searched = searchTerms(index, searchText);
  const { synonyms, synonymPhrases, compounds } = searched;
  const words = withoutDisputingParties(searched.words, interpretation.intents, interpretation.facets);
  refuseEmptyQuestion(
    filters,
    words.length > 0 || interpretation.facets.length > 0 || dated.date !== undefined,
  );
  const facets = [...new Set([...(filters.situation ? [filters.situation] : []), ...interpretation.facets])];
  const notFacets = interpretation.notFacets.filter((facet) => facet !== filters.situation);
  const meaning: Meaning = {
    facets,
    notFacets,
    intents: interpretation.intents,
    facetMask: facetMask(facets),
    notFacetMask: facetMask(notFacets),
    handOver: namesHandOver(searchText),
  };
  return {
    filters,
    meaning,
    words,
    synonyms,
    synonymPhrases,
    compounds,
    labels: facetLabelTerms(meaning.facets, words),
    dateCase: dated.names ? terms(timesInFull(dated.names)) : [],
    months: monthsNamed(`${dated.text} ${dated.names ?? ''}`),
    explained: new Set(terms(interpretation.meaningWords.join(' '))),
    lastWord: terms(searchText).at(-1),
    thing: (() => {
      let read: { word: string | undefined } | undefined;
      return () => {
        read ??= { word: askedThing(askedPart(searchText)) };
        return read.word;
      };
    })(),
    askedOutright: askedPart(searchText) !== searchText.trim(),
    chainIds: filters.agreement ? chain(index, index.inForce(filters.date), filters.agreement) : [],
    area: scope.area ?? undefined,
    personParties: new Set(request.person?.parties ?? []),
    atAnOffice: request.person?.parties.some((id) => officeParties(index).has(id)) ?? false,
  };
}

/** A pool's versions in a scope's counties, and those outside it (all in scope when it has none). */
interface ScopeSplit {
  inScope: Map<string, IndexedVersion>;
  outside: Map<string, IndexedVersion>;
}

/**
 * Pools split by scope, per pool (`candidates` keeps one per map of versions in force and filters) and the
 * scope's counties: a question in a pool and scope asked before reads no version. A scope with a dissolved
 * county is split afresh: which of its versions answers depends on the date.
 */
const scopeSplits = new WeakMap<Map<string, IndexedVersion>, Map<string, ScopeSplit>>();

/** The pool's versions in the scope's counties, and those outside it. */
function splitByScope(
  index: ClauseIndex,
  pool: Map<string, IndexedVersion>,
  scope: { counties: string[] | null; inherited?: InheritedCounty[] },
  date: string,
): ScopeSplit {
  if (scope.inherited !== undefined && scope.inherited.length > 0) return splitPool(index, pool, scope, date);
  let splits = scopeSplits.get(pool);
  if (!splits) {
    splits = new Map();
    scopeSplits.set(pool, splits);
  }
  const key = scope.counties?.join('\0') ?? '*';
  let split = splits.get(key);
  if (!split) {
    split = splitPool(index, pool, scope, date);
    splits.set(key, split);
  }
  return split;
}

function splitPool(
  index: ClauseIndex,
  pool: Map<string, IndexedVersion>,
  { counties, inherited = [] }: { counties: string[] | null; inherited?: InheritedCounty[] },
  date: string,
): ScopeSplit {
  const inScope = new Map<string, IndexedVersion>();
  const outside = new Map<string, IndexedVersion>();
  const inForce = () => [...pool.values()].map((version) => version.agreement.meta);
  for (const [id, version] of pool) {
    const county = countyOf(index, version.agreement.meta);
    // A dissolved county's agreement answers a successor's people only while it applies there.
    const from = inherited.find((item) => countyKey(item.split.county) === countyKey(county));
    const ours =
      counties === null || (counties.includes(county) && (!from || answersInSuccessor(from, id, inForce())));
    (ours ? inScope : outside).set(id, version);
    // Another successor's continuation answers only there; the dissolved county's text still governs here.
    const governing = ours
      ? undefined
      : inheritedVersion(inherited, version.agreement.meta, index.history(id), date, inForce);
    if (governing) inScope.set(id, governing);
  }
  return { inScope, outside };
}

/** The answer's «Obs» at the top: the grey zone that governs, and where its case goes. */
function cautionOf(grey: RankedClause): NonNullable<LookupAnswer['caution']> {
  return {
    agreementId: grey.version.agreementId,
    clauseId: grey.clause.id,
    clauseTitle: grey.clause.title,
    escalation: grey.clause.escalation ?? grey.version.agreement.meta.escalation ?? null,
  };
}

/** The question as the lookup read it, for the answer. */
function questionOf(
  filters: Filters,
  interpretation: ReturnType<typeof interpret>,
  date: QuestionDate | undefined,
): LookupAnswer['question'] {
  return {
    q: filters.q,
    age: filters.age ?? null,
    facets: interpretation.facets,
    notFacets: interpretation.notFacets,
    state: interpretation.state ?? null,
    intents: interpretation.intents,
    situation: filters.situation ?? null,
    asksWhoPays: interpretation.asksWhoPays,
    date: date ?? null,
  };
}

/** A question with nothing to search for and no filter is refused, with what to write instead. */
function refuseEmptyQuestion(filters: Filters, searchable: boolean): void {
  const filtered = Boolean(
    filters.age || filters.situation || filters.county || filters.agreement || filters.party,
  );
  if (searchable || filtered) return;
  throw invalid(
    filters.q === ''
      ? 'Skriv hva saken gjelder, for eksempel «19 år og fikk ikke læreplass».'
      : `Fant ingen ord å søke etter i «${preview(filters.q)}». Beskriv situasjonen med ord, for eksempel «elev som vurderer å slutte».`,
  );
}

/**
 * Why an answer has no clause, the first reason that holds: no agreement in force at all, only examples,
 * none in the scope, no clause that fits.
 */
function whyNoAnswer(found: {
  inForce: number;
  date: string;
  now: string;
  scope: {
    counties: string[] | null;
    source: LookupAnswer['scope']['source'];
    withoutAgreements?: boolean;
  };
  pool: number;
  inScope: number;
  examplesLeftOutIn: Set<string>;
  results: number;
}): { because: EmptyReason; message: string } | null {
  const { date, now, scope } = found;
  if (found.inForce === 0)
    return {
      because: 'none-in-force',
      message:
        date === now
          ? 'Ingen avtaler er i kraft i dag.'
          : `Ingen avtaler ${date < now ? 'var' : 'er'} i kraft ${formatDate(date)}.`,
    };
  // Said plainly: another county's answer is not this county's, and nothing here is in force there.
  if (scope.withoutAgreements)
    return {
      because: 'no-agreement-for-county',
      message: `Gjerde har ingen avtale for ${scope.counties?.join(', ')}. Avtalene i andre fylker gjelder ikke der: spør NAV-kontoret eller fylkeskommunen der hvem som har ansvaret.`,
    };
  const examplesOnly =
    found.inScope === 0 &&
    [...found.examplesLeftOutIn].some((county) => scope.counties === null || scope.counties.includes(county));
  // Said plainly: otherwise the in-force example agreements on the list seem to be ignored by mistake.
  if (examplesOnly)
    return {
      because: 'only-examples',
      message:
        'Bare eksempelavtaler gjelder her på datoen, og de svarer ikke på oppslag når Gjerde har ekte avtaler. Andre fylkers avtaler gjelder ikke her; velg «alle fylker» for å se hva de har avtalt.',
    };
  if (found.pool === 0 || found.inScope === 0)
    return {
      because: 'none-in-scope',
      message:
        scope.source === 'person' && scope.counties
          ? `Ingen avtaler i ${scope.counties.join(', ')} (${scope.counties.length > 1 ? 'dine fylker' : 'ditt fylke'}) var i kraft på datoen.`
          : 'Ingen av avtalene du avgrenset til, var i kraft på datoen.',
    };
  if (found.results === 0)
    return {
      because: 'no-fit',
      message:
        'Fant ingen ansvarspunkt som passer. Står saken ikke i avtalene, er den uavklart: ta den dit uklare saker skal.',
    };
  return null;
}

/** A local agreement's area: where it applies, by the names a question may use for it, and its NAV offices. */
interface LocalArea {
  /** The area as shown («Strandby»; the town when the agreement has an office per bydel). */
  place: string;
  /** Every name the area goes by: each office's place and the town they share. */
  names: string[];
  /** The NAV office parties whose own agreement it is. */
  officeIds: string[];
}

/** Each version's area, read once (it is asked for every candidate clause). */
const localAreas = new WeakMap<AgreementMeta, LocalArea | null>();

/**
 * A local agreement's area, from its NAV office parties («NAV Strandby» → Strandby). An agreement for a town
 * with an office per bydel («NAV Storhamn sentrum», «NAV Elvebakken», «NAV Nordbyen») has no single office
 * place: its area is the town, the word its title names that also begins a party's name («… NAV-kontorene i
 * Storhamn», «Storhamn videregående skole»).
 */
function localAreaOf(meta: AgreementMeta): LocalArea | null {
  if (meta.kind !== 'lokal') return null;
  const known = localAreas.get(meta);
  if (known !== undefined) return known;
  const county = fold(meta.county.toLowerCase());
  const offices: { id: string; place: string }[] = [];
  for (const party of meta.parties) {
    const place = /^NAV\s+(.+)$/u.exec(party.name.trim())?.[1];
    if (place && fold(place.toLowerCase()) !== county) offices.push({ id: party.id, place });
  }
  let found: LocalArea | null = null;
  const [first] = offices;
  if (first) {
    const town = townOf(meta, offices);
    const names = [...new Set([...offices.map(({ place }) => place), ...(town ? [town] : [])])];
    found = { place: town ?? first.place, names, officeIds: offices.map(({ id }) => id) };
  }
  localAreas.set(meta, found);
  return found;
}

/** The town a local agreement's several NAV offices share, as its title and its parties name it. */
function townOf(meta: AgreementMeta, offices: { place: string }[]): string | null {
  if (offices.length < 2) return null;
  const county = fold(meta.county.toLowerCase());
  const firstWords = new Set(
    [...offices.map(({ place }) => place), ...meta.parties.map((party) => party.name)].map(
      (name) => name.trim().split(/\s+/u)[0] ?? '',
    ),
  );
  const titleWords = meta.title.split(/[\s,.;:()–-]+/u).slice(1);
  return (
    titleWords.find(
      (word) => /^\p{Lu}\p{Ll}+$/u.test(word) && firstWords.has(word) && fold(word.toLowerCase()) !== county,
    ) ?? null
  );
}

/** A local agreement's area as shown: the place of its NAV office party («NAV Strandby» → Strandby), or its town. */
export function areaOf(meta: AgreementMeta): string | null {
  return localAreaOf(meta)?.place ?? null;
}

/** The NAV office parties of the local agreements: a person at one of them works at a NAV office. */
function officeParties(index: ClauseIndex): Set<string> {
  return index.derived('office-parties', () => {
    const offices = new Set<string>();
    for (const id of index.agreementIds()) {
      const meta = index.history(id)[0]?.agreement.meta;
      for (const office of (meta && localAreaOf(meta)?.officeIds) ?? []) offices.add(office);
    }
    return offices;
  });
}

/** Counties and NAV office areas by their folded words, for finding them named in a question. */
function places(index: ClauseIndex): PhraseMatcher<{ county: string; area: string | null }> {
  return index.derived('places', () => {
    const matcher = new PhraseMatcher<{ county: string; area: string | null }>();
    for (const county of knownCounties(index))
      matcher.add(tokenize(county).map(fold), { county, area: null });
    for (const id of index.agreementIds()) {
      const meta = index.history(id)[0]?.agreement.meta;
      const local = meta && localAreaOf(meta);
      if (meta && local)
        for (const area of local.names)
          matcher.add(tokenize(area).map(fold), { county: countyOf(index, meta), area });
    }
    return matcher;
  });
}

/**
 * The municipalities local agreements say their NAV offices serve («NAV-kontor for Djupedal og Li»), by their
 * folded words, with the agreement's area. Read from the agreements, no hand list.
 */
function servedPlaces(
  index: ClauseIndex,
): PhraseMatcher<{ county: string; area: string | null; name: string }> {
  return index.derived('served-places', () => {
    const matcher = new PhraseMatcher<{ county: string; area: string | null; name: string }>();
    for (const id of index.agreementIds()) {
      const names = new Set(index.history(id).flatMap((version) => version.agreement.meta.served ?? []));
      const meta = index.history(id)[0]?.agreement.meta;
      if (!meta) continue;
      for (const name of names) {
        const words = tokenize(name).map(fold);
        if (words.some((word) => stopWords.has(word))) continue;
        matcher.add(words, { county: countyOf(index, meta), area: areaOf(meta) ?? name, name });
      }
    }
    return matcher;
  });
}

/** The served municipalities a question names (see `namesPlace`: many are everyday words too). */
function namedServedPlaces(index: ClauseIndex, question: string, folded: readonly string[]) {
  return servedPlaces(index)
    .find(folded)
    .filter(({ value }) => namesPlace(question, value.name));
}

/** The shortest place name a misspelling is read as: shorter names are too near everyday words. */
const minTypoPlaceLength = 6;

/** One-word place names by their folded form, for a place named with a typo («bratland»). */
function placesByTypo(index: ClauseIndex): SearchableMap<{ county: string; area: string | null }> {
  return index.derived('places-by-typo', () => {
    const names = new SearchableMap<{ county: string; area: string | null }>();
    for (const county of knownCounties(index)) {
      const words = tokenize(county).map(fold);
      const [word] = words;
      if (words.length === 1 && word && word.length >= minTypoPlaceLength)
        names.set(word, { county, area: null });
    }
    return names;
  });
}

/**
 * The places a question names: by their words, or, when it names none so, a word the agreements never
 * use, as near one county's name as a typo. A case worker types the county in a hurry, and without it another
 * county's clause comes first.
 */
function namedPlaces(index: ClauseIndex, folded: readonly string[], guessTypos = true) {
  const named = places(index).find(folded);
  if (named.length > 0 || !guessTypos) return named;
  const byTypo = placesByTypo(index);
  return folded.flatMap((word, start) => {
    if (word.length < minTypoPlaceLength || index.hasTerm(word)) return [];
    const matches = [...byTypo.fuzzyGet(word, typoDistance(word)).values()].map(([value]) => value);
    return matches.length === 1 && matches[0] ? [{ start, end: start + 1, value: matches[0] }] : [];
  });
}

/**
 * The counties a person works in: their own when the account names any; otherwise those of the
 * agreements their parties are party to. A county is the more specific of the two: one NAV office may
 * serve two counties, and template party ids («ot») recur in every county, so a party alone would pull
 * in another county's clauses for someone whose account says where they work.
 */
function personCounties(
  index: ClauseIndex,
  person: NonNullable<LookupRequest['person']>,
  splits?: CountyRegistry,
): { counties: string[]; inherited: InheritedCounty[] } {
  const counties = new Set(person.counties.filter((county) => county !== everyCounty));
  if (person.counties.includes(everyCounty)) return { counties: [], inherited: [] };
  if (counties.size === 0) for (const county of partyCounties(index, person.parties)) counties.add(county);
  const scope = withDissolved(index, counties, splits);
  // A successor with no agreement of its own yet is still the person's county, named first (successorScope).
  const successors = scope.inherited.flatMap(({ successors }) => successors);
  return { ...scope, counties: [...new Set([...successors, ...scope.counties])] };
}

/**
 * A successor county's scope holds the dissolved county it succeeded too (splitByScope says on which days):
 * for its people, and for a question that names it or a place in it.
 */
function withDissolved(
  index: ClauseIndex,
  counties: Set<string>,
  splits: CountyRegistry | undefined,
): { counties: string[]; inherited: InheritedCounty[] } {
  const inherited = inheritedCounties(splits, counties).filter(
    ({ split }) => ![...counties].some((county) => countyKey(county) === countyKey(split.county)),
  );
  for (const { split } of inherited) counties.add(split.county);
  return { counties: matchingCounties(index, counties), inherited };
}

/**
 * A successor county with no agreement of its own yet, and its dissolved county, whose agreement applies
 * there: named first, so the answer says whose case it is and why the dissolved county's text answers.
 */
function successorScope(
  index: ClauseIndex,
  county: string,
  splits: CountyRegistry | undefined,
): { counties: string[]; inherited: InheritedCounty[] } {
  const { counties, inherited } = withDissolved(index, new Set([county]), splits);
  return { counties: [county, ...counties], inherited };
}

/** The counties of the agreements the parties are party to (or a unit of). */
function partyCounties(index: ClauseIndex, held: readonly string[]): Set<string> {
  const counties = new Set<string>();
  const byParty = index.derived('counties-by-party', () => {
    const map = new Map<string, Set<string>>();
    for (const id of index.agreementIds()) {
      for (const version of index.history(id)) {
        const { county, parties } = version.agreement.meta;
        for (const party of parties) {
          for (const key of [party.id, party.partOf]) {
            if (!key) continue;
            const set = map.get(key) ?? new Set<string>();
            set.add(county);
            map.set(key, set);
          }
        }
      }
    }
    return map;
  });
  for (const party of held) for (const county of byParty.get(party) ?? []) counties.add(county);
  return counties;
}

/** The store's counties among the wanted ones, in the order wanted, spelled as the store spells them. */
/** The counties (folded) with an agreement in force, by the versions in force on a date. */
const countiesInForce = new WeakMap<Map<string, IndexedVersion>, Set<string>>();

/**
 * Which of the counties had no agreement in force on the date. The counties in force are read once per
 * validity period: folding every version's county took 1.8 % of a question's CPU.
 */
function countiesWithout(index: ClauseIndex, counties: string[] | null, date: string): string[] {
  if (counties === null) return [];
  const versions = index.inForce(date);
  let inForce = countiesInForce.get(versions);
  if (inForce === undefined) {
    inForce = new Set(
      [...versions.values()].map(({ agreement }) => fold(countyOf(index, agreement.meta).toLowerCase())),
    );
    countiesInForce.set(versions, inForce);
  }
  return counties.filter((county) => !(inForce as Set<string>).has(fold(county.toLowerCase())));
}

function matchingCounties(index: ClauseIndex, wanted: ReadonlySet<string>): string[] {
  const known = knownCounties(index);
  const found = [...wanted].flatMap((name) =>
    known.filter((county) => fold(name.toLowerCase()) === fold(county.toLowerCase())),
  );
  return [...new Set(found)];
}

/** «bor i», «bur på», «flytta til» (folded): the place after them is where the young person lives. */
const livesIn = new Map([
  ['i', ['bor', 'bur', 'bodde', 'budde']],
  ['pa', ['bor', 'bur', 'bodde', 'budde']],
  ['til', ['flyttet', 'flytta', 'flytter', 'flyttar']],
]);

/**
 * The places named, the one the young person lives in first: its county leads the answer. «jobber i
 * Kystfold men ungdommen bor i Fossli» is Fossli's case; where the asker works is not.
 */
function homeFirst<T extends { start: number }>(folded: readonly string[], named: T[]): T[] {
  const home = (start: number) =>
    livesIn.get(folded[start - 1] ?? '')?.includes(folded[start - 2] ?? '') === true;
  return [...named.filter(({ start }) => home(start)), ...named.filter(({ start }) => !home(start))];
}

/** Whose agreements answer: an explicit county, a place in the question, the person's counties, or all. */
function resolveScope(
  index: ClauseIndex,
  request: LookupRequest,
  filters: Filters,
  question: string,
  splits?: CountyRegistry,
): Omit<LookupAnswer['scope'], 'counties' | 'withoutAgreement'> & {
  counties: string[] | null;
  rest?: string;
  inherited?: InheritedCounty[];
  /** The county named has no agreement in Gjerde: nothing answers for it. */
  withoutAgreements?: boolean;
} {
  const all = request.scope === 'all';
  if (filters.county) return { counties: [filters.county], source: 'filter', area: null, all: false };
  if (filters.successor)
    return { ...successorScope(index, filters.successor, splits), source: 'filter', area: null, all: false };
  const words = tokenize(question);
  const folded = words.map(fold);
  // A county Gjerde has no agreement of (or a successor with none of its own yet) is read before the
  // store's place names are guessed at by their spelling.
  const county = namedCounty(folded, splits);
  const outside =
    county && matchingCounties(index, new Set([county.county])).length === 0 ? county : undefined;
  // A municipality of a county Gjerde has no agreement of is that county's case («ungdom i Bergen»).
  const municipality = county ? undefined : namedMunicipality(question, folded);
  const municipalityOutside =
    municipality && matchingCounties(index, new Set(municipality.counties)).length === 0
      ? municipality
      : undefined;
  const named = homeFirst(folded, [
    ...namedPlaces(index, folded, outside === undefined && municipalityOutside === undefined),
    ...namedServedPlaces(index, question, folded),
  ]);
  if (named.length === 0 && municipalityOutside) {
    const { counties, start, end } = municipalityOutside;
    const rest = [...words.slice(0, start), ...words.slice(end)].join(' ');
    return { counties: [...counties], source: 'question', area: null, all, rest, withoutAgreements: true };
  }
  if (named.length === 0 && outside) {
    const rest = [...words.slice(0, outside.start), ...words.slice(outside.end)].join(' ');
    const successor = successorScope(index, outside.county, splits);
    if (successor.inherited.length > 0) return { ...successor, source: 'question', area: null, all, rest };
    return { counties: [outside.county], source: 'question', area: null, all, rest, withoutAgreements: true };
  }
  if (named.length > 0) {
    const { counties, inherited } = withDissolved(
      index,
      new Set(named.map(({ value }) => value.county)),
      splits,
    );
    const area = named.find(({ value }) => value.area !== null)?.value.area ?? null;
    // The place is the scope now, not a word to search for.
    const placeWords = new Set(named.flatMap(({ start, end }) => words.slice(start, end)));
    const rest = words.filter((word) => !placeWords.has(word)).join(' ');
    return { counties, inherited, source: 'question', area, all, rest };
  }
  const own = request.person ? personCounties(index, request.person, splits) : undefined;
  if (own && own.counties.length > 0)
    return { counties: own.counties, inherited: own.inherited, source: 'person', area: null, all };
  return { counties: null, source: 'none', area: null, all: false };
}

function partyRef(version: IndexedVersion, id: string): PartyRef {
  return { id, name: version.agreement.meta.parties.find((party) => party.id === id)?.name ?? id };
}

function present(
  index: ClauseIndex,
  version: IndexedVersion,
  clause: Clause,
  score: number,
  date: string,
  now: string,
): LookupResult {
  const { meta } = version.agreement;
  const contact = clause.contact
    ? meta.contacts.find((candidate) => candidate.id === clause.contact)
    : undefined;
  const owner = clause.status === 'settled' && clause.owner ? partyRef(version, clause.owner) : null;
  const costBearer = singleCostBearer(clause.costShares);
  const result: LookupResult = {
    agreementId: version.agreementId,
    agreementTitle: meta.title,
    agreementKind: meta.kind,
    county: countyOf(index, meta),
    area: areaOf(meta),
    example: meta.example,
    clauseId: clause.id,
    clauseTitle: clause.title,
    status: clause.status,
    owner,
    supporting: clause.supporting.map((id) => partyRef(version, id)),
    costBearer: costBearer ? partyRef(version, costBearer) : null,
    costShares: costPercentages(clause.costShares ?? []).map(({ party, percent }) => ({
      party: partyRef(version, party),
      share: Math.round(percent * 100) / 100,
    })),
    legalBasis: clause.legalBasis ?? null,
    contact: contact
      ? {
          id: contact.id,
          role: contact.role,
          party: partyRef(version, contact.party),
          description: contact.description ?? null,
          link: contact.link ?? null,
        }
      : null,
    escalation: clause.escalation ?? meta.escalation ?? null,
    text: clause.text,
    ages: clause.ages ?? null,
    facets: clause.facets,
    revision: {
      rev: version.revision.rev,
      date: version.revision.date,
      author: version.revision.author.name,
    },
    approvalWarning: approvalWarning(version.unrecorded),
    validity: { from: meta.validFrom, to: meta.validTo ?? null },
    score: Math.round(score * 100) / 100,
  };
  // No contact of its own: whom to call at the owner, from the agreement's contact roles.
  if (!contact && owner) {
    const roles = meta.contacts.filter((role) => role.party === owner.id);
    if (roles.length > 0)
      result.ownerContacts = roles.map((role) => ({
        role: role.role,
        description: role.description ?? null,
        link: role.link ?? null,
      }));
  }
  // A past answer: what the agreement says today, when it says something else.
  if (date < now) {
    const current = index.inForce(now).get(version.agreementId);
    const todays = clauseIn(current, clause.id);
    const todaysOwner = todays?.status === 'settled' && todays.owner ? todays.owner : null;
    if (!todays) {
      result.today = { status: 'gone', owner: null };
    } else if (todays.status !== clause.status || todaysOwner !== (owner?.id ?? null)) {
      result.today = {
        status: todays.status,
        owner: todaysOwner && current ? partyRef(current, todaysOwner) : null,
      };
    }
  } else {
    const upcoming = changedLater(index, version, clause, date);
    if (upcoming) result.upcoming = upcoming;
  }
  return result;
}

/** The first later version of the agreement in which the clause has another owner or status, or is gone. */
function changedLater(
  index: ClauseIndex,
  version: IndexedVersion,
  clause: Clause,
  date: string,
): LookupResult['upcoming'] {
  const ownerOf = (candidate: Clause | undefined) =>
    candidate?.status === 'settled' && candidate.owner ? candidate.owner : null;
  for (const { from, version: later } of index.versionsAfter(version.agreementId, date)) {
    const changed = clauseIn(later, clause.id);
    if (changed && changed.status === clause.status && ownerOf(changed) === ownerOf(clause)) continue;
    const owner = ownerOf(changed);
    return {
      from,
      status: changed ? changed.status : 'gone',
      owner: owner ? partyRef(later, owner) : null,
      saved: later.revision.date,
    };
  }
  return undefined;
}

/**
 * Where unclear cases go: for an agreement filter, that agreement and those above it; for a county, its
 * umbrella agreements; otherwise every umbrella agreement in force (each county's cooperation committee).
 */
function escalationRoutes(
  index: ClauseIndex,
  chainIds: string[],
  counties: string[] | null,
  pool: Map<string, IndexedVersion>,
): EscalationRoute[] {
  let versions: IndexedVersion[];
  if (chainIds.length > 0) {
    versions = chainIds.flatMap((id) => pool.get(id) ?? []);
  } else {
    const inCounty = [...pool.values()].filter(
      (version) => counties === null || counties.includes(countyOf(index, version.agreement.meta)),
    );
    const umbrellas = inCounty.filter((version) => version.agreement.meta.kind === 'ramme');
    versions = umbrellas.length > 0 ? umbrellas : inCounty;
  }
  const routes: EscalationRoute[] = [];
  const seen = new Set<string>();
  for (const version of versions) {
    const { meta } = version.agreement;
    const county = countyOf(index, meta);
    if (!meta.escalation || seen.has(`${county}\0${meta.escalation}`)) continue;
    seen.add(`${county}\0${meta.escalation}`);
    routes.push({
      agreementId: version.agreementId,
      agreementTitle: meta.title,
      county,
      to: meta.escalation,
    });
  }
  return routes.sort((a, b) => a.county.localeCompare(b.county, 'nb'));
}
