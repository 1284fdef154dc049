/**
 * The thing a question opens with: «førerkort for ungdom i tiltak», «tannlege til ungdom i OT»,
 * «sommerjobb for ungdom, hvem skaffer», «tannregulering ungdom». Case workers write the thing first and
 * whom it is for after it; when no clause names the thing, the clauses found for «ungdom», «tiltak» or «elev»
 * are neighbours, not the answer (not-covered.ts, `thingNotNamed`).
 *
 * Read narrowly: a word no clause has is as often a typo, a filler, a caller introducing themself or an
 * everyday word for what the agreement says otherwise (measured in session 25: «ennå», «dropout»,
 * «vidergåande», «husleige», «revisor: …»). So only the question's first word, when «for», «til», another
 * noun or an age follows it directly (not a stop word, an interjection or a comma: «gutt på 19»,
 * «flyktningkonsulent her», «hei ja eg ringjer …»; an age only after a thing, not a person: «jente 16 år»), with no colon after it before the first comma
 * (a label or a speaker: «revisor: kven åtte saka», «rådgiver vgs: elev 18 år …»), and when the
 * dictionaries know it as a noun (`isNoun`): not a typo, a foreign word, an adjective
 * («minoritetsspråklig ungdom») or a verb.
 */
import { norwegianDictionaries } from './lexicon.js';
import { term, terms, tokenize } from './norwegian.js';
import type { Thing } from './not-covered.js';
import { negationTerms } from './question.js';

/** The words that tie a thing to whom it is for: «førerkort for …», «tannlege til …». */
const forWhom = new Set(['for', 'til']);

/** The question's first word and the word or number after it, when only spaces come between them. */
const opening = /^[\s\p{P}]*(\p{L}+)\s+(\p{L}+|\d+)/u;

/** A colon before the question's first comma or full stop: a label or a speaker («rådgiver vgs: …»). */
const labelled = /^[^,.;?!]*:/u;

/** @param question the question as typed, with the date and a place it names taken out (not its age). */
export function openingThing(question: string): Thing | undefined {
  const match = opening.exec(question);
  if (match === null || labelled.test(question.slice(match[0].length))) return undefined;
  const written = (match[1] as string).toLowerCase();
  const next = (match[2] as string).toLowerCase();
  const thing = term(written);
  const nextIsNoun = term(next) !== undefined && isNoun(next);
  // An age after a thing says whom it is for, as «for» does («førerkort 18 år»); after a person it is theirs.
  const aged = /^\d/.test(next) && thing !== undefined && !isWhoWord(thing);
  if (thing === undefined || !(forWhom.has(next) || nextIsNoun || aged) || !isNoun(written)) return undefined;
  return { term: thing, written };
}

/**
 * Words whose object is what the case needs, as written: «trenger bolig», «hvem skaffer bolig til …», «behøver
 * bolig», «må ha bolig», «trenger hjelp med bolig». As written: «trenger» and «treng» are stop words, which
 * have no term. Longest first where one begins another («trenger hjelp med» before «trenger»).
 */
const needPhrases = [
  'trenger hjelp med',
  'treng hjelp med',
  'trenger hjelp til',
  'treng hjelp til',
  'hjelp med',
  'må ha',
  'trenger',
  'treng',
  'behøver',
  'skaffer',
  'skaffar',
  'skaffe',
  'søker',
  'søkjer',
  'ønsker',
  'ønskjer',
].map((phrase) => phrase.split(' '));
const articles = new Set(['en', 'ei', 'et', 'ett', 'ein', 'eit']);
/** Words said between the verb and what is needed: «trenger også en psykolog», «treng no ein tolk». */
const fillers = new Set(['også', 'òg', 'nå', 'no', 'bare', 'berre', 'egentlig', 'eigentleg', 'kanskje']);

/**
 * The thing a question says the young person needs, read by its form as `openingThing` reads the thing first:
 * the word right after «trenger», «skaffer», «søker» or «ønsker» (or after an article), when the dictionaries
 * know it as a noun and it is no person («trenger en voksen»); not a word further on («søke for ham»). Asked for, it is what the answer is about even
 * when the question says more about the case («… som har sluttet på skolen»).
 * @param searched what the lookup searches for: without the date and a place.
 */
