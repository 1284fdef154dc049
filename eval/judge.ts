/**
 * Whether an answer is right, and when it is wrong, whether it is dangerous: what a case worker reading
 * the first card would act on.
 *
 * A result is right when it is the expected clause (or one that says the same), with the expected owner
 * or grey status, and answers for the date asked about: for a question that names a date, the answer's
 * date lies in the period it names; otherwise the result's version is in force on the set's `today`.
 * «No clause covers this» is right when the answer leads with the county's escalation route: no results,
 * a question read as a dispute, or an answer that says no clause covers it (`notCovered`), each of which
 * shows the route before any card (as the lookup page does). When the answer says no clause covers it, its
 * cards are only the nearest clauses: the route is its first answer, a right clause among them comes after.
 * Another county's clause first is dangerous when the answer presents it as the answer; an answer that asks
 * for the county (`countyNeeded`: it emphasises no card) and offers the expected one is not, though it is
 * still not right first.
 */
import type { LookupAnswer, LookupResult } from '../src/lookup/search.js';
import { type EvalQuestion, expectedRefs, GREY, type Period } from './question-set.js';

export const dangers = {
  'other-county': 'et annet fylkes punkt først',
  'settled-over-grey': 'avklart punkt over gråsonen som gjelder',
  'grey-where-covered': '«uavklart» eller ingen svar der avtalen avgjør saken',
  'wrong-date': 'eier for en annen dato',
} as const;
export type Danger = keyof typeof dangers;

export interface Verdict {
  /** 1-based rank of the first right result; null when none is right. */
  rank: number | null;
  /** Set only when the first answer is wrong in a way a case worker could act on. */
  danger: Danger | null;
  /** What came first, for the list of misses. */
  first: string;
  /** Another county's clause came first, but the answer asks for the county and offers the expected one. */
  countyAsked?: true;
}

function within(date: string, period: Period): boolean {
  return period.from <= date && date <= period.to;
}

/** The owner as the set writes it: a party id, or «uavklart» for a grey zone. */
export function ownerOf(result: LookupResult): string {
  return result.status === 'grey' ? GREY : (result.owner?.id ?? '?');
}

export function describeResult(result: LookupResult | undefined, answer: LookupAnswer): string {
  if (!result) return `ingen treff (${answer.date})`;
  return `${result.agreementId}#${result.clauseId} ${ownerOf(result)} [${result.county}, ${answer.date}]`;
}

function answersTheDate(
  question: EvalQuestion,
  answer: LookupAnswer,
  result: LookupResult | undefined,
  today: string,
) {
  if (question.asked) return within(answer.date, question.asked);
  if (!result) return answer.date === today;
  return result.validity.from <= today && (result.validity.to === null || today <= result.validity.to);
}

function expectedCounty(question: EvalQuestion, date: string, countyOf: CountyOf): string {
  return question.expect.kind === 'none'
    ? question.expect.county
    : (countyOf(question.expect.agreement, date) ?? '?');
}

/**
 * The answer does not present another county's clause as the answer: it asks for the county, emphasises no
 * card, and the county asked about is among its choices.
 */
function asksForCounty(answer: LookupAnswer, county: string): boolean {
  return answer.countyNeeded?.counties.some((choice) => choice.county === county) ?? false;
}

/** Another county's clause first: dangerous, unless the answer asks for the county (then not dangerous). */
function otherCounty(answer: LookupAnswer, county: string): Pick<Verdict, 'danger' | 'countyAsked'> {
  return asksForCounty(answer, county) ? { danger: null, countyAsked: true } : { danger: 'other-county' };
}

/** The county of an agreement on a day (from the store). */
type CountyOf = (agreementId: string, date: string) => string | undefined;

/**
 * @param countyOf the county of an agreement on the answer's day, to tell another county's answer apart.
 */
export function judge(
  question: EvalQuestion,
  answer: LookupAnswer,
  today: string,
  countyOf: CountyOf,
): Verdict {
  const expect = question.expect;
  const [first] = answer.results;
  const firstText = describeResult(first, answer);
  if (expect.kind === 'none') {
    const leadsWithRoute =
      answer.results.length === 0 ||
      answer.question.intents.includes('escalation') ||
      Boolean(answer.notCovered);
    const right =
      leadsWithRoute &&
      answersTheDate(question, answer, undefined, today) &&
      answer.escalation.some((route) => route.county === expect.county && route.to === expect.escalation);
    if (right) return { rank: 1, danger: null, first: firstText };
    if (first && first.county !== expect.county)
      return { rank: null, ...otherCounty(answer, expect.county), first: firstText };
    // An owner shown for a day when the agreement said nothing about the case.
    const wrongDate =
      first && question.asked && !within(answer.date, question.asked) && first.status === 'settled';
    return { rank: null, danger: wrongDate ? 'wrong-date' : null, first: firstText };
  }
  const refs = expectedRefs(expect);
  const isRight = (result: LookupResult) =>
    refs.includes(`${result.agreementId}#${result.clauseId}`) &&
    ownerOf(result) === expect.owner &&
    answersTheDate(question, answer, result, today);
  const index = answer.results.findIndex(isRight);
  // «Nothing covers this» comes before the nearest clauses: it is the first answer.
  const routeFirst = answer.notCovered ? 1 : 0;
  const rank = index >= 0 ? index + 1 + routeFirst : null;
  if (routeFirst === 1)
    return {
      rank,
      danger: expect.owner === GREY ? null : 'grey-where-covered',
      first: `ingen dekker (${answer.date}); nærmest ${firstText}`,
    };
  if (rank === 1) return { rank, danger: null, first: firstText };
  const county = expectedCounty(question, answer.date, countyOf);
  if (first && first.county !== county) return { rank, ...otherCounty(answer, county), first: firstText };
  return { rank, danger: dangerOf(question, answer, first), first: firstText };
}

function dangerOf(
  question: EvalQuestion,
  answer: LookupAnswer,
  first: LookupResult | undefined,
): Danger | null {
  const expect = question.expect;
  if (expect.kind !== 'clause') return null;
  if (!first) return expect.owner === GREY ? null : 'grey-where-covered';
  const owner = ownerOf(first);
  const sameClause = expectedRefs(expect).includes(`${first.agreementId}#${first.clauseId}`);
  // The right clause with another owner: its owner on another day (owners change only between versions).
  if (sameClause && owner !== expect.owner) return 'wrong-date';
  if (question.asked && !within(answer.date, question.asked) && owner !== GREY && owner !== expect.owner)
    return 'wrong-date';
  if (expect.owner === GREY && owner !== GREY) return 'settled-over-grey';
  if (expect.owner !== GREY && owner === GREY) return 'grey-where-covered';
  return null;
}
