/**
 * When no clause covers the question: the answer must say so, and give the route for unclear cases, rather
 * than let a weak neighbour stand as *the* answer. A case worker acts on the first card.
 *
 * `not-yet`: the question asks about a day before the clause that answers it today existed. Asked today,
 * the agreements answer with a clause that was not in force on the day asked about, and of the clauses that
 * were in force then they rank the day's own first clause best (or show none of them). On that day the agreements said nothing about the case: the day's first clause
 * is only the nearest neighbour («PC til OT-klassen i 2022», when the committee decided the PC in 2025).
 * Today's ranking is evidence only for a day's clause that still stands today in the asker's scope: in its own
 * agreement, or carried on under its id by the agreement that replaced it (`erstatter`); a clause whose
 * agreement has since ended without one cannot be ranked today, so its absence says nothing. A clause of today
 * carried on that way existed on the day: it did not «come in later».
 *
 * `not-named`: a question about who pays for a thing («hvem betaler førerkort for …», «tannlege for en elev,
 * hvem dekker?») whose thing no clause in force names in any form the search matches, while the first
 * clause has none of the question's other subject words either: it came up only for the situation, the
 * age or the cost, and says nothing about the thing asked about.
 *
 * `outside-ages`: the question's age is beyond every age range the scope's clauses give («45 år gammel mann
 * uten vgs»): the agreements are about young people, and a clause without a range found for the other words
 * does not make them cover a 45-year-old.
 */
import type { AgeRange } from '../format/types.js';
import type { IndexedVersion } from './clause-index.js';
import { compoundParts, term, terms, tokenize } from './norwegian.js';
import { negationTerms } from './question.js';
import { caseWorkerSynonyms } from './synonyms.js';
import { closeShare } from './uncertainty.js';

export const notCoveredReasons = ['not-yet', 'not-named', 'outside-ages'] as const;
export type NotCoveredReason = (typeof notCoveredReasons)[number];

export interface NotCovered {
  because: NotCoveredReason;
  /** What the answer says, in Norwegian. */
  message: string;
  /** The thing no clause names, as the question wrote it (`not-named`): the page's headline names it. */
  thing?: string;
  /** The ages the agreements cover and the age asked about (`outside-ages`), in words. */
  ages?: { covered: string; asked: string };
  /** The clause that answers the question today, which was not there on the day asked about (`not-yet`). */
  later: { agreementId: string; clauseId: string; clauseTitle: string } | null;
}

/** A result as this rule reads it. */
interface Ranked {
  agreementId: string;
  clauseId: string;
  clauseTitle: string;
  status: string;
  score: number;
}

function sameClause(a: Ranked, b: Ranked): boolean {
  return a.agreementId === b.agreementId && a.clauseId === b.clauseId;
}

function hasClause(inForce: ReadonlyMap<string, IndexedVersion>, result: Ranked): boolean {
  return (
    inForce.get(result.agreementId)?.clauses.some((entry) => entry.clause.id === result.clauseId) === true
  );
}

/**
 * @param onDay the answer's results for the day asked about, best first.
 * @param today the same question's results asked today (same scope), best first.
 * @param inForceOnDay the scope's agreements in force on the day asked about.
 * @param inForceToday the scope's agreements in force today.
 */
export function notYetCovered(
  onDay: readonly Ranked[],
  today: readonly Ranked[],
  inForceOnDay: ReadonlyMap<string, IndexedVersion>,
  inForceToday: ReadonlyMap<string, IndexedVersion>,
): NotCovered | null {
  const [first] = onDay;
  const [answerToday] = today;
  // A grey zone first already says the agreement leaves the case open, and where it goes.
  if (!first || !answerToday || first.status === 'grey' || sameClause(first, answerToday)) return null;
  // A clause of today as it was on the day: itself, or the clause of the same id in the agreement its own
  // replaced (`erstatter`): a new agreement that keeps a clause's id carries that clause on.
  const onThatDay = (result: Ranked): Ranked | undefined => {
    if (hasClause(inForceOnDay, result)) return result;
    const replaced = inForceToday.get(result.agreementId)?.agreement.meta.replaces;
    const carried = replaced === undefined ? undefined : { ...result, agreementId: replaced };
    return carried && hasClause(inForceOnDay, carried) ? carried : undefined;
  };
  const standsToday = [...inForceToday.values()].some(
    (version) =>
      (version.agreement.meta.id === first.agreementId ||
        version.agreement.meta.replaces === first.agreementId) &&
      version.clauses.some((entry) => entry.clause.id === first.clauseId),
  );
  if (onThatDay(answerToday) || !standsToday) return null;
  // Of the clauses that were there on the day, today's ranking must put the day's first one first (or show
  // none of them, far below the new clause): only the new clause came between, so the day's first was the
  // nearest clause, not another reading of the question.
  const oldBest = today.find((result) => onThatDay(result) !== undefined);
  const oldBestThen = oldBest && onThatDay(oldBest);
  if (oldBestThen && !sameClause(oldBestThen, first)) return null;
  // Nor when today's ranking finds the day's clause nearly as fitting as the new one: then it does not tell
  // the new clause for the answer and the day's for a neighbour.
  if (oldBest && oldBest.score >= closeShare * answerToday.score) return null;
  return {
    because: 'not-yet',
    message: `Avtalen sa ikke noe om dette på den datoen du spør om. Punktet som svarer i dag, «${answerToday.clauseTitle}», kom inn senere.`,
    later: {
      agreementId: answerToday.agreementId,
      clauseId: answerToday.clauseId,
      clauseTitle: answerToday.clauseTitle,
    },
  };
}

