/**
 * «Who owns this?»: a question in a case worker's words, filters and a date → the responsibility clauses
 * of the agreements in force on that date, the most specific first, each with its owner (or «Uavklart»
 * and where to take the case), and where unclear cases go when nothing fits.
 */
import { GjerdeError } from '../domain/errors.js';
import { containsNationalIdNumber, personalDataMessage } from '../domain/personal-data.js';
import { ageMatches, agesOverlap } from '../format/clauses.js';
import { isIsoDate, today } from '../format/dates.js';
import type { AgeRange, AgreementKind, Clause, ClauseStatus } from '../format/types.js';
import { isSituationFacet, situationFacets } from '../format/vocabulary.js';
import { answersIntent, clauseFacets, type DocFacts } from './clause-facts.js';
import { type ClauseIndex, fieldBoosts, type IndexedVersion } from './clause-index.js';
import { compoundParts, fold, particleVerbTerms, terms } from './norwegian.js';
import { type Intent, interpret, type SchoolState } from './question.js';
import type { TermQuery } from './term-index.js';

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
}

export interface PartyRef {
  id: string;
  name: string;
}

export interface LookupResult {
  agreementId: string;
  agreementTitle: string;
  agreementKind: AgreementKind;
  county: string;
  example: boolean;
  clauseId: string;
  clauseTitle: string;
  status: ClauseStatus;
  /** The one responsible party; null for a grey zone (never an owner there). */
  owner: PartyRef | null;
  supporting: PartyRef[];
  costBearer: PartyRef | null;
  legalBasis: string | null;
  contact: { id: string; role: string; party: PartyRef; description: string | null } | null;
  /** Where to take the case: required on a grey zone; on a settled clause where disagreement goes. */
  escalation: string | null;
  text: string;
  ages: AgeRange | null;
  facets: string[];
  revision: { rev: string; date: string; author: string };
  validity: { from: string; to: string | null };
  permalink: string;
  score: number;
}

export interface EscalationRoute {
  agreementId: string;
  agreementTitle: string;
  county: string;
  to: string;
}

export interface LookupAnswer {
  date: string;
  /** The date asked about is today (permalinks then point at the current version). */
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
  };
  filters: { county: string | null; agreement: string | null; party: string | null };
  results: LookupResult[];
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
  /** Where unclear cases go for the agreements the question covers. */
  escalation: EscalationRoute[];
  /** A plain-language note when nothing is found or nothing was in force. */
  message: string | null;
}

const defaultLimit = 10;
/** Best full-text hits that are weighed for specificity. */
const candidateLimit = 300;
/** Hits whose wording is compared with the question's (the rest keep their search score). */
const rerankDepth = 60;
const maxLimit = 50;
/** Results far below the best are noise from one common word. */
const relativeFloor = 0.12;
const synonymWeight = 0.75;
/** Question words that the facets or intents read explain, and the facets' labels in their place. */
const explainedWeight = 0.4;
const labelWeight = 0.5;
/** What a clause's fitting meaning (one facet or intent) is worth, as a share of the best text match. */
const meaningShare = 0.3;
/** …and at least this much: about one rare word in a clause's title. */
const meaningFloor = 15;
/** Terms in more than this share of the search documents are left out when rarer ones are asked for. */
const commonShare = 0.5;
/** Compounds a question's word is the tail of («kurs» → «læreplasskurs»), or the head of. */
const tailWeight = 0.35;
const headWeight = 0.2;
const kindWeight: Record<AgreementKind, number> = { ramme: 1, del: 1.02, lokal: 1.04 };
/** From the widest agreement to the narrowest. */
const kindOrder: AgreementKind[] = ['ramme', 'del', 'lokal'];

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
  agreement?: string;
  party?: string;
  limit: number;
}

