/**
 * A county the question names that Gjerde has no agreement of: one of Norway's counties (today's, and those
 * of 2020–2023 and before 2020 that people still say), or one in the registry of split counties
 * (felles/fylker.yaml). Read before the store's place names are guessed at by their spelling: «i Finnmark»
 * is one letter from «Innmark», and «19 år uten læreplass i Nordland» must not be answered by another
 * county's agreement as if it were Nordland's.
 */
import { type CountyRegistry, noSplits } from '../domain/county-splits.js';
import { municipalityCounties } from './municipalities.js';
import { namesPlace } from './named-place.js';
import { fold, tokenize } from './norwegian.js';
import { PhraseMatcher } from './phrases.js';

const norwegianCounties = [
  // From 2024.
  'Oslo',
  'Rogaland',
  'Møre og Romsdal',
  'Nordland',
  'Østfold',
  'Akershus',
  'Buskerud',
  'Innlandet',
  'Vestfold',
  'Telemark',
  'Agder',
  'Vestland',
  'Trøndelag',
  'Troms',
  'Finnmark',
  // 2020–2023.
  'Viken',
  'Vestfold og Telemark',
  'Troms og Finnmark',
  // Before 2020.
  'Hedmark',
  'Oppland',
  'Aust-Agder',
  'Vest-Agder',
  'Hordaland',
  'Sogn og Fjordane',
  'Sør-Trøndelag',
  'Nord-Trøndelag',
];

const matchers = new WeakMap<CountyRegistry, PhraseMatcher<string>>();

function matcher(splits: CountyRegistry = noSplits): PhraseMatcher<string> {
  const known = matchers.get(splits);
  if (known) return known;
  const names = new PhraseMatcher<string>();
  const registry = splits.splits.flatMap((split) => [
    split.county,
    ...split.successors.map((successor) => successor.county),
  ]);
  for (const county of [...norwegianCounties, ...registry]) names.add(tokenize(county).map(fold), county);
  matchers.set(splits, names);
  return names;
}

/**
 * The county the question names, among Norway's and the registry's, the longest name where one holds
 * another («Troms og Finnmark»); undefined when it names none.
 * @param folded the question's words, folded (norwegian.ts `fold`).
 */
export function namedCounty(
  folded: readonly string[],
  splits: CountyRegistry | undefined,
): { county: string; start: number; end: number } | undefined {
  const found = matcher(splits).find(folded);
  const longest = found.reduce<(typeof found)[number] | undefined>(
    (best, match) => (best && best.end - best.start >= match.end - match.start ? best : match),
    undefined,
  );
  return longest && { county: longest.value, start: longest.start, end: longest.end };
}

let municipalities: PhraseMatcher<string> | undefined;

/**
 * The municipality of Norway the question names, and its county (both counties for a name two share): «ungdom
 * i Bergen» is Vestland's case as much as «i Vestland» is. A name that is an everyday word too («Time», «Nes»,
 * «Moss») counts only written as a place (`namesPlace`). Undefined when it names none.
 */
export function namedMunicipality(
  question: string,
  folded: readonly string[],
): { counties: readonly string[]; start: number; end: number } | undefined {
  if (!municipalities) {
    municipalities = new PhraseMatcher<string>();
    for (const name of municipalityCounties.keys()) municipalities.add(tokenize(name).map(fold), name);
  }
  const found = municipalities.find(folded).find(({ value }) => namesPlace(question, value));
  const counties = found && municipalityCounties.get(found.value);
  return found && counties && { counties, start: found.start, end: found.end };
}
