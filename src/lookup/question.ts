/**
 * What a free-text question says beyond its words: an age («19 år», «19-åring», «under 18»), situation
 * facets from everyday phrases («fikk ikke læreplass» → uten-laereplass), and whether it asks who pays.
 * The age and facets then rank and filter the clauses; the age phrase itself is taken out of the words.
 */
import { GjerdeError } from '../domain/errors.js';
import { dayAfter, dayBefore, fullYear, missingDate } from '../format/dates.js';
import type { AgeRange } from '../format/types.js';
import { months } from '../format/wording.js';
import { holidayIn, holidayPattern } from './holidays.js';
import { baseForm, fold, term, tokenize } from './norwegian.js';
import { PhraseMatcher } from './phrases.js';
import { schoolStartDay, schoolStartPattern, schoolYearDay, schoolYearPattern } from './school-year.js';
import { correctedParts } from './spoken.js';

export type Intent = 'cost' | 'contact' | 'escalation';

/** Where the youth stands with school: has left it, or is still a pupil at risk of leaving. */
export type SchoolState = 'left' | 'at-risk';

export interface Interpretation {
  /** The question without the age phrase, for the full-text search. */
  text: string;
  age?: AgeRange;
  /** Situation facets the question names (format facet ids), most specific first. */
  facets: string[];
  /** Situation facets the question rules out («ikke lenger elev», «har ikke fullført»). */
  notFacets: string[];
  state?: SchoolState;
  /** What the question asks for beyond the situation: who pays, whom to call, where a dispute goes. */
  intents: Intent[];
  /** The question asks who pays («hvem betaler», «dekker», «kostnad»). */
  asksWhoPays: boolean;
  /** The question's words (folded) that the facets, state and intents above explain. */
  meaningWords: string[];
}

/**
 * «Verken jobb eller utdanning», «korkje i skule eller arbeid»: neither school nor work, in any of the words
 * case workers use for either, is being outside both.
 */
function neitherNor(): string[] {
  const activities = ['skole', 'skule', 'utdanning', 'opplæring', 'studier', 'vgs', 'jobb', 'arbeid'];
  const phrases: string[] = [];
  for (const neither of ['verken', 'hverken', 'korkje'])
    for (const first of activities)
      for (const second of activities)
        if (first !== second)
          for (const joiner of ['eller', 'og'])
            for (const lead of ['', 'i ']) phrases.push(`${neither} ${lead}${first} ${joiner} ${second}`);
  return phrases;
}

/**
 * Situations of the reading only, not the format's: starting school, which a question speaks of when it says
 * the youth never did. `neverStarted` reads them into the format's facets.
 */
const startedSchool = 'begynt';
/** Showing up: never («møtte aldri opp») is never having started; not today («har ikkje møtt opp») is absence. */
const showedUp = 'moett-opp';
const neverStartedSchool = 'aldri-begynt';

/** Everyday phrases → situation facets (`situasjon=` in the format). Words are matched as typed, folded. */
const facetPhrases: Record<string, string[]> = {
  'uten-laereplass': [
    'fikk ikke læreplass',
    'uten læreplass',
    'ikke fått læreplass',
    'ikke har fått læreplass',
    'har ikke fått læreplass',
    'ikke fått lærlingplass',
    'mangler læreplass',
    'ikke får læreplass',
    'får ikke læreplass',
    'ingen læreplass',
    'fikk ikke lærlingplass',
    'uten lærlingplass',
    'venter på læreplass',
    'søkt læreplass',
    'søker læreplass',
    'fikk ikke plass',
    'har ikke læreplass',
    'fikk nei på læreplass',
    'fikk avslag på læreplass',
    'ikke fått lærekontrakt',
    'fekk ikkje læreplass',
    'utan læreplass',
  ],
  elev: [
    'elev',
    'eleven',
    'elever',
    'elevene',
    'går på skolen',
    'går på skulen',
    'går på videregående',
    'går på vgs',
    'vgs-elev',
    'skoleelev',
    'vg1',
    'vg2',
    'vg3',
  ],
  sluttet: [
    'avbrutt opplæring',
    'avbrutt opplæringen',
    'ikke lenger elev',
    'ikkje lenger elev',
    'ikke lengre elev',
    'tatt pause fra skolen',
    'tatt pause fra vgs',
    'tatt pause fra videregående',
    'tatt pause fra opplæringen',
    'gitt opp skolen',
    'gitt opp vgs',
    'gitt opp videregående',
    'meldt seg ut av skolen',
    'meldt seg ut av vgs',
    'meldt seg ut av videregående',
    'skrevet ut av skolen',
    'skrevet ut av vgs',
    'utskrevet',
  ],
  laerling: [
    'lærling',
    'lærlingen',
    'lærekandidat',
    'lærekandidaten',
    'lærekontrakt',
    'i lære',
    'har læreplass',
  ],
  utenfor: [
    'ikke i jobb',
    'ikke i arbeid',
    'uten jobb',
    'uten arbeid',
    'utenfor',
    'ikke i opplæring',
    'ikke i skole',
    ...neitherNor(),
    'sitter hjemme',
    'sitt heime',
    'sitter heime',
    'gjør ingenting',
    'ikke i aktivitet',
    'uten aktivitet',
    'uten skoleplass',
    'neet',
  ],
  'nav-bruker': [
    'registrert hos nav',
    'nav-bruker',
    'bruker hos nav',
    'på tiltak',
    'i tiltak',
    'arbeidssøker',
    'har aktivitetsplan',
    'har vedtak fra nav',
  ],
  'rett-vgo': [
    'rett til videregående',
    'ungdomsrett',
    'skolerett',
    'opplæringsrett',
    'rett og plikt',
    'har rett til skole',
  ],
  // Read only when negated («har aldri begynt», «byrja aldri på vgs», «tok ikkje imot skuleplassen»): never
  // started (see `neverStarted`). Matched on base forms, so every tense and spelling meets.
  [startedSchool]: [
    'begynt',
    'starte på skolen',
    'starte på vgs',
    'starte på videregående',
    'ta imot skoleplassen',
    'ta imot plassen',
    'takke ja til skoleplassen',
  ],
  [showedUp]: ['møtt opp'],
  [neverStartedSchool]: ['takke nei til skoleplassen', 'takke nei til skoleplass', 'takke nei til plassen'],
  fullfort: [
    'fullført',
    'fullførte',
    'har fullført',
    'fagbrev',
    'svennebrev',
    'studiekompetanse',
    'vitnemål',
    'ferdig med videregående',
    'ferdig med vgs',
    'ferdig med skolen',
    'gått ut av videregående',
    'gått ut av vgs',
    'gått ut vgs',
    'gått ut vg3',
  ],
  voksen: ['voksen', 'voksne', 'over 25'],
  introduksjon: [
    'introduksjonsprogram',
    'introduksjonsprogrammet',
    'flyktning',
    'nyankommet',
    'nyankomne',
    'innvandrer',
  ],
};

/** Words that negate what follows them (bokmål, nynorsk, dialect). */
const negations = new Set(
  [
    'ikke',
    'ikkje',
    'ikkj',
    'itte',
    'inte',
    'aldri',
    'aldeles',
    'ingen',
    'ingi',
    'uten',
    'utan',
    'mangler',
  ].map(fold),
);

/** The index terms of the negations: they say how a question's words are meant, never what it is about. */
export const negationTerms: ReadonlySet<string> = new Set([...negations].flatMap((word) => term(word) ?? []));

/**
 * A situation phrase as it is matched: its words' base forms without negations («fekk ikkje plass» and
 * «fikk ikke plass» are both få + plass), and whether it carried one. So one phrase meets every tense and
 * spelling of its words, and a negation anywhere in or just before it («som ikkje fekk plass», «har ingen
 * jobb», «går ikke på skole») is read the same way.
 */
