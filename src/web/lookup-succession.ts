import { sameCounty } from '../domain/county-spelling.js';
import { type CountyRegistry, splitOf } from '../domain/county-splits.js';
import { formatDate, list } from '../format/wording.js';

/**
 * A lookup answer's cards from a dissolved county's agreement (felles/fylker.yaml), shown to someone in its
 * successor county, say why that county's agreement answers: the successor was part of it on the day asked
 * about, or the agreement still applies there after the split. Only `date`, `scope.counties` and each result's
 * `county` are read, so the lookup can change its insides.
 */
interface ShownClause {
  county: string;
}

type WithSuccession = { succession?: string };

export function withSuccessionNotes<
  A extends { date: string; scope: { counties: string[] | null }; results: readonly ShownClause[] },
>(
  registry: CountyRegistry,
  answer: A,
): Omit<A, 'results'> & { results: (A['results'][number] & WithSuccession)[] } {
  const note = <R extends ShownClause>(result: R): R & WithSuccession => {
    const text = successionNote(registry, result.county, answer.scope.counties ?? [], answer.date);
    return text ? { ...result, succession: text } : result;
  };
  // The scope is the person's or the chosen county, Heiane, not «Heiane og Kystfold og Heiane»: the cards' notes
  // say why the dissolved county's agreement answers there.
  const counties = answer.scope.counties?.filter((county) => {
    const split = splitOf(registry, county);
    return !split?.successors.some(({ county: successor }) =>
      answer.scope.counties?.some((own) => sameCounty(own, successor)),
    );
  });
  return {
    ...answer,
    scope: { ...answer.scope, counties: counties ?? null },
    results: answer.results.map(note),
  };
}

/**
 * «Svaret er fra avtalen for Kystfold og Heiane. Heiane var en del av Kystfold og Heiane til fylket ble delt
 * 1. januar 2024, og avtalen gjaldt der da.», or, on a day after the split, that it applies there until the
 * successor's own agreement replaces it. Undefined for a county that was not split, or no successor asks.
 */
function successionNote(
  registry: CountyRegistry,
  county: string,
  scope: readonly string[],
  date: string,
): string | undefined {
  const split = splitOf(registry, county);
  const asking = split?.successors
    .map((successor) => successor.county)
    .filter((successor) => scope.some((own) => sameCounty(own, successor)));
  if (!split || !asking || asking.length === 0) return undefined;
  const names = list(asking);
  const lead = `Svaret er fra avtalen for ${split.county}.`;
  if (date < split.on)
    return `${lead} ${names} var en del av ${split.county} til fylket ble delt ${formatDate(split.on)}, og avtalen gjaldt der da.`;
  const until = asking.length > 1 ? 'i hvert fylke til det' : `til ${names}`;
  return `${lead} Fylket ble delt ${formatDate(split.on)}, og avtalen gjelder for ${names} ${until} har sin egen avtale som erstatter den.`;
}
