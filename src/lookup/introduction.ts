/**
 * Who asks, said around the case: a pasted question often opens with the asker introducing themselves
 * («Vikar her.», «Helsesykepleier på skolen:», «Lærebedrift:», «Jeg er vikar her på NAV og fikk en telefon fra
 * en mor.») and may close with thanks. The asker's words are not the young person's situation, yet searched
 * they steer the answer: «NAV» in «Vikar på NAV» put NAV's clauses first. An opening sentence or heading that
 * says who asks and nothing of the situation is left out of what the lookup reads, as is a closing thanks.
 */
import { fold, tokenize } from './norwegian.js';
import { interpret } from './question.js';

/**
 * People who ask, by their role (the first word of a heading or a sentence that introduces them): case
 * workers and substitutes at NAV, OT and the schools, school health, apprenticeship companies and offices.
 */
const askerRoles = new Set(
  [
    'vikar',
    'nyansatt',
    'helsesykepleier',
    'helsesøster',
    'skolehelsetjenesten',
    'lærebedrift',
    'bedrift',
    'opplæringskontor',
    'rådgiver',
    'rådgjevar',
    'kontaktlærer',
    'kontaktlærar',
    'lærer',
    'lærar',
    'veileder',
    'rettleiar',
    'saksbehandler',
    'saksbehandlar',
    'miljøterapeut',
    'miljøarbeider',
    'sosionom',
    'konsulent',
    'fagleder',
    'avdelingsleder',
    'rektor',
    'ungdomskontakt',
    'ot-rådgiver',
  ].map(fold),
);
/** New in the job: «Ny her:», «Jeg er ny på kontoret.» introduce the asker as a role does. */
const newcomer = fold('ny');
/** Greetings that open an introduction («Hei, ny vikar.»). */
const greetings = new Set(['hei', 'hallo', 'heisann', 'hoi'].map(fold));
/**
 * What a caller says before anything on the phone («ja hei, kontaktlærer her.», «ja, OT her.», «altså, hei»):
 * fillers, not the opening of what they say.
 */
const phoneFillers = new Set(['ja', 'jo', 'altså', 'ok', 'okei', 'javel'].map(fold));
/** «Jeg er», «vi er»: the asker says what they are. */
const firstPerson = new Set(['jeg', 'eg', 'vi', 'me'].map(fold));
const being = new Set(['er', 'e'].map(fold));

/** A closing that only thanks or signs off. */
const closingWords = new Set(
  ['takk', 'tusen', 'på', 'forhånd', 'for', 'hjelpen', 'mvh', 'hilsen', 'vh'].map(fold),
);

/** Sentences and headings: up to a full stop, «!», «?» or a colon, each with what ended it. */
function segments(question: string): string[] {
  return question.match(/[^.!?:]+(?:[.!?:]+|$)/gu) ?? [question];
}

/** The segment says something of the young person's situation: an age, a facet, leaving, a number. */
function saysSituation(segment: string): boolean {
  if (/\d/u.test(segment)) return true;
  const read = interpret(segment);
  return (
    read.facets.length > 0 ||
    read.notFacets.length > 0 ||
    read.age !== undefined ||
    read.state !== undefined ||
    // A call or a message in an introduction is how the case came («fikk en telefon»), not whom to call.
    read.intents.some((intent) => intent !== 'contact')
  );
}

/**
 * The segment introduces the asker: it opens, after a caller's «ja» or «altså», with their role («Vikar på
 * NAV.», «Lærebedrift:», «ja, OT her.»), a greeting («Hei, ny vikar.», «ja hei, kontaktlærer her.»), «ny» («Ny her:») or «jeg er» («Jeg er vikar her …»), names a role or that the asker is
 * new (searched, «ny» found a clause on a new act), asks nothing and says nothing of the
 * case. A role the story names («En lærebedrift ringte oss») is the case, not who asks.
 */
function introduces(segment: string): boolean {
  if (segment.trimEnd().endsWith('?')) return false;
  const words = tokenize(segment).map(fold);
  const start = words.findIndex((word) => !phoneFillers.has(word));
  const [first = '', second = ''] = start < 0 ? [] : words.slice(start);
  const opens =
    askerRoles.has(first) ||
    greetings.has(first) ||
    first === newcomer ||
    (firstPerson.has(first) && being.has(second));
  const asker = (word: string) => askerRoles.has(word) || word === newcomer;
  return opens && words.some(asker) && !saysSituation(segment);
}

function thanks(segment: string): boolean {
  const words = tokenize(segment).map(fold);
  return (
    words.length > 0 && words.every((word) => closingWords.has(word)) && words.some((word) => word !== 'for')
  );
}

/** The question without an opening that only introduces the asker, nor a closing that only thanks. */
export function withoutIntroduction(question: string): string {
  const parts = segments(question);
  let from = 0;
  while (from < parts.length - 1 && introduces(parts[from] as string)) from += 1;
  let to = parts.length;
  while (to - 1 > from && thanks(parts[to - 1] as string)) to -= 1;
  return from === 0 && to === parts.length ? question : parts.slice(from, to).join('').trim();
}