interface FacetPhrase {
  facet: string;
  negative: boolean;
}

const facets = new PhraseMatcher<FacetPhrase>();
for (const [facet, phrases] of Object.entries(facetPhrases)) {
  for (const phrase of phrases) {
    const words = tokenize(phrase);
    const core = words.filter((word) => !negations.has(fold(word))).map(baseForm);
    facets.add(core, { facet, negative: core.length < words.length });
  }
}

const auxiliaries = new Set(
  ['er', 'har', 'var', 'hadde', 'blir', 'ble', 'vart', 'vert', 'e', 'ha'].map(fold),
);

/**
 * A negated facet says something else: «ikke fullført» is a youth who still has the right to school. No longer
 * («ikke lenger elev», «kan ikke ha lærlingen vår lenger») says the youth was one and has left: a pupil is
 * outside school now; an apprentice's contract has ended, which is what the agreements' clauses on a
 * cancelled contract are about (their situation is the apprentice who left), not never getting a place.
 */
const negatedMeaning: Record<string, { add?: string; noLonger?: { add: string; was?: true } }> = {
  fullfort: { add: 'rett-vgo' },
  laerling: { add: 'uten-laereplass', noLonger: { add: 'sluttet', was: true } },
  elev: { add: 'utenfor', noLonger: { add: 'sluttet' } },
  sluttet: { add: 'elev' },
};
const noLongerWords = new Set(['lenger', 'lengre'].map(fold));
/** How far from its situation «lenger» stands («ikke lenger elev», «ikke lærlingen vår lenger»). */
const noLongerReach = 2;
/** How many words a negation reaches forward («har ikke helt fullført»). */
const negationReach = 3;

/**
 * Verbs of leaving school: past forms say the youth has left, other forms after an intent say at risk.
 * Listed as forms, not found by lemma: the lexicon reads «slutten» (the end) as a form of «slutte» too, and
 * «sluta» (a dialect past with one t) as a form of «slu». Nynorsk «slutta» is also the infinitive after «å».
 */
const leavingPast = new Set(
  ['sluttet', 'slutta', 'sluta', 'droppet', 'droppa', 'hoppet', 'hoppa', 'avbrutt', 'avbrøt', 'avbrote'].map(
    fold,
  ),
);
const leavingOther = new Set(
  [
    'slutte',
    'slutter',
    'sluttar',
    'droppe',
    'dropper',
    'hoppe',
    'hopper',
    'avbryte',
    'falle',
    'faller',
    'detta',
  ].map(fold),
);
/** Coming to school: to stop it is to be absent («sluttet å komme»), not to leave («sluttet å gå på skolen»). */
const showingUp = new Set(['komme', 'kome', 'møte', 'møta', 'dukke'].map(fold));
/** Words that make leaving a risk, not a fact («vurderer å slutte», «i fare for å droppe ut»). */
const intentWords = new Set(
  [
    'vurderer',
    'vurdere',
    'tenker',
    'vil',
    'ønsker',
    'fare',
    'holder',
    'snakker',
    'snakket',
    'kommer',
    'kan',
    'truer',
    'lurer',
    'skal',
    'vurderar',
    'tenkjer',
    'risiko',
    'risikerer',
    'redd',
    'faresonen',
    'faresona',
    'faresone',
    'bestemt',
    'bestemte',
    'planlegger',
  ].map(fold),
);
/** Between an intent and its verb, as in «bestemt seg for å slutte»: not counted in how far an intent reaches. */
const intentFillers = new Set(['seg', 'for'].map(fold));
const atRiskPhrases = ['høyt fravær', 'mye fravær', 'høgt fråvær', 'mykje fråvær', 'skulker', 'skulk'].map(
  (phrase) => tokenize(phrase).map(fold),
);

const whoPays = new Set(
  [
    'betaler',
    'betale',
    'betales',
    'betalar',
    'dekker',
    'dekke',
    'dekkes',
    'dekkjer',
    'kostnad',
    'kostnaden',
    'kostnader',
    'kostnadene',
    'utgifter',
    'utgiftene',
    'koster',
    'kostar',
    'regning',
    'regningen',
    'finansierer',
    'finansiering',
    'refusjon',
    'pengene',
  ].map(baseForm),
);
const contactWords = new Set(
  [
    'ringer',
    'ringe',
    'kontakte',
    'kontakter',
    'kontaktperson',
    'kontaktpersonen',
    'telefon',
    'tlf',
    'tak',
    'snakke',
    'snakker',
  ].map(baseForm),
);
const escalationWords = new Set(
  [
    'uenige',
    'uenig',
    'ueinige',
    'ueinig',
    'uenighet',
    'usemje',
    // Nynorsk «usamd» (disagreeing), its plural and neuter.
    'usamd',
    'usamde',
    'usamt',
    'tvist',
    'eskalere',
    'eskalering',
    'kasteball',
    'klage',
    'krangler',
    'strides',
    'uavklart',
    'gråsone',
  ].map(baseForm),
);
/**
 * Words of handing a young person over: notifying, reporting, referring («skulen melder frå til OT»,
 * «Henvisning fra NAV til OT»). A clause whose title says so is about the hand-over, a duty of the party
 * that hands over, not about who owns the young person's case.
 */
const handOverWords = new Set(
  [
    'melde',
    'melder',
    'meldar',
    'melding',
    'meldingen',
    'meldinga',
    'varsle',
    'varsler',
    'varslar',
    'varsel',
    'varslet',
    'henvise',
    'henviser',
    'henvist',
    'henvisning',
    'henvisningen',
    'tilvise',
    'tilvising',
    'beskjed',
  ].map(baseForm),
);

/** Whether the text speaks of handing a young person over (see `handOverWords`). */
export function namesHandOver(text: string): boolean {
  return tokenize(text).some((word) => handOverWords.has(baseForm(word)));
}

const escalationPhrases = [
  'ikke enige',
  'ikkje einige',
  'ikkje samde',
  'ingen vil ta',
  'ingen tar ansvar',
  'faller mellom',
  'mellom to stoler',
  'begge sier',
  'skyver på',
  // Who settles it: the committee (the verb, not the noun «avgjørelse», which a dated decision reads).
  'hvem avgjør',
  'kven avgjer',
  'kven avgjør',
].map((phrase) => tokenize(phrase).map(fold));

function hasPhrase(words: string[], phrase: string[]): boolean {
  return words.some((_, start) => phrase.every((word, offset) => words[start + offset] === word));
}

/** Words where what a negation reaches stops: a new clause of the sentence. */
const clauseBreaks = new Set(['men', 'og', 'eller', 'som', 'når', 'fordi', 'så'].map(fold));
/**
 * The infinitive marker: a negation before it belongs to the verb it follows («ikke klarer å gå på skolen»
 * is a pupil who cannot manage school, not someone who is no pupil).
 */
const infinitiveMarker = fold('å');

/** «Uten», «utan»: before an infinitive, it negates that verb («uten å ha fullført»). */
const withoutWords = new Set(['uten', 'utan'].map(fold));
/** Negations that may stand after the verb they negate («begynte aldri», «fullførte ikke»). */
const afterVerb = new Set(['ikke', 'ikkje', 'ikkj', 'itte', 'inte', 'aldri'].map(fold));
/** The one negation that makes not showing up never having started. */
const never = fold('aldri');

/**
 * Facets the question names, with negation read: those it says and those it rules out. `raw` are the
 * question's words as written (lower-cased), `words` the same folded, `breaks` the positions a negation
 * after them cannot reach back to (see `clauses`).
 */
