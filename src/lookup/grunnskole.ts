/**
 * A young person who goes to grunnskolen: «en gutt i 9. klasse», «går i 10. klasse», «på ungdomsskolen», «i
 * barneskulen». The cooperation agreements are about upper secondary and after; a pupil of the primary or
 * lower secondary school is their case only where a clause says so (a transition from 10th grade, say). When
 * none does, the clause found for «elev», «skulker» or the age is a neighbour, not the answer (not-covered.ts).
 *
 * Read only where the pupil is now: after «i» or «på». After «etter», «fra» or «ferdig med» («har ikke begynt
 * på vgs etter 10. klasse», «ferdig med ungdomsskulen») the young person has left it, which the agreements do
 * cover.
 */
import { terms, tokenize } from './norwegian.js';
import type { Thing } from './not-covered.js';

/** The school's names, bokmål and nynorsk: what a clause says when it covers grunnskolen. */
export const grunnskoleTerms = terms('grunnskole grunnskule ungdomsskole ungdomsskule barneskole barneskule');
const schools = new Set(grunnskoleTerms);
const grades = new Set(terms('klasse trinn klassetrinn'));
const where = new Set(['i', 'på']);
/** The last grade of grunnskolen: upper secondary counts its own («Vg1»). */
const lastGrade = 10;

/**
 * @param searched what the lookup searches for (without the date and a place; a grade's number stays).
 * @returns grunnskolen as the question wrote it («ungdomsskolen», «9. klasse»), or undefined.
 */
export function inGrunnskolen(searched: string): Thing | undefined {
  const words = tokenize(searched).map((written) => written.toLowerCase());
  for (const [at, word] of words.entries()) {
    if (!where.has(words[at - 1] ?? '')) continue;
    const [school] = terms(word);
    if (school !== undefined && schools.has(school)) return { term: school, written: word };
    const grade = Number(word);
    const [next] = terms(words[at + 1] ?? '');
    if (Number.isInteger(grade) && grade >= 1 && grade <= lastGrade && next !== undefined && grades.has(next))
      return { term: grunnskoleTerms[0] as string, written: `${grade}. ${words[at + 1]}` };
  }
  return undefined;
}