export function neededThing(searched: string): Thing | undefined {
  const typed = tokenize(searched);
  const words = typed.map((written) => written.toLowerCase());
  let end = -1;
  for (let start = 0; start < words.length && end < 0; start += 1) {
    const phrase = needPhrases.find((needs) => needs.every((word, at) => words[start + at] === word));
    if (phrase !== undefined) end = start + phrase.length;
  }
  if (end < 0) return undefined;
  while (fillers.has(words[end] ?? '')) end += 1;
  const [next, after] = typed.slice(end);
  const written = next !== undefined && articles.has(next.toLowerCase()) ? after : next;
  const thing = written === undefined ? undefined : term(written);
  if (written === undefined || thing === undefined || isWhoWord(thing)) return undefined;
  return isNoun(written) ? { term: thing, written } : undefined;
}

/** Who the question asks about, said as a pronoun («ansvaret for ham», «for det»): no thing. */
const pronouns = new Set([
  'ham',
  'han',
  'henne',
  'ho',
  'hun',
  'dei',
  'dem',
  'de',
  'det',
  'den',
  'seg',
  'sånne',
  'slike',
]);

/**
 * The thing a question asks who is responsible for, as written: the word right after «ansvar(et) for»
 * («Hvem har ansvaret for tannlegen?», «… for boligen?»), or after an article. A phone story tells the case
 * first and asks last, and what it asks the owner of is what the answer is about. Not a pronoun or a person
 * («ansvaret for ham», «for en elev»): then the question asks about the young person, whose case the clauses
 * answer; nor a verb («ansvaret for å følge opp»): that is what is done, not about what.
 * @param searched what the lookup searches for: without the date and a place.
 */
export function responsibleFor(searched: string): Thing | undefined {
  const typed = tokenize(searched);
  const words = typed.map((written) => written.toLowerCase());
  const at = words.reduce(
    (last, word, index) =>
      (word === 'ansvaret' || word === 'ansvar') && words[index + 1] === 'for' ? index : last,
    -1,
  );
  if (at < 0) return undefined;
  const [next, after] = typed.slice(at + 2);
  const written = next !== undefined && articles.has(next.toLowerCase()) ? after : next;
  if (written === undefined || pronouns.has(written.toLowerCase())) return undefined;
  const thing = term(written);
  if (thing === undefined || isWhoWord(thing)) return undefined;
  return isNoun(written) ? { term: thing, written } : undefined;
}

/**
 * What the question is about: the thing it says the young person needs, or else the head of the one or two
 * nouns it opens with, the last as in a compound («lærling bustad», «hybel fravær»: the housing, the absence);
 * not a person. A grey zone and a settled neighbour are weighed by it before a count of shared side words.
 * @param searched what the lookup searches for: without the date and a place.
 */
export function askedThing(searched: string): string | undefined {
  const needed = neededThing(searched);
  if (needed !== undefined) return needed.term;
  const opening: string[] = [];
  for (const written of tokenize(searched)) {
    const word = term(written);
    if (word === undefined || /^\d/.test(word) || !isNoun(written)) break;
    opening.push(word);
  }
  // Three nouns or more in a row are words typed one after another («fly hjem hybel»), not one compound.
  const head = opening.length <= 2 ? opening.at(-1) : undefined;
  return head === undefined || isWhoWord(head) ? undefined : head;
}

/** The prepositions that say where, or on what occasion, a thing is needed («på», «i», «til»). */
const wherePrepositions = new Set(['på', 'i', 'til']);

/**
 * The words that say where a thing is: those after «på», «i» or «til» right behind it, up to a stop word or
 * a comma («mat på hybelen», «tolk på samisk foreldremøte hvem betaler», «lunsj i OT-klassen», «sykkel til
 * praksis»). A clause found for them is about the place or the occasion, not the thing.
 * @param searched what the lookup searches for.
 */
export function whereOf(searched: string, thing: Thing): string[] {
  const words = searched.toLowerCase().split(/\s+/u);
  const at = words.findIndex((written) => tokenize(written)[0] === thing.written.toLowerCase());
  if (at < 0 || words[at] !== thing.written.toLowerCase() || !wherePrepositions.has(words[at + 1] ?? ''))
    return [];
  const where: string[] = [];
  for (const written of words.slice(at + 2)) {
    const found = tokenize(written).map((token) => term(token));
    if (found[0] === undefined) break;
    where.push(...found.filter((word) => word !== undefined));
    if (/\p{P}$/u.test(written)) break;
  }
  return where;
}