function readFacets(
  raw: string[],
  words: string[],
  breaks: ReadonlySet<number>,
  used: Set<number>,
): { facets: string[]; notFacets: string[] } {
  const named: string[] = [];
  const ruledOut: string[] = [];
  // Positions of the words that are not negations, and their base forms, to match the phrases on.
  const positions: number[] = [];
  words.forEach((word, position) => {
    if (!negations.has(word)) positions.push(position);
  });
  const core = positions.map((position) => baseForm(raw[position] as string));
  const found = facets.find(core).map(({ start, end, value }) => ({
    from: positions[start] as number,
    to: (positions[end - 1] as number) + 1,
    value,
  }));
  for (const { from, to, value } of found) {
    for (let position = from; position < to; position += 1) used.add(position);
    // A school level right after completing («aldri fullførte vg2») is what was completed, not a pupil now.
    if (
      value.facet === 'elev' &&
      found.some((other) => other.value.facet === 'fullfort' && other.to === from)
    )
      continue;
    // A negation inside the phrase («fikk ikke læreplass») or shortly before it, in the same clause of the
    // sentence («ikke fullført», «har ingen jobb»), and not before a situation named between them: a
    // negation reaches the first situation after it («aldri fullført vgs, sitter hjemme» has not completed
    // school and sits at home).
    let negation = words.slice(from, to).find((word) => negations.has(word));
    const between = found.filter((other) => other.to <= from).map((other) => other.to);
    const reach = Math.max(0, from - negationReach, ...between);
    for (let position = from - 1; negation === undefined && position >= reach; position -= 1) {
      const word = words[position] as string;
      // «Uten å ha fullført»: «uten» right before the infinitive negates it.
      if (word === infinitiveMarker && position > reach && withoutWords.has(words[position - 1] as string)) {
        negation = words[position - 1];
        used.add(position - 1);
      }
      if (clauseBreaks.has(word) || word === infinitiveMarker) break;
      if (negations.has(word)) {
        negation = word;
        used.add(position);
      }
    }
    // Or right after it, as a verb takes it («begynte aldri på vgs», «fullførte ikke»), unless it opens the
    // next situation («elev ikke i jobb»).
    const next = words[to];
    if (
      negation === undefined &&
      next !== undefined &&
      afterVerb.has(next) &&
      !breaks.has(to - 1) &&
      !found.some((other) => other.from > to && other.from <= to + negationReach)
    ) {
      negation = next;
      used.add(to);
    }
    // Wanting or going to complete («han vil fullføre») is not having completed.
    const intended =
      value.facet === 'fullfort' &&
      words.slice(Math.max(0, from - 2), from).some((word) => intentWords.has(word));
    const negated = negation !== undefined || intended;
    // Starting school is a situation only when it never happened.
    if (value.facet === startedSchool || value.facet === showedUp) {
      if (value.facet === startedSchool ? negated : negation === never) named.push(neverStartedSchool);
      continue;
    }
    // Never a pupil («har aldri gått på vgs») is never having started.
    if (value.facet === 'elev' && negation === never) {
      named.push(neverStartedSchool);
      continue;
    }
    // A phrase that carries a negation says its situation only when negated («uten jobb», not «i jobb»).
    if (value.negative) {
      if (negated) named.push(value.facet);
      continue;
    }
    // Seeking what one lacks, the negation inside the phrase before what is sought: «søkere uten
    // læreplass» are still without one, not youth who never applied.
    const inside = words.slice(from, to).some((word) => negations.has(word));
    if (!negated || (inside && value.facet === 'uten-laereplass')) {
      named.push(value.facet);
      continue;
    }
    const meaning = negatedMeaning[value.facet];
    const noLonger =
      meaning?.noLonger &&
      words
        .slice(Math.max(0, from - noLongerReach), to + noLongerReach)
        .some((word) => noLongerWords.has(word))
        ? meaning.noLonger
        : undefined;
    if (noLonger?.was) {
      named.push(value.facet, noLonger.add);
      continue;
    }
    ruledOut.push(value.facet);
    if (meaning?.add) named.push(meaning.add);
    if (noLonger) named.push(noLonger.add);
  }
  return { facets: named, notFacets: ruledOut };
}

/**
 * Has the youth left school, or is leaving a risk? From the verb's tense and what comes before it: a past
 * form says left, unless an intent or «å» comes before it (nynorsk «å slutta» is an infinitive) or a
 * negation stands before or right after it («har ikkje slutta», «slutta ikkje»: still a pupil).
 */
function readState(words: string[], breaks: ReadonlySet<number>, used: Set<number>): SchoolState | undefined {
  let state: SchoolState | undefined;
  words.forEach((word, index) => {
    const other = leavingOther.has(word);
    if (!other && !leavingPast.has(word)) return;
    used.add(index);
    // Stopping to come («har sluttet å komme», «slutta å møte opp») is absence, not leaving school.
    if (words[index + 1] === infinitiveMarker && showingUp.has(words[index + 2] ?? '')) {
      state ??= 'at-risk';
      return;
    }
    const window: number[] = [];
    for (let at = index - 1; at >= 0 && window.length < 3; at -= 1)
      if (!intentFillers.has(words[at] as string)) window.unshift(at);
    const before = window.map((at) => words[at] as string);
    const intent = before.findIndex((other) => intentWords.has(other));
    if (intent >= 0) used.add(window[intent] as number);
    const infinitive = before.at(-1) === infinitiveMarker && word.endsWith('a');
    if (!other && intent < 0 && !infinitive) {
      const negated =
        before.some((other) => negations.has(other)) ||
        (!breaks.has(index) && afterVerb.has(words[index + 1] ?? '') && !used.has(index + 1));
      state = negated ? 'at-risk' : 'left';
    } else if (state === undefined && (intent >= 0 || infinitive)) state = 'at-risk';
  });
  if (state === undefined && atRiskPhrases.some((phrase) => hasPhrase(words, phrase))) state = 'at-risk';
  return state;
}

/** What is asked beyond the situation, from the words' base forms («betalte» asks who pays as «betaler» does). */
function readIntents(words: string[], bases: string[], used: Set<number>): Intent[] {
  const intents: Intent[] = [];
  bases.forEach((base, index) => {
    if (whoPays.has(base) || contactWords.has(base) || escalationWords.has(base)) used.add(index);
  });
  if (bases.some((base) => whoPays.has(base))) intents.push('cost');
  if (bases.some((base) => contactWords.has(base))) intents.push('contact');
  if (
    bases.some((base) => escalationWords.has(base)) ||
    escalationPhrases.some((phrase) => hasPhrase(words, phrase))
  )
    intents.push('escalation');
  return intents;
}

/** After a number: it counts or measures something else than years of age («over 20 prosent», «16 timar»). */
const notYears =
  '(?!\\s*(?:%|kr\\b|kroner|prosent|timer|timar|dager|dagar|uker|veker|måneder|månader|mnd|minutter|klasse|trinn|elever|elevar|ungdommer|personer|stk))';

/** After a bound's number: neither a date («før 21. mai», «fra 18.06») nor a count of something else. */
const ageBoundEnd = `(?![.,:/–-]?\\d|\\.\\s*\\p{L})${notYears}(?:\\s*år\\b)?`;

/** A month named at a sentence's start («19. Mai»), where a capital does not end the sentence before it. */
const capitalMonths = months.map((month) => `${month[0]?.toUpperCase()}${month.slice(1)}`).join('|');