/** Checks every input; problems are Norwegian messages (400), a national identity number is refused (422). */
export function readRequest(index: ClauseIndex, request: LookupRequest, now = today()): Filters {
  const q = (request.q ?? '').trim();
  if (containsNationalIdNumber(q)) throw new GjerdeError('personal-data', personalDataMessage);
  if (q.length > 200)
    throw invalid('Spørsmålet er for langt. Beskriv situasjonen med færre ord (høyst 200 tegn).');
  const date = request.at === undefined || request.at === '' ? now : request.at;
  if (!isIsoDate(date))
    throw invalid(`«${preview(date)}» er ikke en gyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD.`);
  const filters: Filters = {
    date,
    q,
    ageFromFilter: false,
    limit: wholeNumber(request.limit, 'Antall svar', 1, maxLimit) ?? defaultLimit,
  };
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
    if (!county) {
      throw invalid(
        `Ukjent fylke «${preview(request.county)}». Fylker med avtaler: ${counties.join(', ') || 'ingen'}.`,
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

/** The counties of every approved version, sorted. */
export function knownCounties(index: ClauseIndex): string[] {
  return index.derived('counties', () => {
    const counties = new Set<string>();
    for (const id of index.agreementIds())
      for (const version of index.history(id)) counties.add(version.agreement.meta.county);
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

function candidates(index: ClauseIndex, filters: Filters): Map<string, IndexedVersion> {
  const inForce = index.inForce(filters.date);
  if (!filters.agreement && !filters.county) return inForce;
  const allowed = filters.agreement ? new Set(chain(index, inForce, filters.agreement)) : undefined;
  const result = new Map<string, IndexedVersion>();
  for (const [id, version] of inForce) {
    if (allowed && !allowed.has(id)) continue;
    if (filters.county && version.agreement.meta.county !== filters.county) continue;
    result.set(id, version);
  }
  return result;
}

/**
 * Search documents that may answer: those of the versions in force on the date, of the agreements the
 * county or agreement filter leaves (1), or not (0). The clause-level filters (age, situation, party) are
 * checked on the hits.
 */
function allowed(index: ClauseIndex, filters: Filters, pool: Map<string, IndexedVersion>): Uint8Array {
  const inForce = index.docsInForce(filters.date);
  if (!filters.county && !filters.agreement) return inForce;
  const docs = new Uint8Array(inForce.length);
  for (const version of pool.values()) for (const entry of version.clauses.values()) docs[entry.doc] = 1;
  return docs;
}

/** Whether a clause applies to the situation the filters describe (clauses without a limit apply to all). */
function applies(clause: Clause, filters: Filters): boolean {
  if (filters.age && clause.ages && !agesOverlap(clause.ages, filters.age)) return false;
  if (filters.situation && clause.facets.length > 0 && !clause.facets.includes(filters.situation))
    return false;
  if (
    filters.party &&
    clause.owner !== filters.party &&
    clause.costBearer !== filters.party &&
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
}

/** How much more specific than others a clause is for this question (a factor around 1). */
function specificity(
  clause: Clause,
  facts: DocFacts,
  version: IndexedVersion,
  filters: Filters,
  meaning: Meaning,
  chainIds: string[],
): number {
  let weight = kindWeight[version.agreement.meta.kind];
  // The agreement the case worker works under answers before the agreements above it.
  const level = chainIds.indexOf(version.agreementId);
  if (level >= 0) weight *= 1 + 1 / (level + 1);
  if (filters.age && clause.ages) {
    // A narrow age range that holds the age asked about is the more specific clause (22–24 before 15–24),
    // but a clause without an age range applies to every age and loses nothing.
    const width = (clause.ages.max ?? 30) - (clause.ages.min ?? 15);
    weight *= 1 + 0.3 / (1 + Math.max(width, 0) / 3);
  }
  const facets = clauseFacets(clause, facts);
  if (facets.size > 0) {
    let excluded = 0;
    for (const facet of facets.keys()) if (meaning.notFacets.includes(facet)) excluded += 1;
    const matching = meaning.facets.some((facet) => facets.has(facet));
    // A clause only about a situation the question rules out («har sluttet» vs pupils) is not the answer.
    if (excluded === facets.size) weight *= 0.25;
    else if (excluded > 0 && !matching) weight *= 0.7;
  }
  if (meaning.intents.includes('cost') && clause.costBearer) weight *= 1.3;
  return weight;
}

/**
 * How much the clause fits what the question means, without shared words: each asked facet it has, each
 * intent it answers (cost, contact, escalation), the asked age within its range once something else fits.
 */
function meaningScore(clause: Clause, facts: DocFacts, filters: Filters, meaning: Meaning): number {
  let score = 0;
  const facets = clauseFacets(clause, facts);
  for (const facet of meaning.facets) score += facets.get(facet) ?? 0;
  for (const intent of meaning.intents) score += answersIntent(intent, clause, facts);
  if (score > 0 && filters.age?.min !== undefined && clause.ages && ageMatches(clause.ages, filters.age.min))
    score += 0.25;
  return score;
}

/** How closely the clause's own words say what the question says (for the best hits only). */
function wording(clause: Clause, words: string[]): number {
  if (words.length === 0) return 1;
  let weight = 1;
  // Every word of the question is in the title: the clause is about this; more so when the title says
  // nothing else.
  const title = new Set(terms(clause.title));
  if (words.every((word) => title.has(word))) weight *= title.size <= new Set(words).size ? 1.75 : 1.25;
  // A keyword of two words or more stands in the question as written («hvem ringer jeg i NAV»).
  const question = ` ${words.join(' ')} `;
  if (
    clause.keywords.some((keyword) => {
      const phrase = terms(keyword);
      return phrase.length >= 2 && question.includes(` ${phrase.join(' ')} `);
    })
  ) {
    weight *= 1.5;
  }
  return weight;
}

/** The search terms of the question, and extra terms (synonyms, compound parts) that weigh less. */
function searchTerms(
  index: ClauseIndex,
  text: string,
): { words: string[]; synonyms: string[]; compounds: [string, number][] } {
  const words = [...new Set(terms(text))];
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
  const specific = (word: string) => index.share(word) <= commonShare;
  return {
    words: [...words, ...[...joined].filter((word) => !words.includes(word))],
    synonyms: synonyms.filter((word) => !words.includes(word) && specific(word)),
    compounds: [...compounds].filter(([word]) => specific(word)),
  };
}

/** The terms of the asked facets' labels («Utenfor opplæring og arbeid»), less those asked already. */
function facetLabelTerms(facets: string[], words: string[]): string[] {
  const found = new Set<string>();
  for (const facet of facets) for (const word of terms(situationFacets[facet] ?? '')) found.add(word);
  for (const word of words) found.delete(word);
  return [...found];
}

/** Terms in at most this share of the search documents can anchor a question. */
const anchorShare = 0.05;
/** …or in at most this many (in a small store most words are rare). */
const anchorFew = 8;

/**
 * The documents that have the question's rarest word (or its synonyms and compounds), when that word is rare
 * and some text hit has it; undefined otherwise. Generic words («trenger hjelp») then cannot outrank it.
 */
function anchorDocs(
  index: ClauseIndex,
  words: string[],
  synonyms: string[],
  compounds: [string, number][],
  textScores: Map<number, number>,
): Set<number> | undefined {
  let rarest: string | undefined;
  let fewest = Number.POSITIVE_INFINITY;
  for (const word of words) {
    const count = index.terms.documentFrequency(word);
    if (count > 0 && count < fewest) {
      fewest = count;
      rarest = word;
    }
  }
  if (
    rarest === undefined ||
    words.length < 2 ||
    fewest > Math.max(anchorFew, anchorShare * index.documentCount)
  )
    return undefined;
  const related = [rarest, ...index.synonyms.expand([rarest]).filter((word) => synonyms.includes(word))];
  for (const [compound] of compounds) if (compoundParts(compound).includes(rarest)) related.push(compound);
  const docs = new Set<number>();
  for (const word of related)
    for (const doc of index.terms.documentsWith(word)) if (textScores.has(doc)) docs.add(doc);
  return docs.size > 0 ? docs : undefined;
}

export function lookup(index: ClauseIndex, request: LookupRequest): LookupAnswer {
  const now = today();
  const filters = readRequest(index, request, now);
  const interpretation = interpret(filters.q);
  if (!filters.age && interpretation.age) filters.age = interpretation.age;
  const { words, synonyms, compounds } = searchTerms(index, interpretation.text);
  const lastWord = terms(interpretation.text).at(-1);
  const hasFilters = Boolean(
    filters.age || filters.situation || filters.county || filters.agreement || filters.party,
  );
  if (words.length === 0 && interpretation.facets.length === 0 && !hasFilters) {
    throw invalid(
      filters.q === ''
        ? 'Skriv hva saken gjelder, for eksempel «19 år og fikk ikke læreplass».'
        : `Fant ingen ord å søke etter i «${preview(filters.q)}». Beskriv situasjonen med ord, for eksempel «elev som vurderer å slutte».`,
    );
  }
  const pool = candidates(index, filters);
  const allowedDocs = allowed(index, filters, pool);
  const chainIds = filters.agreement ? chain(index, index.inForce(filters.date), filters.agreement) : [];
  const meaning: Meaning = {
    facets: [...new Set([...(filters.situation ? [filters.situation] : []), ...interpretation.facets])],
    notFacets: interpretation.notFacets.filter((facet) => facet !== filters.situation),
    intents: interpretation.intents,
  };

  const explained = new Set(terms(interpretation.meaningWords.join(' ')));
  // The text match: BM25+ over the clauses' words, synonyms and compound parts.
  const textScores = new Map<number, number>();
  if (words.length > 0 || synonyms.length > 0) {
    const queries: TermQuery[] = [
      ...words.map((term) => {
        const known = index.hasTerm(term);
        return {
          term,
          // Words the meaning explains («sitter hjemme» is «utenfor») are searched as the meaning below.
          weight: explained.has(term) ? explainedWeight : 1,
          // Prefixes for the word being typed (the last) and for unknown words; edit distance only for
          // unknown words (typos): a word the agreements use is taken as written.
          prefix: term.length >= 4 && (term === lastWord || !known),
          fuzzy: term.length >= 5 && !known ? Math.min(2, Math.round(term.length * 0.2)) : 0,
        };
      }),
      ...synonyms.map((term) => ({ term, weight: synonymWeight, prefix: false, fuzzy: 0 })),
      ...compounds.map(([term, weight]) => ({ term, weight, prefix: false, fuzzy: 0, counts: false })),
      // The situation asked about, in the agreements' own words (the facet's label).
      ...facetLabelTerms(meaning.facets, words).map((term) => ({
        term,
        weight: labelWeight,
        prefix: false,
        fuzzy: 0,
        counts: false,
      })),
    ];
    for (const hit of index.terms.search(queries, fieldBoosts, allowedDocs, 4 * candidateLimit))
      textScores.set(hit.doc, hit.score);
  }
  const bestText = Math.max(0, ...textScores.values());
  const hasMeaning = meaning.facets.length > 0 || meaning.intents.length > 0;
  // What a fully fitting meaning is worth next to the words: a share of the best text match, so that a
  // clause in other words than the question's still comes up, below one that says it in the same words.
  const meaningUnit = Math.max(meaningShare * bestText, meaningFloor);
  const anchor = anchorDocs(
    index,
    words.filter((word) => !explained.has(word)),
    synonyms,
    compounds,
    textScores,
  );
  const onlyFilters = words.length === 0 && synonyms.length === 0 && !hasMeaning;

  const scored: { version: IndexedVersion; clause: Clause; score: number }[] = [];
  for (const version of pool.values()) {
    for (const entry of version.clauses.values()) {
      const text = textScores.get(entry.doc) ?? 0;
      const { clause } = entry;
      const facts = index.facts(entry.doc);
      const fits = hasMeaning ? meaningScore(clause, facts, filters, meaning) : 0;
      // Only an age or filters: every clause that applies, the most specific first.
      if (text === 0 && fits < 1 && !onlyFilters) continue;
      if (!applies(clause, filters)) continue;
      let weight = specificity(clause, facts, version, filters, meaning, chainIds);
      // The question's most specific word decides what it is about: «hvem betaler PC i OT-klassen» is about
      // the PC, so the clause about the class's costs, without the PC, weighs half.
      if (anchor && !anchor.has(entry.doc)) weight *= 0.5;
      scored.push({ version, clause, score: (text + fits * meaningUnit) * weight || weight });
    }
  }

  const order = (a: (typeof scored)[number], b: (typeof scored)[number]) =>
    b.score - a.score ||
    a.version.agreementId.localeCompare(b.version.agreementId) ||
    a.clause.position.line - b.clause.position.line;
  scored.sort(order);
  // The wording of the best hits decides between them.
  const top = scored.splice(0, rerankDepth);
  for (const hit of top) hit.score *= wording(hit.clause, words);
  top.sort(order);
  scored.unshift(...top);
  const grey = governingGreyZone(scored);
  const best = scored[0]?.score ?? 0;
  const isToday = filters.date === now;
  const results = scored
    .filter(({ score }) => score >= best * relativeFloor)
    .slice(0, filters.limit)
    .map(({ version, clause, score }) => present(version, clause, score, filters.date, isToday));

  const escalation = escalationRoutes(index, filters);
  const caution = grey
    ? {
        agreementId: grey.version.agreementId,
        clauseId: grey.clause.id,
        clauseTitle: grey.clause.title,
        escalation: grey.clause.escalation ?? grey.version.agreement.meta.escalation ?? null,
      }
    : null;
  let message: string | null = null;
  if (index.inForce(filters.date).size === 0) {
    message = isToday ? 'Ingen avtaler er i kraft i dag.' : `Ingen avtaler var i kraft ${filters.date}.`;
  } else if (pool.size === 0) {
    message = 'Ingen av avtalene du avgrenset til, var i kraft på datoen.';
  } else if (results.length === 0) {
    message =
      'Fant ingen ansvarspunkt som passer. Står saken ikke i avtalene, er den uavklart: ta den dit uklare saker skal.';
  }
  return {
    date: filters.date,
    isToday,
    question: {
      q: filters.q,
      age: filters.age ?? null,
      facets: interpretation.facets,
      notFacets: interpretation.notFacets,
      state: interpretation.state ?? null,
      intents: interpretation.intents,
      situation: filters.situation ?? null,
      asksWhoPays: interpretation.asksWhoPays,
    },
    filters: {
      county: filters.county ?? null,
      agreement: filters.agreement ?? null,
      party: filters.party ?? null,
    },
    results,
    caution,
    escalation,
    message,
  };
}

/** A grey zone this close to the best settled clause fits the question as well. */
const greyShare = 0.6;
/** How far down a governing grey zone is looked for. */
const greyDepth = 5;

/**
 * When a grey zone and a settled clause both fit the question, the grey zone governs: the agreement says
 * the case is not settled, and a settled neighbour must not stand alone as the answer. The grey zone is
 * moved first (in place) and returned, for the answer's «Obs» at the top.
 */
function governingGreyZone<T extends { clause: Clause; score: number; version: IndexedVersion }>(
  sorted: T[],
): T | undefined {
  const first = sorted[0];
  if (!first) return undefined;
  const county = first.version.agreement.meta.county;
  const fits = (candidate: T) =>
    candidate.version.agreement.meta.county === county && candidate.score >= greyShare * first.score;
  if (first.clause.status === 'grey') {
    const settled = sorted
      .slice(1, greyDepth)
      .some((other) => other.clause.status === 'settled' && fits(other));
    return settled ? first : undefined;
  }
  // A local or sub-agreement that settles what the agreement above it leaves open answers for its area.
  const level = (candidate: T) => kindOrder.indexOf(candidate.version.agreement.meta.kind);
  const at = sorted
    .slice(1, greyDepth)
    .findIndex((other) => other.clause.status === 'grey' && fits(other) && level(other) >= level(first));
  if (at < 0) return undefined;
  const [grey] = sorted.splice(at + 1, 1) as [T];
  sorted.unshift(grey);
  return grey;
}

function partyRef(version: IndexedVersion, id: string): PartyRef {
  return { id, name: version.agreement.meta.parties.find((party) => party.id === id)?.name ?? id };
}

function present(
  version: IndexedVersion,
  clause: Clause,
  score: number,
  date: string,
  isToday: boolean,
): LookupResult {
  const { meta } = version.agreement;
  const contact = clause.contact
    ? meta.contacts.find((candidate) => candidate.id === clause.contact)
    : undefined;
  return {
    agreementId: version.agreementId,
    agreementTitle: meta.title,
    agreementKind: meta.kind,
    county: meta.county,
    example: meta.example,
    clauseId: clause.id,
    clauseTitle: clause.title,
    status: clause.status,
    owner: clause.status === 'settled' && clause.owner ? partyRef(version, clause.owner) : null,
    supporting: clause.supporting.map((id) => partyRef(version, id)),
    costBearer: clause.costBearer ? partyRef(version, clause.costBearer) : null,
    legalBasis: clause.legalBasis ?? null,
    contact: contact
      ? {
          id: contact.id,
          role: contact.role,
          party: partyRef(version, contact.party),
          description: contact.description ?? null,
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
    validity: { from: meta.validFrom, to: meta.validTo ?? null },
    permalink: `/avtaler/${encodeURIComponent(version.agreementId)}${isToday ? '' : `?at=${date}`}#${encodeURIComponent(clause.id)}`,
    score: Math.round(score * 100) / 100,
  };
}

/**
 * Where unclear cases go: for an agreement filter, that agreement and those above it; for a county, its
 * umbrella agreements; otherwise every umbrella agreement in force (each county's cooperation committee).
 */
function escalationRoutes(index: ClauseIndex, filters: Filters): EscalationRoute[] {
  const inForce = index.inForce(filters.date);
  let versions: IndexedVersion[];
  if (filters.agreement) {
    versions = chain(index, inForce, filters.agreement).flatMap((id) => inForce.get(id) ?? []);
  } else {
    const inCounty = [...inForce.values()].filter(
      (version) => !filters.county || version.agreement.meta.county === filters.county,
    );
    const umbrellas = inCounty.filter((version) => version.agreement.meta.kind === 'ramme');
    versions = umbrellas.length > 0 ? umbrellas : inCounty;
  }
  const routes: EscalationRoute[] = [];
  const seen = new Set<string>();
  for (const version of versions) {
    const { meta } = version.agreement;
    if (!meta.escalation || seen.has(`${meta.county}\0${meta.escalation}`)) continue;
    seen.add(`${meta.county}\0${meta.escalation}`);
    routes.push({
      agreementId: version.agreementId,
      agreementTitle: meta.title,
      county: meta.county,
      to: meta.escalation,
    });
  }
  return routes.sort((a, b) => a.county.localeCompare(b.county, 'nb'));
}
