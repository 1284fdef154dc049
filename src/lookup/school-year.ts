/**
 * Dates a question gives by the school's calendar: a school year («skoleåret 21/22», «skuleåret 2023–2024»,
 * «sk.år 22/23», «21/22») and the start of school («skolestart 2022»). A school year runs from 1 August to
 * 31 July; read as its first year alone (1 July) it would be answered under the agreement before the one in
 * force that school year.
 */

/** A school year's word before it: «skoleåret», «skoleår», «skuleåret», «sk.år», «i skoleåret». */
const schoolYearWord = '(?:i\\s+)?(?:sk(?:o|u)leåret|sk(?:o|u)leår|sk\\.?\\s?år(?:et)?)';

/**
 * A school year: two years one apart with a slash or a dash, the first with four digits or after a school
 * year's word («skoleåret 21/22»); two two-digit years alone only with a slash («21/22»), since «22–24» is
 * more often an age group. Not an age («16/17 år»).
 */
export const schoolYearPattern = new RegExp(
  `(?:\\b${schoolYearWord}\\s*((?:20)?\\d\\d)\\s*[/–-]\\s*((?:20)?\\d\\d)|(?<![\\d/.,])\\b(20\\d\\d|\\d\\d)\\s*(?:[/–-]\\s*(?:20)?(?=\\d\\d\\b)|/)(\\d\\d))\\b(?!\\s*(?:år|åring|-åring|%|prosent)\\b)(?![/.,]\\d)`,
  'iu',
);

/**
 * The day a school year stands for: its autumn (1 October of its first year), after what changed that
 * summer; undefined when the years are not one apart («60/40»).
 */
export function schoolYearDay(match: RegExpExecArray): string | undefined {
  const first = Number(match[1] ?? match[3]) % 100;
  const second = Number(match[2] ?? match[4]) % 100;
  if (second !== (first + 1) % 100) return undefined;
  return `${2000 + first}-10-01`;
}

/**
 * The start of school in a year («skolestart 2022», «ved skulestart 2024»): the middle of August, when the
 * schools begin, under the agreement in force from 1 August. `edge`: «før»/«etter» it.
 */
export const schoolStartPattern =
  /\b(?:(før|innen|innan|etter)\s+)?(?:ved\s+|til\s+)?(?:sk(?:o|u)lestart(?:en)?|sk(?:o|u)leslutt(?:en)?)\s+(20\d\d)\b/iu;

/** The day school starts or ends in a year, by the word the question uses. */
export function schoolStartDay(match: RegExpExecArray): string {
  return /slutt/iu.test(match[0]) ? `${match[2]}-06-20` : `${match[2]}-08-15`;
}