// Ages: «16–19 år», «mellom 16 og 19», «19 år», «19-åring», «19åringen», «under 18», «over 18».
const agePatterns: { pattern: RegExp; range: (match: RegExpExecArray) => AgeRange }[] = [
  {
    pattern: /\b(\d{1,2})\s*[-–]\s*(\d{1,2})\s*(?:år\b|-?åring\p{L}*)/giu,
    range: (m) => ({ min: Number(m[1]), max: Number(m[2]) }),
  },
  {
    pattern: /\bmellom\s+(\d{1,2})\s+og\s+(\d{1,2})(?:\s*år\b)?/giu,
    range: (m) => ({ min: Number(m[1]), max: Number(m[2]) }),
  },
  {
    // Years said («fra 16 til 19 år»): «fra 8 til 16» is as likely a working day.
    pattern: /\b(?:fra|frå)\s+(\d{1,2})\s+til\s+(\d{1,2})\s*år\b/giu,
    range: (m) => ({ min: Number(m[1]), max: Number(m[2]) }),
  },
  {
    pattern: new RegExp(`\\bunder\\s+(\\d{1,2})\\b${notYears}(?:\\s*år\\b)?`, 'giu'),
    range: (m) => ({ max: Number(m[1]) - 1 }),
  },
  {
    pattern: new RegExp(`\\bover\\s+(\\d{1,2})\\b${notYears}(?:\\s*år\\b)?`, 'giu'),
    range: (m) => ({ min: Number(m[1]) + 1 }),
  },
  // A bound said another way: «før 21», «inntil 21», «til fylte 21», «opp til 21» are who has not turned 21;
  // «fra 21», «etter fylte 21» who has. Bare, the number would be read as that very age. Only a number in
  // the age span the agreements cover: «fra 8» is a working day.
  {
    pattern: new RegExp(
      `\\b(?:(?:før|inntil|opp til)(?:\\s+(?:fylte|fylde))?|til\\s+(?:fylte|fylde))\\s+(1[3-9]|2\\d|3[0-5])\\b${ageBoundEnd}`,
      'giu',
    ),
    range: (m) => ({ max: Number(m[1]) - 1 }),
  },
  {
    pattern: new RegExp(
      `\\b(?:(?:fra|frå)(?:\\s+(?:fylte|fylde))?|etter\\s+(?:fylte|fylde))\\s+(1[3-9]|2\\d|3[0-5])\\b${ageBoundEnd}`,
      'giu',
    ),
    range: (m) => ({ min: Number(m[1]) }),
  },
  {
    pattern: /\b(\d{1,2})\s*(?:år\b(?:\s+gammel\b)?|-?\s?åring\p{L}*)/giu,
    range: (m) => ({ min: Number(m[1]), max: Number(m[1]) }),
  },
  // A bare number in the age span the agreements cover is the youth's age («er 20», «på 18», «jente 17»),
  // unless it is part of a date, a paragraph (§ 9-4), an amount or a count of something.
  {
    pattern: new RegExp(
      `(?<![\\p{L}\\p{N}§.,:/–-]|§\\s*|\\d[.]\\s*)\\b(1[3-9]|2\\d|3[0-5])\\b(?![.,:/–-]?\\d|\\.\\s*\\p{L})${notYears}`,
      'giu',
    ),
    range: (m) => ({ min: Number(m[1]), max: Number(m[1]) }),
  },
  // The same number ending a sentence («Ho er 19. Kven tek over?»): the next sentence opens with a capital,
  // where a date («19. mai») or an ordinal («19. plass») goes on in lower case. Case-sensitive for that.
  {
    pattern: new RegExp(
      `(?<![\\p{L}\\p{N}§.,:/–-]|§\\s*|\\d[.]\\s*)\\b(1[3-9]|2\\d|3[0-5])(?=\\.\\s+\\p{Lu})(?!\\.\\s+(?:${capitalMonths})\\b)`,
      'gu',
    ),
    range: (m) => ({ min: Number(m[1]), max: Number(m[1]) }),
  },
];

/**
 * «over 20 prosent fråvær», «meir enn 12 kilometer»: how much, not what about. The comparison word goes, or it
 * would find clauses that say «over» («sjuk over lang tid»); the amount stays.
 */
const comparedAmount =
  /\b(?:over|under|minst|mer enn|meir enn|nesten|omtrent|cirka|ca\.?)\s+(\d+(?:[.,]\d+)?\s*(?:%|prosent|km\b|kilometer|mil\b|timer|timar|dager|dagar|uker|veker|kr\b|kroner))/giu;

/** «hvem (skal) følge opp», «kven følgjer opp», «kem ska følge opp»: the question word stays. */
const whoFollowsUp =
  /\b(hvem|kven|kem|hvem som|kven som)\s+(?:(?:skal|ska|skulle|bør|må|kan)\s+)?(?:følger|følge|følgjer|følgje|følgja|følgde|fulgte)\s+opp\b/giu;

/** The sides of a dispute as case workers name them (also in the genitive: «NAVs bord», «skolens ansvar»). */
const side =
  '(?:navs?|ot|ot-s|skolen|skolens|skulen|skulens|fylket|fylkets|fylkeskommunen|fylkeskommunens|fagopplæringen|fagopplæringa)';
/**
 * A dispute's frame, not its case: who says what («OT sier det er NAV, NAV sier OT», «OT mener skolen skal …»)
 * and the sides offered («OT eller NAV?»). The sides are the answers in question; as words they would find
 * whichever clause names a party, «registrert hos NAV».
 */
const disputeFrame = new RegExp(
  `\\b${side}\\s+(?:sier|seier|sa|mener|meiner|meinte|mente)(?!\\p{L})(?:\\s+(?:at\\s+)?det\\s+er)?(?:\\s+${side}(?!\\p{L}))?|\\b${side}\\s+eller\\s+${side}(?!\\p{L})`,
  'giu',
);

/**
 * The question's words without auxiliaries, which carry neither topic nor (here) tense («ikke er i
 * opplæring» is «ikke i opplæring»), and the positions of those a negation after them cannot reach back to:
 * a comma, a full stop or a dash follows, or an auxiliary, which takes the negation itself («eleven har
 * ikkje pengar»).
 */
function clauses(question: string): { raw: string[]; breaks: Set<number> } {
  const raw: string[] = [];
  const breaks = new Set<number>();
  for (const part of question.split(/[,.;:!?–—]|\s-\s/u)) {
    for (const word of tokenize(part)) {
      if (!auxiliaries.has(fold(word))) raw.push(word);
      else if (raw.length > 0) breaks.add(raw.length - 1);
    }
    if (raw.length > 0) breaks.add(raw.length - 1);
  }
  return { raw, breaks };
}

/** The age a text names, by the most precise way of writing one, and the text without it. */
function readAge(text: string): { age: AgeRange; text: string } | undefined {
  for (const { pattern, range } of agePatterns) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    if (!match) continue;
    const age = range(match);
    if ((age.min ?? 0) <= (age.max ?? 200) && (age.max ?? 0) >= 0)
      return { age, text: `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}` };
  }
  return undefined;
}

/**
 * The age as the caller last said it: across a correction («han er 19 – nei, han fylte 20», «21, nei 22»)
 * the age after it, the one before it taken out of the words too.
 */
function readCorrectedAge(text: string): { age: AgeRange; text: string } | undefined {
  for (const { before, after } of correctedParts(text)) {
    const taken = readAge(before);
    const corrected = taken && readCorrectedAge(after);
    if (taken && corrected) return { age: corrected.age, text: `${taken.text} ${corrected.text}` };
  }
  return readAge(text);
}

