/**
 * A county written otherwise than its other agreements write it («fjordvik», «Fjord vik» for «Fjordvik»).
 * Access and the lookup read the two as one county, but a person reading the list of counties, a sync
 * partner or a script comparing names does not: the validator says so, as a warning (it never blocks), with
 * the line and column of `fylke` in the front matter. Shown on save, after an import and by `gjerde validate`.
 */
import type { PlainMessage } from '../format/messages.js';
import type { AgreementMeta } from '../format/types.js';

/** One county, written with other case or spacing («fjordvik», «Vestre  Fjelltun»). */
export function sameCounty(a: string, b: string): boolean {
  const key = (county: string) => county.trim().replace(/\s+/gu, ' ').toLocaleLowerCase('nb');
  return key(a) === key(b);
}

/** The agreement's county, if its other agreements in that county mostly write it otherwise: how they write it. */
export function usualCountySpelling(
  meta: Pick<AgreementMeta, 'id' | 'county'>,
  others: readonly Pick<AgreementMeta, 'id' | 'county'>[],
): string | undefined {
  const written = meta.county.trim();
  if (!written) return undefined;
  const counts = new Map<string, number>();
  for (const other of others)
    if (other.id !== meta.id && sameCounty(other.county, written))
      counts.set(other.county, (counts.get(other.county) ?? 0) + 1);
  const [usual] =
    [...counts].sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b, 'nb'))[0] ?? [];
  return usual !== undefined && usual !== written ? usual : undefined;
}

/** The warning at `fylke:` in the agreement's text, when the county is written otherwise than its others write it. */
export function countySpellingWarnings(
  meta: Pick<AgreementMeta, 'id' | 'county'>,
  markdown: string,
  others: readonly Pick<AgreementMeta, 'id' | 'county'>[],
): PlainMessage[] {
  const usual = usualCountySpelling(meta, others);
  if (usual === undefined) return [];
  const lines = markdown.split('\n');
  const index = lines.findIndex((line) => /^fylke\s*:/u.test(line));
  const line = lines[index] ?? '';
  const column = index < 0 ? 1 : (/^fylke\s*:\s*/u.exec(line)?.[0].length ?? 0) + 1;
  return [
    {
      line: index < 0 ? 1 : index + 1,
      column,
      severity: 'warning',
      rule: 'county-spelling',
      message: `Fylket skrives «${usual}» i fylkets andre avtaler, her «${meta.county.trim()}». Oppslaget og tilgangen leser dem som samme fylke, men skriv det likt, så fylket ikke ser ut som to.`,
    },
  ];
}
