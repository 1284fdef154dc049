/**
 * When a grey zone governs the answer: the agreement says a case is not settled, so a settled neighbour
 * must not stand alone as *the* answer — but only when the grey zone is about the same thing the question
 * is about. A grey zone that shares only the situation («elev») or a common word with the question is
 * another case, and lifting it would hide the answer the agreement gives.
 */
import type { AgreementKind, Clause } from '../format/types.js';
import type { IndexedVersion } from './clause-index.js';

/** A grey zone this close to the best settled clause fits the question as well. */
const greyShare = 0.6;
/** How far down a governing grey zone is looked for. */
const greyDepth = 5;
/** From the widest agreement to the narrowest. */
const kindOrder: AgreementKind[] = ['ramme', 'del', 'lokal'];

/** A clause as the ranking scored it. */
export interface ScoredClause {
  version: IndexedVersion;
  clause: Clause;
  score: number;
  /** The clause's search document. */
  doc: number;
  /** How much of what the question means (situation, intent, age group) the clause fits. */
  fit: number;
  /** The clause is about an age group holding the age asked about («Unge voksne 22–24 år» for 23). */
  ageGroup: boolean;
}

export interface GreyContext {
  /**
   * Whether the document is about what the question asks about: it has one of the question's subject
   * words (its rare words that no situation or intent explains), their synonyms or compounds. Undefined
   * when the question has no subject beyond its situation and age: then those are the subject, and a grey
   * zone governs only when it fits more of the situation than the settled clause does, or is about the
   * asked age's group.
   */
  aboutSubject: ((doc: number) => boolean) | undefined;
  /** How many of the question's subject words (each with its synonyms and compounds) the document has. */
  subjectCount: (doc: number) => number;
  /**
   * Whether the document has the thing the question is about (`askedThing`: «hybel» of «lærling trenger
   * hybel i byen», «fravær» of «hybel fravær»), with its synonyms and compounds; undefined when the question
   * names none among its subject words.
   */
  aboutThing: (doc: number) => boolean | undefined;
  /**
   * The caller said outright what they ask about («Det jeg lurer på er psykologen»): a grey zone with that
   * thing governs a settled clause without it whatever its share of the score, which the story before
   * («mye fravær») gave the settled clause.
   */
  thingAskedOutright: boolean;
  /**
   * Whether a local agreement is known to apply to the case (its area is named, it is the asker's own
   * office's, or it is the agreement asked about). A local agreement's settlement answers for its area only:
   * when the area is unknown, the county's grey zone still governs.
   */
  appliesHere: (version: IndexedVersion) => boolean;
  /**
   * Whether the grey zone's title names a narrower case than the settled clause, that neither the question
   * nor the settled clause has: `named` by a rare word the synonym table knows («psykiske vanskar»), or
   * `marked` by a title word the author also gave as a keyword («hybel») when the question says none of the
   * grey zone's keywords. The grey zone is about that case, and is not lifted over the settled answer to a
   * question that does not name it.
   */
  narrowerCase: (grey: ScoredClause, settled: ScoredClause) => NarrowerCase;
  /**
   * The clause has keywords and the question says none of them (saying only a word a keyword is compounded
   * from, «skolen» for «skoleåret», is not saying it): nothing the question says points at its own case.
   */
  asksNoKeyword: (clause: Clause) => boolean;
}

export type NarrowerCase = 'named' | 'marked' | false;

/**
 * Whether one clause has the thing the question is about and the other has not: then it is the one about
 * what is asked, whatever side words («byen», «hjelper») the other shares with the question.
 */
function thingIn(context: GreyContext, one: ScoredClause, other: ScoredClause): boolean {
  const { aboutThing } = context;
  return aboutThing(one.doc) === true && aboutThing(other.doc) === false;
}

/**
 * The grey zone that governs the question, moved first (in place) and returned for the answer's «Obs» at
 * the top; undefined when none does.
 */
