/**
 * Times of year: the months a question asks about («hvem sender lista i aug», «uten læreplass i desember»,
 * «sommarstengt OT», «etter 1 nov») and the months a clause is about («I august: skolene melder …», «Fra 1.
 * november: … går over til OT», «I juli: NAV har beredskap når OT har sommerstengt»). An årshjul ties duties to
 * times of year that come back every year; the format's validity cannot say so, so the time of year is a facet
 * of the question that the clauses naming the same time of year fit.
 *
 * Months are a twelve-bit mask (bit 0 January). A clause's time of year is read where it names its case (its
 * title and keywords): a clause whose text only mentions a time («fram til 1. november» in an umbrella clause
 * that points to the årshjul for the rest of the year) fits a little, and is never taken as about another time.
 * A date with its year («1. august 2023») is when something happened, not a time of year.
 */
import { months } from '../format/wording.js';

/** Every month of the year: asked, a time of year that says nothing; named, a clause about every time. */
const wholeYear = 0xfff;

/** The month of a month's bit (1–12 as written), wrapping round the year. */
function bit(month: number): number {
  return 1 << ((((month - 1) % 12) + 12) % 12);
}

/** The months from `first` to `last` (1–12), round the turn of the year when `last` comes first. */
function span(first: number, last: number): number {
  let mask = 0;
  for (let month = first; ; month += 1) {
    mask |= bit(month);
    if (((month - 1) % 12) + 1 === last) return mask;
  }
}

/** The last month of a school year: «fra 1. november» holds the rest of the school year. */
const schoolYearEnd = 7;

/** A month's number from its name, its short form («aug», «sept.», «des») or a one-letter typo («augst»). */
function monthOf(word: string): number | undefined {
  const plain = word.toLowerCase().replace(/\.$/u, '');
  const exact = months.indexOf(plain);
  if (exact >= 0) return exact + 1;
  const short = shortForms[plain];
  if (short !== undefined) return short;
  // A typo of a long name (at least six letters: «augst», «novmber»); short names are too near other words.
  if (plain.length < 5) return undefined;
  const near = months.findIndex((name) => name.length >= 6 && oneEditApart(plain, name));
  return near >= 0 ? near + 1 : undefined;
}

/** Short forms as case workers type them; «jul» alone is Christmas, so July's needs its dot (see below). */
const shortForms: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  aug: 8,
  sep: 9,
  sept: 9,
  okt: 10,
  nov: 11,
  des: 12,
};

/** Whether two words are one insertion, deletion, substitution or swap of neighbours apart. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let start = 0;
  while (start < a.length && a[start] === b[start]) start += 1;
  const restA = a.slice(start);
  const restB = b.slice(start);
  if (restA.slice(1) === restB.slice(1)) return true;
  if (restA.slice(1) === restB || restA === restB.slice(1)) return true;
  return restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2);
}

/**
 * Seasons and holidays by the first and last month they span, as a school year lives them, and whether they
 * are a break of days: the month before or after a season is outside it, but «etter høstferien» (week 40) is
 * still October.
 */
const seasons: [RegExp, first: number, last: number, short: boolean][] = [
  [/^(?:sommer|sommar)ferie/u, 6, 8, false],
  [/^fellesferie/u, 7, 7, true],
  [/^vinterferie/u, 2, 2, true],
  [/^(?:høst|haust)ferie/u, 10, 10, true],
  [/^påsk/u, 3, 4, true],
  [/^(?:romjul|jul)/u, 12, 12, false],
  [/^(?:sommer|sommar)/u, 6, 8, false],
  [/^vinter/u, 12, 2, false],
  [/^(?:høst|haust)/u, 9, 11, false],
  [/^vår/u, 3, 5, false],
];

/**
 * A season's or a holiday's word: alone or definite («sommar», «vinteren», «jula»), or a compound with a tail
 * that keeps it a time («sommarstengt», «sommerferien», «vinterhalvåret»); not «høste» (to harvest), «vår»
 * (our) nor «juli».
 */
const seasonWord =
  /^(?:(?:sommer|sommar|vinter|høst|haust)(?:en)?|våren|våron|romjul\p{L}*|jul(?:a|en|e\p{L}+)?|påsk(?:e|en|a)\p{L}*|fellesferie\p{L}*|(?:sommer|sommar|vinter|høst|haust|vår)(?:ferie|stengt|stenging|stengning|jobb|semester|halvår|måned|månad|tid|periode)\p{L}*)$/u;

function seasonOf(word: string): [first: number, last: number, short: boolean] | undefined {
  if (!seasonWord.test(word)) return undefined;
  const found = seasons.find(([pattern]) => pattern.test(word));
  return found && [found[1], found[2], found[3]];
}

/** Words that bound a time: from it on, or up to it. */
const fromWords = new Set(['fra', 'frå', 'etter', 'siden', 'sidan', 'fom', 'f.o.m.']);
const untilWords = new Set(['innen', 'innan', 'før', 'til', 'inntil', 'tom', 't.o.m.']);

