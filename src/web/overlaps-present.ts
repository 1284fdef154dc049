import type { Agreements } from '../domain/agreements.js';
import { type Overlap, overlapsFrom, overlapsOn } from '../domain/overlaps.js';
import { describePeriod, formatDate } from '../format/wording.js';
import { urls } from './urls.js';

/**
 * Overlapping umbrella agreements as readers meet them: while two `ramme` agreements of one county are both
 * in force, a lookup answer for that county and each of the two agreements' pages say so plainly instead of
 * showing two owners side by side as if both were settled. Which agreements overlap is the domain's
 * (`src/domain/overlaps.ts`).
 */

// ------------------------------------------------------------------ lookup answers
// Only the few fields below are read from the answer, so the lookup can change its insides freely.

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

// ------------------------------------------------------------------ an agreement's page

export interface AgreementOverlap extends Overlap {
  /** The other umbrella agreement. */
  other: { id: string; title: string; href: string };
  /** One Norwegian paragraph for the agreement's page. */
  message: string;
}

/**
 * The overlaps an umbrella agreement is part of: on the date a page is read as of, or else those still in
 * force or ahead (a past overlap is history, which the history page shows).
 */
export function agreementOverlaps(overlaps: Overlap[], id: string, date: { at?: string; today: string }) {
  const relevant = date.at !== undefined ? overlapsOn(overlaps, date.at) : overlapsFrom(overlaps, date.today);
  return relevant.flatMap((overlap): AgreementOverlap[] => {
    const other = overlap.agreements.find((side) => side.id !== id);
    if (!other || !overlap.agreements.some((side) => side.id === id)) return [];
    const message = `Denne rammeavtalen og «${other.title}» (${other.id}) gjelder begge for ${overlap.county} ${describePeriod(overlap.from, overlap.to)}. Da kan oppslag få svar fra begge, og de kan si ulike ting om hvem som har ansvaret. Partene må avslutte den ene (sette «gyldig-til» og godkjenne det) eller merke den nye med «erstatter».`;
    return [
      {
        ...overlap,
        other: { id: other.id, title: other.title, href: urls.agreement(other.id) },
        message,
      },
    ];
  });
}
