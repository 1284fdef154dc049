import type { Agreements } from '../domain/agreements.js';
import { type Overlap, overlapsOn } from '../domain/overlaps.js';
import { formatDate } from '../format/wording.js';

/**
 * The seam between the lookup and overlapping umbrella agreements: while two `ramme` agreements of one
 * county are both in force, a lookup answer for that county says so plainly instead of showing two owners
 * side by side as if both were settled. Only the few fields below are read from the answer, so the lookup
 * can change its insides freely; which agreements overlap is the domain's (`src/domain/overlaps.ts`).
 */

interface AnswerShape {
  date: string;
  filters: { county: string | null };
  results: readonly { county: string }[];
}

export interface PresentedOverlap extends Overlap {
  /** One Norwegian sentence for the top of the answer. */
  message: string;
}

const key = (county: string) => county.trim().toLocaleLowerCase('nb');

export async function withOverlaps<A extends AnswerShape>(
  agreements: Agreements,
  answer: A,
): Promise<A & { overlaps: PresentedOverlap[] }> {
  const counties = new Set(
    (answer.filters.county ? [answer.filters.county] : answer.results.map((result) => result.county)).map(
      key,
    ),
  );
  const overlaps = overlapsOn(await agreements.umbrellaOverlaps(), answer.date)
    .filter((overlap) => counties.has(key(overlap.county)))
    .map((overlap) => ({ ...overlap, message: describe(overlap) }));
  return { ...answer, overlaps };
}

function describe(overlap: Overlap): string {
  const [first, second] = overlap.agreements;
  return `To rammeavtaler gjelder samtidig for ${overlap.county} fra ${formatDate(overlap.from)}: «${first.title}» (${first.id}) og «${second.title}» (${second.id}). Svarene kan komme fra begge og si ulike ting om hvem som har ansvaret. Partene må avslutte den ene; spør den som har ansvaret for avtalene i fylket.`;
}