export function interpret(question: string): Interpretation {
  const aged = readCorrectedAge(question);
  let text = aged?.text ?? question;
  const age = aged?.age;
  // «Hvem følger opp …» asks who is responsible, as «hvem har ansvaret» does: the question's frame, not
  // its topic (which would otherwise find every clause that says «følger opp»).
  text = text.replace(whoFollowsUp, '$1');
  text = text.replace(disputeFrame, ' ');
  text = text.replace(comparedAmount, '$1');
  const { raw, breaks } = clauses(question);
  const words = raw.map(fold);
  const used = new Set<number>();
  const read = readFacets(raw, words, breaks, used);
  const state = readState(words, breaks, used);
  const named = read.facets.filter((facet) => facet !== neverStartedSchool);
  const ruledOut = read.notFacets.filter((facet) => facet !== neverStartedSchool);
  // Who never started school («har aldri begynt», «møtte aldri opp», «takka nei til skuleplassen») is
  // outside it with the right to it, and has neither left it nor is a pupil.
  if (read.facets.includes(neverStartedSchool)) {
    named.push('utenfor', 'rett-vgo');
    ruledOut.push('sluttet', 'elev');
  }
  // Left, by the verb's tense or by a phrase («avbrutt opplæringen», «gav opp skulen»): no longer a pupil.
  if (state === 'left' || (state === undefined && named.includes('sluttet'))) {
    named.unshift('sluttet');
    ruledOut.push('elev');
    // Who has left school and is not in work is outside both: the clauses about them fit too.
    if (!named.includes('laerling') && !named.includes('utenfor')) named.push('utenfor');
  } else if (state === 'at-risk') {
    named.unshift('elev');
    ruledOut.push('sluttet');
  }
  // «Lærling uten læreplass» is a young person without an apprenticeship, not an apprentice.
  if (named.includes('uten-laereplass')) ruledOut.push('laerling');
  // Who has completed upper secondary («fullført vgs med fagbrev») no longer has the right to it.
  if (named.includes('fullfort')) ruledOut.push('rett-vgo');
  const notFacets = [...new Set(ruledOut)];
  const intents = readIntents(words, raw.map(baseForm), used);
  const interpretation: Interpretation = {
    text: text.replace(/\s+/g, ' ').trim(),
    facets: [...new Set(named)].filter((facet) => !notFacets.includes(facet)),
    notFacets,
    intents,
    asksWhoPays: intents.includes('cost'),
    meaningWords: [...used].sort((a, b) => a - b).map((position) => words[position] as string),
  };
  if (state) interpretation.state = state;
  if (age) interpretation.age = age;
  return interpretation;
}

/** A season's day: what «høsten 2019» or «i fjor høst» means when one date must stand for it. */
const seasons: Record<string, string> = {
  våren: '04-01',
  våron: '04-01',
  sommeren: '07-01',
  sommaren: '07-01',
  høsten: '10-01',
  hausten: '10-01',
  vinteren: '01-15',
  vår: '04-01',
  sommer: '07-01',
  sommar: '07-01',
  høst: '10-01',
  haust: '10-01',
  vinter: '01-15',
};

/** A season's day in a year: `year` as a number, `season` as the question writes it. */
function seasonDay(season: string, year: number): string {
  return `${year}-${seasons[season.toLowerCase()]}`;
}

/** The months a season spans, as a school year lives them: spring March–May, summer June–August. */
const seasonMonths: Record<string, [first: string, last: string]> = {
  '04-01': ['03-01', '05-31'],
  '07-01': ['06-01', '08-31'],
  '10-01': ['09-01', '11-30'],
};