/**
 * The months a text names as times of year, as a mask (0 when it names none). A month after «fra»/«etter» runs
 * to the end of the school year (July); a day after «innen»/«før» is its month, or the month before when it is
 * the first («innen 1. november»: October); a season after «før»/«etter» is the month before or after it.
 */
export function monthsNamed(text: string): number {
  // Dated days and months are when something happened, not a time of year («endret fra 1. august 2023»).
  const words = text
    .toLowerCase()
    .replace(/(?:\b\d{1,2}\.?\s*)?\p{L}+\.?\s+20\d\d\b/gu, ' ')
    .split(/[^\p{L}\p{N}.]+/u)
    .filter((word) => word !== '');
  let mask = 0;
  for (let at = 0; at < words.length; at += 1) {
    const word = words[at] as string;
    // July's short form has its dot; any other word loses a trailing full stop.
    const month = word === 'jul.' ? 7 : /^\d/u.test(word) ? undefined : monthOf(word);
    const season = month === undefined ? seasonOf(word.replace(/\.$/u, '')) : undefined;
    if (month === undefined && season === undefined) continue;
    // «etter 1 nov», «innen 15. september», «fra august»: the word before the day, or before the month.
    const day = /^\d{1,2}\.?$/u.test(words[at - 1] ?? '') ? Number.parseInt(words[at - 1] as string, 10) : 0;
    const edge = (words[at - (day > 0 ? 2 : 1)] ?? '').replace(/\.$/u, '');
    const edgeWord = edge === 'fram' || edge === 'frem' ? 'til' : edge;
    if (month !== undefined) {
      if (fromWords.has(edgeWord))
        mask |= span(edge === 'etter' && day === 0 ? month + 1 : month, schoolYearEnd);
      else if (untilWords.has(edgeWord)) mask |= bit(day === 1 || day === 0 ? month - 1 : month);
      else mask |= bit(month);
    } else if (season !== undefined) {
      const [first, last, short] = season;
      if (edgeWord === 'etter') mask |= bit(last + 1) | (short ? bit(last) : 0);
      else if (untilWords.has(edgeWord)) mask |= bit(first - 1) | (short ? bit(first) : 0);
      else mask |= span(first, last);
    }
  }
  return mask;
}

/**
 * The question with its times of year as the agreements write them, to search by: a month's short form or
 * typo in full («aug» → «august», «augst» → «august»), a nynorsk season in bokmål («sommarstengt» →
 * «sommerstengt», «hausten» → «høsten»), July's «jul.» as «juli». A month written in full stays as written.
 */
export function timesInFull(text: string): string {
  return text.replace(/(?<![\p{L}\d])(\p{L}+)(\.?)(?!\p{L})/gu, (word, letters: string, dot: string) => {
    const lower = letters.toLowerCase();
    if (lower === 'jul' && dot === '.') return 'juli';
    if (months.includes(lower) || lower === 'jul') return word;
    const month = monthOf(lower);
    if (month !== undefined) return months[month - 1] as string;
    const season = /^(sommar|haust|våron)(\p{L}*)$/u.exec(lower);
    if (season && seasonOf(lower)) return `${seasonInBokmål[season[1] as string]}${season[2]}${dot}`;
    return word;
  });
}

/** Nynorsk seasons' stems in bokmål. */
const seasonInBokmål: Record<string, string> = { sommar: 'sommer', haust: 'høst', våron: 'våren' };

/** A clause's times of year: where it names its case (title, keywords), and in its text. */
interface ClauseTimes {
  named: number;
  mentioned: number;
}

const clauseTimes = new WeakMap<object, ClauseTimes>();

function timesOf(clause: ClauseWording): ClauseTimes {
  let known = clauseTimes.get(clause);
  if (!known) {
    const named = monthsNamed([clause.title, ...clause.keywords].join(' , '));
    known = { named, mentioned: named === 0 ? monthsNamed(clause.text) : 0 };
    clauseTimes.set(clause, known);
  }
  return known;
}

/** What the weight reads of a clause. */
export interface ClauseWording {
  title: string;
  keywords: string[];
  text: string;
}

/** A clause named by the time of year asked about. */
const namedWeight = 1.8;
/** A clause whose text only mentions the time of year asked about. */
const mentionedWeight = 1.15;
/** A clause named by another time of year than the one asked about. */
const otherTimeWeight = 0.65;

/**
 * How much a clause fits the time of year a question asks about (`asked`, from `monthsNamed`): more when it
 * is named by it, a little when its text mentions it, less when it is named by another time of year. A clause
 * named by times round the whole year («innen 1. september», «etter 1. september») fits every time.
 */
export function timeOfYearWeight(asked: number, clause: ClauseWording): number {
  if (asked === 0 || asked === wholeYear) return 1;
  const { named, mentioned } = timesOf(clause);
  if (named !== 0) return named & asked ? namedWeight : otherTimeWeight;
  return mentioned & asked ? mentionedWeight : 1;
}