/** Who a case is about or who asks, not what is asked about: no clause need name them. */
const personWords =
  'gutt gut jente mann kvinne ung unge ungdom person mor far foreldre forelder søster bror familie venn kjæreste deltaker deltakar kandidat åring elev lærling';
let persons: Set<string> | undefined;

/** Whether a term says who the case is about or who asks («gutten», «mor», «eleven»), not what is asked. */
export function isWhoWord(word: string): boolean {
  persons ??= new Set(terms(personWords));
  return persons.has(word);
}

/** A thing the question names, and whether the case is without it («uten kontrakt», «mangler jobb»). */
export interface NamedThing extends Thing {
  without: boolean;
}

/**
 * Every thing a question names, wherever it stands («16 år og trenger bolig», «elev med rusproblem»): each
 * word the dictionaries know as a noun (`isNoun`: no typo, foreign word, verb or adjective), in order, once.
 * Not a person («gut på 19», «mor»: who the case is about or who asks) nor a label before a colon
 * («revisor: …»).
 * @param searched what the lookup searches for: without the date, a place, the age or an introduction.
 * @param typed the question as typed, where a label is read.
 */
export function namedThings(searched: string, typed: string): NamedThing[] {
  const label = labelled.test(typed) ? new Set(tokenize(typed.slice(0, typed.indexOf(':')))) : new Set();
  const things = new Map<string, NamedThing>();
  let previous: string | undefined;
  for (const written of tokenize(searched)) {
    const word = term(written);
    const without = previous !== undefined && negationTerms.has(previous);
    previous = word;
    if (word === undefined || /^\d/.test(word) || label.has(written) || isWhoWord(word)) continue;
    if (!things.has(word) && isNoun(written)) things.set(word, { term: word, written, without });
  }
  return [...things.values()];
}

/**
 * The definite singular forms of a noun's entry: «førerkortet», «tannlegen», «ungdommen» (its last consonant
 * doubled). Not «-a»: after a consonant it is as often a verb's past, «skaffa», «kasta»; and after «-e» only
 * «-n»: «-t» would be «kastet».
 */
function definiteForms(entry: string): string[] {
  if (entry.endsWith('e')) return [`${entry}n`];
  const doubled = entry + entry.slice(-1);
  return [`${entry}en`, `${entry}et`, `${doubled}en`, `${doubled}et`];
}

/** A verb's past forms of its infinitive entry («flytte» → «flyttet», «kjøpe» → «kjøpte»). */
function pastForms(entry: string): string[] {
  return entry.endsWith('e') ? [`${entry.slice(0, -1)}et`, `${entry.slice(0, -1)}te`] : [];
}

/**
 * Whether the dictionaries know the word as written as a noun and as no verb: an entry, or its definite
 * form, of which they make a definite form («førerkort» → «førerkortet», «lånekassen»; not «ferdig» →
 * «ferdigen», nor «minoritetsspråklig», which they derive from the noun «minoritetsspråk»), and not a form
 * of an entry they make a past of («flyttet», «reise»: a thing asked about is not done). A compound no
 * dictionary lists is not taken: it is as often the agreement's word said another way («lærlingkandidat»
 * for «lærekandidat», «introprogram»). The first dictionary that knows the word decides, bokmål before
 * nynorsk, as for its lemma (lexicon.ts): «uten» is a preposition in bokmål, a noun's form in nynorsk.
 */
export function isNoun(written: string): boolean {
  for (const dictionary of norwegianDictionaries()) {
    const entries = dictionary.entriesOf(written);
    if (entries.length === 0) continue;
    const verb = entries.some((entry) => pastForms(entry).some((form) => dictionary.hasForm(form, entry)));
    const noun = entries.some((entry) => {
      const definite = definiteForms(entry);
      return (
        (written === entry || definite.includes(written)) &&
        definite.some((form) => dictionary.hasForm(form, entry))
      );
    });
    return noun && !verb;
  }
  return false;
}