/** «før sommeren 2024» is the day before summer began, «etter høsten 2019» the day after autumn ended. */
function seasonOnEdge(word: string | undefined, season: string, year: number, after: string): string {
  const day = seasonDay(season, year);
  const span = seasonMonths[day.slice(5)];
  if (word === undefined || !span) return day;
  return onEdge(word, `${year}-${span[0]}`, `${year}-${span[1]}`, after);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A date the question names, as the phrase written and the day it stands for. */
export interface QuestionDate {
  text: string;
  date: string;
}

/**
 * A month as a question writes it: its name, or its short form with or without a dot («sept 2021», «okt.»).
 * «jul» alone is Christmas, so July's short form needs its dot.
 */
const monthPattern = `${months.join('|')}|(?:jan|feb|mar|apr|jun|aug|sept?|okt|nov|des)\\.?|jul\\.`;
const seasonPattern = Object.keys(seasons).join('|');

/** A month's number, from its name or its short form (the months' first three letters differ). */
function monthNumber(name: string): number {
  const start = name.toLowerCase().slice(0, 3);
  return months.findIndex((month) => month.startsWith(start)) + 1;
}

/** «før mars 2022» is the day before March began, «etter mars 2022» the day after it ended. */
const edge = '(?:(før|innen|innan|fram til|frem til|inntil|etter)\\s+)?';

/**
 * «Ikke møtt innen 1. september 2022. Hvem hadde ham fra da?»: asked from a deadline on, the day after it
 * (after «innen», which the deadline day is part of) or the day it came (after «før»).
 */
const fromThen = /\b(?:fra|frå|etter)\s+(?:da|då|det)\b|\b(?:etterpå|deretter|derfra)\b/iu;

function onEdge(word: string | undefined, first: string, last: string, after = ''): string {
  if (word === undefined) return first;
  const edgeWord = word.toLowerCase();
  if (edgeWord === 'etter') return dayAfter(last);
  if (fromThen.test(after)) return edgeWord.startsWith('inn') ? dayAfter(last) : first;
  return dayBefore(first);
}

/** The first and last day of a month named in a question («mars», 2022). */
function monthDays(name: string, year: string): { first: string; last: string } {
  const month = monthNumber(name);
  const first = `${year}-${pad(month)}-01`;
  const last = new Date(Date.UTC(Number(year), month, 0)).toISOString().slice(0, 10);
  return { first, last };
}

/**
 * A day written with its day, month and year («31.02.2024», «30. februar 2024»): `YYYY-MM-DD`, or refused
 * when the day does not exist. Read as some other date (its year alone, as it once was), the answer would
 * be for a day nobody asked about; the person is told why and writes it again.
 */
function writtenDay(written: string, year: string, month: number, day: number): string {
  const problem = missingDate(written.trim(), Number(year), month, day);
  if (problem)
    throw new GjerdeError(
      'invalid-input',
      `${problem} Skriv datoen på nytt, eller ta den bort for å få svar for i dag.`,
    );
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A year as a question writes it: four digits, or two («høsten 24», «1.3.24»: see `fullYear`). */
const yearPattern = '(20\\d\\d|\\d\\d)';
/** Between a month or a season and its year: a space, or a dash («høsten -24», «mars-22»). */
const yearGap = "(?:\\s*[-–'’]\\s*|\\s+)";
/** Not an age: «høsten 17 år» is a 17-year-old in the autumn, not the autumn of 2017. */
const notAge = '(?!\\s*(?:år|åring|-åring)\\b)';

/** A way of writing a date: what it matches, and the day it stands for. */
interface DatePattern {
  pattern: RegExp;
  /** `after`: the question after the date, which may ask from the date on («fra da»). */
  date: (match: RegExpExecArray, now: string, after: string) => string | undefined;
  /** A year alone («i 2020», «2020»): its middle stands for it, or what of it the agreements were in force. */
  wholeYear?: true;
  /**
   * After a new law: how an agreement says it follows that law. The agreements may have taken it up later
   * than its day (search.ts reads the day they did, `lawTakenUpDay`).
   */
  afterLaw?: RegExp;
  /** A day or a month ahead is a date too («fra januar 2027»); a year ahead is more often a number. */
  ahead?: true;
  /** A year, a season or a holiday: a month the story names apart from it is the part asked about. */
  coarse?: true;
  /** The words the question keeps to search for (a month with no year may be what it is about: «i juli»). */
  keeps?: (match: RegExpExecArray) => string;
  /**
   * A word of the date that may also be the case when a clause is named by it (its title or keywords: an
   * årshjul's «juli»), but not when a clause's text only dates something by it («drøfta 8. juni 2022»).
   */
  names?: (match: RegExpExecArray) => string;
}

/**
 * Dates in a question, most precise first: «1. mars 2022», «i mars 2022», «høsten 2019», «før 2024», «i 2022»,
 * «2022». A day, a month or a season may have a two-digit year («1.3.24», «mars 24», «høsten 24»); a year
 * alone needs four digits, since «i 24» or «før 18» is as likely an age.
 */
const datePatterns: DatePattern[] = [
  {
    pattern: /\b(20\d\d)-(\d\d)-(\d\d)\b/u,
    ahead: true,
    date: (m) => writtenDay(m[0], m[1] as string, Number(m[2]), Number(m[3])),
  },
  // As the date fields show dates, and as Norwegians write them: «1.3.2018», «før 01.08.2024», «1.3.24».
  {
    pattern: new RegExp(
      `(?<![\\d.\\p{L}])${edge}((\\d{1,2})\\.(\\d{1,2})\\.${yearPattern})(?![\\d.]\\d)`,
      'iu',
    ),
    ahead: true,
    date: (m, _, after) => {
      const day = writtenDay(m[2] as string, fullYear(m[5] as string), Number(m[4]), Number(m[3]));
      return onEdge(m[1], day, day, after);
    },
  },
  {
    pattern: new RegExp(
      `\\b${edge}(?:per |den )?((\\d{1,2})\\.? (${monthPattern}) ${yearPattern})\\b${notAge}`,
      'iu',
    ),
    ahead: true,
    date: (m, _, after) => {
      const day = writtenDay(
        m[2] as string,
        fullYear(m[5] as string),
        monthNumber(m[4] as string),
        Number(m[3]),
      );
      return onEdge(m[1], day, day, after);
    },
  },
  // The month may be the matter here too, as below («tok kontakt i juli 2022»: the summer clause of then),
  // but with a year it is more often only when: it names a clause's case only (see `names`).
  {
    names: (m) => m[2] as string,
    pattern: new RegExp(
      `\\b${edge}(?:i |fra |frå |per )?(${monthPattern})${yearGap}${yearPattern}\\b${notAge}`,
      'iu',
    ),
    ahead: true,
    date: (m, _, after) => {
      const { first, last } = monthDays(m[2] as string, fullYear(m[3] as string));
      return onEdge(m[1], first, last, after);
    },
  },
  // A holiday or school break of a year («jul 2022», «i påska 2020», «før vinterferien 2024»): its day, and
  // the days it spans for before and after. Its name stays a search word (a clause may be about it).
  {
    keeps: (m) => m[2] as string,
    coarse: true,
    pattern: new RegExp(
      `(?<!\\p{L})${edge}(?:på |om |i |til )?(${holidayPattern})${yearGap}${yearPattern}\\b${notAge}`,
      'iu',
    ),
    date: (m, _, after) => {
      const days = holidayIn(m[2] as string, Number(fullYear(m[3] as string)));
      return days && (m[1] === undefined ? days.day : onEdge(m[1], days.first, days.last, after));
    },
  },
  {
    coarse: true,
    pattern: new RegExp(
      `\\b${edge}(?:på |om |i )?(${seasonPattern})${yearGap}${yearPattern}\\b${notAge}`,
      'iu',
    ),
    date: (m, _, after) => seasonOnEdge(m[1], m[2] as string, Number(fullYear(m[3] as string)), after),
  },
  // The season after its year, as in a list or a file name («2024 høst», «2023-våren»).
  {
    coarse: true,
    pattern: new RegExp(`\\b${edge}(20\\d\\d)(?:\\s+|\\s*-\\s*)(${seasonPattern})\\b`, 'iu'),
    date: (m, _, after) => seasonOnEdge(m[1], m[3] as string, Number(m[2]), after),
  },
  // A school year («skoleåret 2024/25», «2023–2024», «sk.år 21/22») and the start of school («skolestart
  // 2022»): school-year.ts. The start's word stays a search word (a clause may be about it).
  { pattern: schoolYearPattern, date: schoolYearDay },
  {
    keeps: (m) => m[0].replace(/^.*?(sk\p{L}+).*$/iu, '$1'),
    pattern: schoolStartPattern,
    date: (m, _, after) => onEdge(m[1], schoolStartDay(m), schoolStartDay(m), after),
  },
  // A month and its year a word or two apart, as typed in a hurry («september liste 2021»): that month, which
  // may name a clause's case as when they stand together. Only a month's full name: a short form is too
  // often a word.
  {
    names: (m) => m[1] as string,
    keeps: (m) => m[2] as string,
    pattern: new RegExp(`\\b(${months.join('|')})((?:\\s+\\p{L}+){1,2})\\s+(20\\d\\d)\\b${notAge}`, 'iu'),
    date: (m) => monthDays(m[1] as string, m[3] as string).first,
  },
  { pattern: /\b(?:før|innen|innan) (20\d\d)\b/iu, date: (m) => `${Number(m[1]) - 1}-12-31` },
  { pattern: /\b(?:etter) (20\d\d)\b/iu, date: (m) => `${Number(m[1]) + 1}-01-01` },
  // New Year of a year: «etter nyttår 2024» is its first days, «før nyttåret 2024» the last day before.
  {
    pattern: /\b(?:(før|innen|innan|etter)\s+)?(?:nyttår|nyttåret)\s+(20\d\d)\b/iu,
    date: (m, _, after) => onEdge(m[1], `${m[2]}-01-01`, `${m[2]}-01-01`, after),
  },
  {
    pattern: /\b(?:i|fra|per|året|skoleåret) (20\d\d)\b/iu,
    wholeYear: true,
    coarse: true,
    date: (m) => `${m[1]}-07-01`,
  },
  // A year on its own («24 år, slutta på vgs, 2023»), not an amount of money («2000 kroner», «kr 2000»).
  {
    pattern: /(?<!kr\.? ?)\b(20\d\d)\b(?! ?(?:kr\b|kroner|,-))/iu,
    wholeYear: true,
    coarse: true,
    date: (m) => `${m[1]}-07-01`,
  },
  // Last year's season («i fjor høst», «hausten i fjor»): a school year begins in August, so the
  // middle of last year would often be under the agreement before the one asked about.
  // Before or after it, its edge («før sommeren i fjor»: 31 May), as for a season with its year.
  {
    coarse: true,
    pattern: new RegExp(`\\b${edge}(?:i fjor (${seasonPattern})|(${seasonPattern}) i fjor)\\b`, 'iu'),
    date: (m, now, after) => seasonOnEdge(m[1], (m[2] ?? m[3]) as string, Number(now.slice(0, 4)) - 1, after),
  },
  // Last year's holiday («jula i fjor», «i fjor påske»).
  {
    keeps: (m) => (m[1] ?? m[2]) as string,
    coarse: true,
    pattern: new RegExp(`(?<!\\p{L})(?:i fjor (${holidayPattern})|(${holidayPattern}) i fjor)\\b`, 'iu'),
    date: (m, now) => holidayIn((m[1] ?? m[2]) as string, Number(now.slice(0, 4)) - 1)?.day,
  },
  // Last year, or the year before («i fjor», «i forfjor»): before a month with no year, so that the story's
  // month is of it wherever the sentence names it («i mai, i fjor», «i fjor, i mai»).
  { pattern: /\bi fjor\b/iu, coarse: true, date: (_, now) => `${Number(now.slice(0, 4)) - 1}-07-01` },
  { pattern: /\bi forfjor\b/iu, coarse: true, date: (_, now) => `${Number(now.slice(0, 4)) - 2}-07-01` },
  // A month with no year («slutta i oktober», «før mars», «i mai i fjor»): the latest such month not after
  // today, or last year's; the date chip shows the year it was read as. The month stays a search word: a
  // month that comes every year is often the matter itself («står utan skuleplass i juli»: the summer clause).
  {
    keeps: (m) => m[2] as string,
    pattern: new RegExp(
      `\\b(?:(før|innen|fram til|frem til|inntil|etter)\\s+|(?:i|fra|frå|per|sidan|siden)\\s+)(${monthPattern})(\\s+i\\s+fjor)?\\b`,
      'iu',
    ),
    date: (m, now, after) => {
      const year = Number(now.slice(0, 4));
      let days = monthDays(m[2] as string, String(m[3] ? year - 1 : year));
      if (days.first > now) days = monthDays(m[2] as string, String(year - 1));
      return onEdge(m[1], days.first, days.last, after);
    },
  },
  // This year's autumn or summer («i høst», «i sommar»), or last year's while this year's is still to
  // come. Not «i vår», which is as often «our» («i vår kommune»).
  {
    coarse: true,
    pattern: /\bi (høst|haust|sommer|sommar)\b/iu,
    date: (m, now) => {
      const thisYear = seasonDay(m[1] as string, Number(now.slice(0, 4)));
      return thisYear <= now ? thisYear : seasonDay(m[1] as string, Number(now.slice(0, 4)) - 1);
    },
  },
];

/**
 * Laws that changed who does what, by the day they took effect: a question may date itself by one («før den
 * nye opplæringsloven kom», «etter reforma»). A bare «reforma» or «den nye lova» is the education act, the
 * reform the agreements in this field were rewritten for; the date chip shows how it was read.
 */
const lawChanges: { names: string; alone: string; from: string }[] = [
  {
    names: 'opplæringslov\\p{L}*|lov(?:a|en)',
    alone: 'reform(?:a|en)|opplæringsreform\\p{L}*',
    from: '2024-08-01',
  },
  { names: 'integreringslov\\p{L}*', alone: 'integreringsreform\\p{L}*', from: '2021-01-01' },
];
/** «ble endret», «kom», «trådte i kraft»: what follows a law named as an event. */
const tookEffect =
  '\\s+(?:kom|kom på plass|ble endret|blei endra|vart endra|endret seg|trådte i kraft|tredde i kraft|gjaldt|begynte å gjelde)';

/**
 * Dates written as events: before a law changed («før den nye opplæringsloven kom», «før opplæringslova vart
 * endra», «før reforma») is the day before it took effect; after or under it («etter den nye loven», «etter
 * reforma») the day it did. A law named without «ny» or an event («etter opplæringsloven § 9-4») is its
 * content, not a date.
 */
const eventPatterns: DatePattern[] = lawChanges.flatMap(({ names, alone, from }) => {
  const event = `(?:(?:den\\s+)?nye?\\s+(?:${names})(?:${tookEffect})?|(?:den\\s+)?(?:${names})${tookEffect}|${alone})`;
  return [
    {
      pattern: new RegExp(`\\b(?:før|fram til|frem til|inntil)\\s+${event}(?![\\p{L}])`, 'iu'),
      date: () => dayBefore(from),
    },
    {
      // «Rett etter at den nye loven kom» is the law's day itself, not the time under it.
      pattern: new RegExp(
        `(?<!\\brett\\s+)\\b(?:etter at|etter|fra|frå|sidan|siden|med|under)\\s+${event}(?![\\p{L}])`,
        'iu',
      ),
      afterLaw: new RegExp(`\\bnye?\\s+(?:${names})(?![\\p{L}])`, 'iu'),
      date: () => from,
    },
    {
      pattern: new RegExp(`\\brett\\s+(?:etter at|etter)\\s+${event}(?![\\p{L}])`, 'iu'),
      date: () => from,
    },
  ];
});

/**
 * The agreement before the one in force («den gamle avtalen», «forrige avtale», «før avtalen ble fornyet»):
 * its date depends on the agreements asked about, so the question only marks it (see `previousAgreement` in
 * the answer's date).
 */
const previousAgreementPattern =
  /\b(?:(?:i|etter|under|med|ifølge|iflg\.?)\s+)?(?:den\s+)?(?:gamle|forrige|førre|tidligere|tidlegare)\s+avtal(?:en|a|e)\b|\bfør\s+avtal(?:en|a)\s+(?:ble|blei|vart)\s+(?:fornyet|fornya|forlenget|forlenga|endret|endra|revidert)\b/iu;

/** The question names the agreement before the one in force; the phrase, and the question without it. */
export function readPreviousAgreement(question: string): { text: string; rest: string } | undefined {
  const match = previousAgreementPattern.exec(question);
  if (!match) return undefined;
  const rest = `${question.slice(0, match.index)} ${question.slice(match.index + match[0].length)}`;
  return { text: match[0].trim(), rest: rest.replace(/\s+/g, ' ').trim() };
}

/**
 * A change in a year that names no law («før endringen i 2024», «etter at avtalen ble endret i 2022»): the
 * day is the agreement's own change in that year, so the question only marks it (see `agreementChangeDay`).
 */
const agreementChangePattern =
  /\b(før|fram til|frem til|inntil|etter|etter at|fra|frå|sidan|siden)\s+(?:(?:den|de|dei)\s+)?(?:endring(?:en|a|ene|ane)|omlegging(?:en|a)|revisjon(?:en)?|nye\s+(?:avtalen|avtala|reglene|reglane|ordningen|ordninga)|(?:det|den|avtalen|avtala)\s+(?:ble|blei|vart)\s+(?:endret|endra|revidert))\s+(?:i|fra|frå|per)\s+(20\d\d)\b/iu;

/** A change in a year the question dates itself by: the phrase, which side of it, the year, the rest. */
export function readAgreementChange(
  question: string,
): { text: string; before: boolean; year: string; rest: string } | undefined {
  const match = agreementChangePattern.exec(question);
  if (!match) return undefined;
  const rest = `${question.slice(0, match.index)} ${question.slice(match.index + match[0].length)}`;
  return {
    text: match[0].trim(),
    before: /^(?:før|fram|frem|inntil)/iu.test(match[1] as string),
    year: match[2] as string,
    rest: rest.replace(/\s+/g, ' ').trim(),
  };
}

/**
 * Before or after a decision in a year («etter vedtaket i SU 2021», «før vedtaket nov 2022»): the day is the
 * decision a clause of the agreements records, so the question only marks it (see `decisionDay` in
 * event-days.ts).
 */
const decisionPattern = new RegExp(
  `\\b(før|fram til|frem til|inntil|etter|etter at|fra|frå|sidan|siden)\\s+(?:(?:det|den)\\s+)?(?:vedtaket?|avgjørelsen|avgjerda|beslutningen|beslutninga)(?:\\s+(?:i|fra|frå|av)\\s+(?:SU|AU|samarbeidsutvalget|utvalet|utvalget|styringsgruppa|styringsgruppen))?\\s+(?:i\\s+)?(?:(${monthPattern})\\s*)?(20\\d\\d)\\b`,
  'iu',
);

/** A decision the question dates itself by: the phrase, which side of it, its year and month, the rest. */
export function readDecision(
  question: string,
): { text: string; before: boolean; year: string; month?: number; rest: string } | undefined {
  const match = decisionPattern.exec(question);
  if (!match) return undefined;
  const rest = `${question.slice(0, match.index)} ${question.slice(match.index + match[0].length)}`;
  return {
    text: match[0].trim(),
    before: /^(?:før|fram|frem|inntil)/iu.test(match[1] as string),
    year: match[3] as string,
    ...(match[2] ? { month: monthNumber(match[2]) } : {}),
    rest: rest.replace(/\s+/g, ' ').trim(),
  };
}

/**
 * «… gjekk ut av vg2 i 2022 og no treng ho …»: the date is of what happened, and the question asks about now.
 */
const nowAfter = /\b(?:og|men)\s+(?:no|nå)(?!\p{L})/iu;

/**
 * «Juni 2023: … Hvem holdt pinnen i juli?»: a month with no year asked about after a dated event is that
 * month of the event's year (the next year's if it came earlier in the year than the event).
 */
const laterMonth = new RegExp(
  `\\b(?:i|fra|frå|per|sidan|siden)\\s+(${monthPattern})(?!\\p{L})(?![\\p{L}\\s]*\\d)`,
  'iu',
);

const askingPart = /\b(?:hvem|kven|kem|hva|kva)\b(.*)$/iu;

function askedLater(event: string, after: string): QuestionDate | undefined {
  // Only where the question asks: after its question word, in its last sentence.
  const asking = askingPart.exec(after.split(/[.!:;]\s+/u).at(-1) ?? '');
  const match = asking ? laterMonth.exec(asking[1] as string) : null;
  if (!match) return undefined;
  const year = Number(event.slice(0, 4));
  let { first } = monthDays(match[1] as string, String(year));
  if (first.slice(0, 7) === event.slice(0, 7)) return undefined;
  if (first < event) first = monthDays(match[1] as string, String(year + 1)).first;
  return { text: match[0].trim(), date: first };
}

/** The date a question is about, if it names one, and the question without it. */
export function readQuestionDate(
  question: string,
  now: string,
): { date?: QuestionDate; text: string; names?: string; wholeYear?: true; afterLaw?: RegExp } {
  // A date the caller corrects («høsten 2019 – nei, vent, våren 2020»): the one after the correction.
  for (const { before, after } of correctedParts(question)) {
    const taken = readQuestionDate(before, now);
    const corrected = taken.date && readQuestionDate(after, now);
    if (corrected?.date) return { ...corrected, text: `${taken.text} ${corrected.text}`.trim() };
  }
  for (const { pattern, date, ahead, keeps, names, wholeYear, afterLaw, coarse } of [
    ...eventPatterns,
    ...datePatterns,
  ]) {
    const match = pattern.exec(question);
    if (!match) continue;
    const after = question.slice(match.index + match[0].length);
    const value = date(match, now, after);
    if (!value || !isRealDate(value) || (value > now && !ahead)) continue;
    const text = `${question.slice(0, match.index)} ${keeps?.(match) ?? ''} ${after}`
      .replace(/\s+/g, ' ')
      .trim();
    if (nowAfter.test(after)) return { text };
    const told = coarse
      ? toldApart(question, match, keeps?.(match) ?? '', value, wholeYear === true, now)
      : undefined;
    if (told) return told;
    const holiday = wholeYear ? holidayOfYear(question, Number(value.slice(0, 4))) : undefined;
    if (holiday) return { date: holiday, text };
    const later = keeps || wholeYear ? undefined : askedLater(value, after);
    return {
      date: later && later.date <= now ? later : { text: match[0].trim(), date: value },
      text,
      ...(names ? { names: names(match) } : {}),
      ...(wholeYear ? { wholeYear } : {}),
      ...(afterLaw ? { afterLaw } : {}),
    };
  }
  return { text: question };
}

/**
 * A month a story tells apart from its year, season or holiday: after a word that dates by it («i mai», «før
 * mars»), or alone after a comma or a dash («I fjor sommer, juni»), where a short form is too often a word.
 */
const storyMonth = new RegExp(
  `(?<!\\p{L})(?:(?:(før|innen|innan|fram til|frem til|inntil|etter)|i|fra|frå|per|sidan|siden)\\s+(${monthPattern})|(?<=[,–—]\\s*)(${months.join('|')}))(?!\\p{L})`,
  'giu',
);

/** A season said in its definite form, apart from the year («i 2023, høsten»); «vår» alone is as often «our». */
const storySeason = new RegExp(
  `(?<!\\p{L})${edge}(?:på |om |i )?(våren|våron|sommeren|sommaren|høsten|hausten|vinteren)(?!\\p{L})`,
  'giu',
);

/**
 * The sentence around a span of the question: from the last full stop, ! or ? before it to the next. A stop
 * after a number ends a sentence only before a capital («i 2021. Nå …», not «19. mai»).
 */
function sentenceAround(question: string, start: number, end: number): [number, number] {
  let from = 0;
  let to = question.length;
  for (const stop of question.matchAll(/(?<=\p{L})\.(?=\s|$)|\.(?=\s+\p{Lu})|[!?]/gu)) {
    if (stop.index < start) from = stop.index + 1;
    else if (stop.index >= end) {
      to = stop.index;
      break;
    }
  }
  return [from, to];
}

/** The first match of `pattern` in the sentence that does not overlap the span read already. */
function inSentence(
  pattern: RegExp,
  question: string,
  [from, to]: [number, number],
  [start, end]: [number, number],
): RegExpExecArray | undefined {
  pattern.lastIndex = 0;
  for (let found = pattern.exec(question); found; found = pattern.exec(question)) {
    const foundEnd = found.index + found[0].length;
    if (found.index >= from && foundEnd <= to && (foundEnd <= start || found.index >= end)) return found;
  }
  return undefined;
}

/**
 * A date a story tells in two parts: the year, a season or a holiday, and in the same sentence the month
 * («det var i 2023, i mai», «lærekontrakten ble hevet i april – det var i 2022», «vinteren 2024, i februar»,
 * «før jul i 2023, i november») or, for a year alone, the season («i 2023, høsten»). The finer part is the day
 * asked about, in the coarse part's year: the middle of the year, or the season's or the holiday's day, was
 * often under another version. The date chip shows both parts as the question says them.
 */
function toldApart(
  question: string,
  match: RegExpExecArray,
  kept: string,
  coarseDay: string,
  wholeYear: boolean,
  now: string,
): { date: QuestionDate; text: string; names?: string } | undefined {
  const span: [number, number] = [match.index, match.index + match[0].length];
  const sentence = sentenceAround(question, ...span);
  const year = Number(coarseDay.slice(0, 4));
  let finer: { found: RegExpExecArray; day: string; month?: string } | undefined;
  const month = inSentence(storyMonth, question, sentence, span);
  if (month) {
    const name = (month[2] ?? month[3]) as string;
    const { first, last } = monthDays(name, String(year));
    const rest = question.slice(month.index + month[0].length);
    finer = { found: month, day: onEdge(month[1], first, last, rest), month: name };
  } else if (wholeYear) {
    const season = inSentence(storySeason, question, sentence, span);
    const rest = season && question.slice(season.index + season[0].length);
    if (season)
      finer = { found: season, day: seasonOnEdge(season[1], season[2] as string, year, rest ?? '') };
  }
  if (!finer || finer.day > now || !isRealDate(finer.day)) return undefined;
  const other: [number, number] = [finer.found.index, finer.found.index + finer.found[0].length];
  const [first, second] = span[0] < other[0] ? [span, other] : [other, span];
  const between = question.slice(first[1], second[0]);
  // Close together («i 2023, i mai», «i april – det var i 2022») the chip quotes the words as said.
  const said =
    (between.match(/\p{L}+/gu) ?? []).length <= 2
      ? question.slice(first[0], second[1])
      : `${question.slice(...first)} … ${question.slice(...second)}`;
  // The coarse part's word that stays a search word (a holiday's name), as when it is read alone.
  const [keptFirst, keptSecond] = first === span ? [kept, ''] : ['', kept];
  const text =
    `${question.slice(0, first[0])} ${keptFirst} ${between} ${keptSecond} ${question.slice(second[1])}`
      .replace(/\s+/g, ' ')
      .trim();
  return {
    date: { text: said.trim(), date: finer.day },
    text,
    ...(finer.month ? { names: finer.month } : {}),
  };
}

/** A holiday named apart from the year («påskereise hjem 2021», «jul hjemreise 2023»): that holiday's day. */
const holidayWord = new RegExp(`(?<!\\p{L})(${holidayPattern})(?!\\p{L})`, 'iu');

function holidayOfYear(question: string, year: number): QuestionDate | undefined {
  const match = holidayWord.exec(question);
  const days = match ? holidayIn(match[1] as string, year) : undefined;
  return days && { text: `${(match as RegExpExecArray)[1]} ${year}`, date: days.day };
}

function isRealDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