export function governingGreyZone<T extends ScoredClause>(sorted: T[], context: GreyContext): T | undefined {
  const first = sorted[0];
  if (!first) return undefined;
  const county = first.version.agreement.meta.county;
  const inCounty = (candidate: T) => candidate.version.agreement.meta.county === county;
  const fits = (candidate: T) => inCounty(candidate) && candidate.score >= greyShare * first.score;
  // A local or sub-agreement that settles what the agreement above it leaves open answers for its area:
  // when its clause fits as much of the situation as the grey zone above does. One that fits less is about
  // another case («Bortebuer som slutter og flytter hjem» for «påskereise hjem, elev på hybel», under the
  // umbrella's grey zone on home journeys for pupils living away).
  const level = (candidate: T) => kindOrder.indexOf(candidate.version.agreement.meta.kind);
  if (first.clause.status === 'grey') return greyFirst(sorted, first, inCounty, fits, level, context);
  const { aboutSubject, subjectCount } = context;
  const elsewhere = first.version.agreement.meta.kind === 'lokal' && !context.appliesHere(first.version);
  const firstLevel = elsewhere ? kindOrder.indexOf('ramme') : level(first);
  // A grey zone with fewer of the question's subject words than the settled clause is about something else;
  // with as many, it is about the same thing only if it also fits as much of the situation (a subject word
  // every clause near has, «jobb», says nothing about which of them is asked about), or if the settlement is
  // a local agreement not known to apply.
  const sameSubject = (other: T) => {
    if (thingIn(context, other, first)) return true;
    if (thingIn(context, first, other)) return false;
    if (!aboutSubject) return other.ageGroup || other.fit > first.fit;
    if (!aboutSubject(other.doc)) return other.fit > first.fit;
    const more = subjectCount(other.doc) - subjectCount(first.doc);
    return more > 0 || (more === 0 && (elsewhere || other.fit >= first.fit));
  };
  // Asked outright, the thing is the case the question names: the grey zone's other title words are no
  // narrower case left unsaid.
  const askedOutright = (other: T) =>
    context.thingAskedOutright && inCounty(other) && thingIn(context, other, first);
  const at = sorted
    .slice(1, greyDepth)
    .findIndex(
      (other) =>
        other.clause.status === 'grey' &&
        (level(other) >= firstLevel || other.fit > first.fit) &&
        (askedOutright(other) ||
          (fits(other) && sameSubject(other) && context.narrowerCase(other, first) !== 'named')),
    );
  if (at < 0) return undefined;
  const [grey] = sorted.splice(at + 1, 1) as [T];
  sorted.unshift(grey);
  return grey;
}

/**
 * A grey zone that comes first on its own governs only when it is about what the question asks: when a
 * settled clause close below has more of the question's subject words, the grey zone shares only the situation
 * («elev») or fewer of the words with the question; when it names a narrower case than the settled clause, it
 * is about that case. The settled clause then comes first (moved in place), and no «Obs» talks the reader out
 * of it.
 */
function greyFirst<T extends ScoredClause>(
  sorted: T[],
  first: T,
  inCounty: (candidate: T) => boolean,
  fits: (candidate: T) => boolean,
  level: (candidate: T) => number,
  context: GreyContext,
): T | undefined {
  const { aboutSubject, subjectCount, narrowerCase, appliesHere, asksNoKeyword } = context;
  const near = sorted.slice(1, greyDepth);
  const settled = (other: T) => other.clause.status === 'settled' && fits(other);
  const greyWords = aboutSubject ? subjectCount(first.doc) : 0;
  // A local agreement not known to apply to the case speaks to it no more closely than the umbrella.
  const firstLevel =
    first.version.agreement.meta.kind === 'lokal' && !appliesHere(first.version)
      ? kindOrder.indexOf('ramme')
      : level(first);
  // One rule both ways: a grey zone about a narrower case than the settled clause («psykiske vanskar»,
  // «hybel») is not lifted over it, nor does it govern it when its own words put it first («ikkje i jobb og
  // ikkje på skulen»). Unless it has more of the question's subject words than a settled clause that fits
  // no more of what the question means (situation, age group), is in a narrower agreement that applies (a
  // sub-agreement's grey zone speaks to the case more closely than the umbrella's settlement), or the
  // settlement is a local agreement not known to apply. When the question says none of the grey zone's
  // keywords (`marked`), what it shares with the grey zone is not the grey zone's case: a settled clause
  // that fits more of what the question means answers even below the share its words alone would need,
  // and whatever its count of subject words.
  const unasked = asksNoKeyword(first.clause);
  const narrower = (other: T) => {
    if (other.clause.status !== 'settled' || !inCounty(other)) return false;
    if (other.version.agreement.meta.kind === 'lokal' && !appliesHere(other.version)) return false;
    if (narrowerCase(first, other) === false) return false;
    const fitsMore = unasked && other.fit > first.fit;
    return (
      (unasked || level(other) >= firstLevel) &&
      (fits(other) || fitsMore) &&
      (aboutSubject === undefined || subjectCount(other.doc) >= greyWords || fitsMore)
    );
  };
  // A narrower agreement that applies here settles for its area what the wider one leaves open («hybelelev
  // som sluttar» in the Hovland pilot, under the umbrella's grey zone), when it is about as much of the subject.
  const settledBelow = (other: T) =>
    settled(other) &&
    level(other) > firstLevel &&
    (other.version.agreement.meta.kind !== 'lokal' || appliesHere(other.version)) &&
    aboutSubject !== undefined &&
    subjectCount(other.doc) >= greyWords;
  // The thing asked about decides first: a settled clause with it answers (in the county, where it applies)
  // whatever its share; one without it does not displace a grey zone with it.
  const withThing = (other: T) =>
    other.clause.status === 'settled' &&
    inCounty(other) &&
    (other.version.agreement.meta.kind !== 'lokal' || appliesHere(other.version)) &&
    thingIn(context, other, first);
  const at = near.findIndex(
    (other) =>
      withThing(other) ||
      (!thingIn(context, first, other) &&
        ((settled(other) && aboutSubject !== undefined && subjectCount(other.doc) > greyWords) ||
          settledBelow(other) ||
          narrower(other))),
  );
  if (at < 0) return near.some(settled) ? first : undefined;
  const [answer] = sorted.splice(at + 1, 1) as [T];
  sorted.unshift(answer);
  return undefined;
}
