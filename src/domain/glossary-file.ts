/**
 * The shared glossary file (`felles/begreper.yaml` in the data repository): the words NAV and the county
 * use in the agreements, each with its other names, a plain explanation and, when there is one, the
 * provision it comes from. docs/format.md describes it with an example. Readable and editable without
 * Gjerde; Gjerde writes it back in one canonical form (terms in alphabetical order).
 */
import { stringify } from 'yaml';
import type { PlainMessage } from '../format/messages.js';
import type { GlossaryEntry } from '../format/types.js';
import { DataFileReader } from './data-file.js';

export const glossaryPath = 'felles/begreper.yaml';

/** A term of the shared glossary: an agreement's glossary entry, and where the term comes from. */
export interface SharedTerm extends GlossaryEntry {
  /** The provision or document that defines the term («opplæringslova § 9-4»), when there is one. */
  source?: string;
}

export const termLimits = { term: 80, alias: 80, aliases: 10, definition: 600, source: 200 } as const;

export interface ParsedGlossary {
  ok: boolean;
  terms: SharedTerm[];
  messages: PlainMessage[];
}

const termKeys = ['begrep', 'andre-navn', 'forklaring', 'kilde'] as const;

/** The key two names share when they name the same thing: case and spacing do not count. */
export function termKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('nb').replace(/\s+/g, ' ').trim();
}

export function parseGlossaryFile(text: string, path: string = glossaryPath): ParsedGlossary {
  const reader = new DataFileReader(text, path, ['begreper']);
  const terms: SharedTerm[] = [];
  const named = new Map<string, string>();
  for (const record of reader.records('begreper', termKeys)) {
    const term = record.text('begrep', {
      required: true,
      max: termLimits.term,
      label: 'ordet som forklares',
    });
    const aliases = record.list('andre-navn', { max: termLimits.alias });
    const definition = record.text('forklaring', { required: true, max: termLimits.definition });
    const source = record.text('kilde', { max: termLimits.source });
    if (aliases.length > termLimits.aliases)
      record.error(`Høyst ${termLimits.aliases} andre navn.`, 'andre-navn');
    if (!term || !definition) continue;
    for (const name of [term, ...aliases]) {
      const other = named.get(termKey(name));
      if (other !== undefined && other !== term)
        record.error(
          `«${name}» står allerede i begrepslisten (under «${other}»). Et navn kan bare forklares én gang.`,
          name === term ? 'begrep' : 'andre-navn',
        );
      named.set(termKey(name), term);
    }
    terms.push({ term, aliases, definition, ...(source ? { source } : {}) });
  }
  const { ok, messages } = reader.finish();
  return { ok, terms: ok ? terms : [], messages };
}

const header = `# Felles begrepsliste for samarbeidet mellom NAV og fylkeskommunen: ordene avtalene bruker, forklart
# med vanlige ord. Hver avtales egen :::ordliste kommer i tillegg. Endres i Gjerde («Begreper») eller her.
`;

/** The canonical file: the header, then the terms in alphabetical order. */
export function writeGlossaryFile(terms: readonly SharedTerm[]): string {
  const sorted = [...terms].sort((a, b) => a.term.localeCompare(b.term, 'nb'));
  const begreper = sorted.map((entry) => ({
    begrep: entry.term,
    ...(entry.aliases.length > 0 ? { 'andre-navn': entry.aliases } : {}),
    forklaring: entry.definition,
    ...(entry.source ? { kilde: entry.source } : {}),
  }));
  return `${header}${stringify({ begreper }, { lineWidth: 0 })}`;
}