/** The terms of «betale» and «dekke» (bokmål and nynorsk forms) that ask who pays. */
export const payTerms = new Set(terms('betale betalar betalte dekke dekkjer dekte'));

/** A word of the question: its index term, and as the question wrote it. */
export interface Thing {
  term: string;
  written: string;
}

/**
 * What a question about paying asks to have paid for: the word after «betaler» or «dekker» («hvem betaler
 * førerkortet for …»), or the question's first word when the verb has nothing after it («tannlege for en
 * elev på 17, hvem dekker?»). Undefined for a question that does not ask who pays.
 */
export function paidFor(question: string): Thing | undefined {
  const words = tokenize(question).flatMap((written) => {
    const found = term(written);
    return found === undefined || negationTerms.has(found) ? [] : [{ term: found, written }];
  });
  const verb = words.findIndex((word) => payTerms.has(word.term));
  if (verb < 0) return undefined;
  const thing = words.slice(verb + 1).find((word) => !payTerms.has(word.term)) ?? words[0];
  return thing === undefined || payTerms.has(thing.term) || /^\d/.test(thing.term) ? undefined : thing;
}

let fieldThings: Set<string> | undefined;

/**
 * The things agreements in this field pay for under a name the search does not meet: the parts of the
 * one-word entries of the built-in synonym list that are compounds («buss» of «busskort», for «reise til
 * tiltak»): that no clause names «bussen» says too little. Not an entry itself («bolig», «pc»): the search
 * meets its every other name (`named` reads the entry's synonyms), so none of them named says the
 * agreement is silent on it.
 */
function isFieldThing(word: string): boolean {
  if (fieldThings === undefined) {
    const entries = caseWorkerSynonyms
      .flat()
      .map((phrase) => terms(phrase))
      .flatMap((words) => (words.length === 1 ? words : []));
    const parts = entries.flatMap((entry) => compoundParts(entry));
    fieldThings = new Set(parts.filter((part) => !entries.includes(part)));
  }
  return fieldThings.has(word);
}

/** Situations that say who the case is about (a pupil, an apprentice), not what a clause answers for them. */
const whoFacets = new Set(['elev', 'laerling']);

/**
 * What a question asks about when no clause in the scope names it, wherever it stands («16 år og trenger
 * bolig», «elev med rusproblem»), read only where no other reading answers: a question about paying is read
 * for its thing by `paidFor`; a situation or a school state the question reads («sluttet», «utenfor»,
 * «rett til vgo») is what its clause answers, and a word beside it («byggfag», «jul», «skuledag») only says
 * more about the case. Nor a thing the case is without («uten kontrakt»): that is a situation, which a
 * clause may name otherwise («uten læreplass»).
 * @param things the question's things (opening-thing.ts `namedThings`), in order; read only when the
 *   meaning leaves the question to them (a dictionary look-up a word).
 * @param reading what the question's meaning reads: its situations and school state, and whether it asks
 *   who pays.
 */
export function thingNamedNowhere(
  things: () => readonly (Thing & { without: boolean })[],
  named: (word: string) => boolean,
  reading: { facets: readonly string[]; state?: string; paying: boolean },
): Thing | undefined {
  if (reading.paying || reading.state !== undefined || reading.facets.some((facet) => !whoFacets.has(facet)))
    return undefined;
  return things().find((thing) => !thing.without && !isFieldThing(thing.term) && !named(thing.term));
}

/**
 * @param thing what the question asks to have paid for (`paidFor`), unless the meaning reads it (a
 *   situation: «elev»).
 * @param named whether a clause in force in the scope has the word in any form the search matches.
 * @param firstAboutSubject whether the first clause has one of the question's subject words: asked only for a
 *   thing no clause names (it searches the question's words again).
 */
export function thingNotNamed(
  thing: Thing | undefined,
  named: (word: string) => boolean,
  firstAboutSubject: () => boolean,
): NotCovered | null {
  if (thing === undefined || isFieldThing(thing.term) || named(thing.term) || firstAboutSubject())
    return null;
  return {
    because: 'not-named',
    message: `Avtalen sier ikke noe om «${thing.written}». Punktene under er bare de nærmeste, ikke svaret.`,
    thing: thing.written,
    later: null,
  };
}

/** A thing no clause in the scope names, asked where no clause was found at all: there is no nearest. */
export function notNamedAtAll(thing: Thing | undefined): NotCovered | null {
  if (thing === undefined) return null;
  return {
    because: 'not-named',
    message: `Avtalen sier ikke noe om «${thing.written}».`,
    thing: thing.written,
    later: null,
  };
}

/**
 * @param age the age the question or the filter gives.
 * @param clauseRanges the age ranges of the clauses in force in the scope (a clause without one gives none),
 *   read only for a question with an age.
 */
export function ageOutside(age: AgeRange | undefined, clauseRanges: () => AgeRange[]): NotCovered | null {
  if (age?.min === undefined || age.max === undefined) return null;
  const ranges = clauseRanges();
  if (ranges.length === 0) return null;
  const youngest = Math.min(...ranges.map((range) => range.min ?? 0));
  const oldest = Math.max(...ranges.map((range) => range.max ?? Number.POSITIVE_INFINITY));
  if (age.min <= oldest && age.max >= youngest) return null;
  const asked = age.min === age.max ? `${age.min} år` : `${age.min}–${age.max} år`;
  const span = age.min > oldest ? `til og med ${oldest} år` : `fra ${youngest} år`;
  return {
    because: 'outside-ages',
    message: `Avtalen gjelder ungdom ${span}, ikke ${asked}. Punktene under er bare de nærmeste, ikke svaret.`,
    ages: { covered: span, asked },
    later: null,
  };
}
