/**
 * Counties that were split (Viken into Akershus, Buskerud and Østfold on 1 January 2024): a registry fact kept
 * in the data repository beside the agreements, `felles/fylker.yaml`, readable without Gjerde. A county
 * authority's successors are its legal successors: an agreement it signed keeps applying in each successor
 * county from the split until that county's own agreement replaces it (`erstatter` across counties), and the
 * successor's party approves a continuation in place of the party that no longer exists.
 */
import { isIsoDate } from '../format/dates.js';
import { isValidId } from '../format/ids.js';
import type { PlainMessage } from '../format/messages.js';
import type { AgreementMeta } from '../format/types.js';
import { formatDate, list } from '../format/wording.js';
import { AtHead } from '../store/at-head.js';
import type { Store } from '../store/store.js';
import { sameCounty } from './county-spelling.js';
import { DataFileReader, type DataRecord } from './data-file.js';
import { isApproved } from './validity.js';

/** Where the registry lives in the data repository. */
export const countyRegistryPath = 'felles/fylker.yaml';

export interface Successor {
  county: string;
  /** The successor's county authority party id. */
  countyParty: string;
}

export interface CountySplit {
  /** The dissolved county, as its agreements write `fylke`. */
  county: string;
  /** Its county authority's party id, as its agreements name it. */
  countyParty: string;
  /** The first day the successors existed. */
  on: string;
  successors: Successor[];
}

export interface CountyRegistry {
  splits: CountySplit[];
  /** Problems with the file (line and column), in Norwegian; a split with a problem is left out. */
  messages: PlainMessage[];
}

/** A data repository without the file: no county was split. */
export const noSplits: CountyRegistry = { splits: [], messages: [] };

/** The county authorities the registry names (dissolved counties and their successors), each party id with its county. */
export function countyAuthorities(registry: CountyRegistry): Map<string, string> {
  return new Map(
    registry.splits.flatMap((split) => [
      [split.countyParty, split.county] as const,
      ...split.successors.map((successor) => [successor.countyParty, successor.county] as const),
    ]),
  );
}

const keys = ['fylke', 'fylkeskommune', 'fra', 'delt', 'etterfolgere'] as const;

interface Entry {
  record: DataRecord;
  county: string;
  countyParty: string;
  from?: string;
  split?: string;
  successors: string[];
}

/** Reads the registry; each problem is a message with line and column, and that split is left out. */
export function readCountyRegistry(text: string): CountyRegistry {
  const reader = new DataFileReader(text, countyRegistryPath, ['fylker']);
  if (reader.finish().ok && reader.value('fylker') === undefined)
    reader.error('Fila må ha en liste «fylker:».', undefined);
  const problems = () => reader.finish().messages.length;
  const entries: Entry[] = [];
  const faulty = new Set<Entry>();
  for (const record of reader.records('fylker', keys)) {
    const before = problems();
    const county = record.text('fylke', { required: true, label: 'fylkets navn' });
    const countyParty = record.text('fylkeskommune', { required: true, label: 'fylkeskommunens part-id' });
    if (countyParty !== undefined && !isValidId(countyParty))
      record.error(`Ugyldig part-id i «fylkeskommune»: «${countyParty}».`, 'fylkeskommune');
    const date = (key: 'fra' | 'delt'): { written: boolean; value?: string } => {
      const value = record.text(key);
      if (value === undefined) return { written: false };
      if (isIsoDate(value)) return { written: true, value };
      record.error(`«${key}» må være en dato (ÅÅÅÅ-MM-DD), ikke «${String(value).slice(0, 40)}».`, key);
      return { written: true };
    };
    const from = date('fra').value;
    const splitDate = date('delt');
    const split = splitDate.value;
    const successors = record.list('etterfolgere');
    if (splitDate.written && successors.length === 0)
      record.error('«etterfolgere» mangler: skriv fylkene som overtok etter delingen.', 'delt');
    if (!splitDate.written && successors.length > 0)
      record.error('«delt» mangler: skriv datoen fylket ble delt (ÅÅÅÅ-MM-DD).', 'etterfolgere');
    if (from !== undefined && split !== undefined && split <= from)
      record.error(
        `Datoene er i feil rekkefølge: ${county ?? 'fylket'} ble delt ${formatDate(split)}, men fantes først fra ${formatDate(from)}.`,
        'delt',
      );
    if (county === undefined || countyParty === undefined) continue;
    if (entries.some((entry) => sameCounty(entry.county, county)))
      record.error(`${county} står to ganger i «fylker».`, 'fylke');
    const entry: Entry = { record, county, countyParty, successors };
    if (from !== undefined) entry.from = from;
    if (split !== undefined) entry.split = split;
    if (problems() > before) faulty.add(entry);
    entries.push(entry);
  }
  const splits: CountySplit[] = [];
  for (const entry of entries) {
    if (entry.split === undefined) continue;
    const before = problems();
    const successors = entry.successors.flatMap((name): Entry[] => {
      const found = entries.find((other) => sameCounty(other.county, name));
      if (!found) {
        entry.record.error(
          `Etterfølgeren «${name}» finnes ikke: skriv den i «fylker» med sin fylkeskommune.`,
          'etterfolgere',
          name,
        );
        return [];
      }
      if (found === entry) {
        entry.record.error(`${entry.county} kan ikke være sin egen etterfølger.`, 'etterfolgere', name);
        return [];
      }
      if (found.from !== undefined && found.from !== entry.split)
        entry.record.error(
          `Datoene er i feil rekkefølge: ${found.county} fantes fra ${formatDate(found.from)}, men ${entry.county} ble delt ${formatDate(entry.split)}. En etterfølger finnes fra delingen.`,
          'etterfolgere',
          name,
        );
      if (found.split !== undefined && entry.split !== undefined && found.split <= entry.split)
        entry.record.error(
          `Datoene er i feil rekkefølge: etterfølgeren ${found.county} ble delt ${formatDate(found.split)}, før eller samme dag som ${entry.county} (${formatDate(entry.split)}).`,
          'etterfolgere',
          name,
        );
      return [found];
    });
    if (problems() > before || faulty.has(entry) || successors.some((found) => faulty.has(found))) continue;
    splits.push({
      county: entry.county,
      countyParty: entry.countyParty,
      on: entry.split,
      successors: successors.map(({ county, countyParty }) => ({ county, countyParty })),
    });
  }
  return { splits, messages: reader.finish().messages };
}

/** The split of a dissolved county; undefined for a county that was not split. */
export function splitOf(registry: CountyRegistry, county: string): CountySplit | undefined {
  return registry.splits.find((split) => sameCounty(split.county, county));
}

/** `county` as a successor of `dissolved`: the split and the successor; undefined when it is not one. */
export function succession(
  registry: CountyRegistry,
  dissolved: string,
  county: string,
): { split: CountySplit; successor: Successor } | undefined {
  const split = splitOf(registry, dissolved);
  const successor = split?.successors.find((candidate) => sameCounty(candidate.county, county));
  return split && successor ? { split, successor } : undefined;
}

/**
 * Whether `meta`, a successor's version from the split on, approves through its own county authority in place
 * of `party`, the dissolved county's authority that approved `approved`: only the successor's party whose
 * county the version is written for, and only for the dissolved county's own party.
 */
export function succeededParty(
  registry: CountyRegistry,
  party: string,
  approved: Pick<AgreementMeta, 'county'>,
  meta: AgreementMeta,
): boolean {
  const found = succession(registry, approved.county, meta.county);
  if (!found || found.split.countyParty !== party || meta.validFrom < found.split.on) return false;
  return meta.parties.some(
    (candidate) => candidate.id === found.successor.countyParty && candidate.partOf === undefined,
  );
}

/** «Videreført fra Kystfold og Heiane fylkeskommune, som ble delt 1. januar 2024». */
export function continuedFromText(split: CountySplit, authorityName: string): string {
  return `Videreført fra ${authorityName}, som ble delt ${formatDate(split.on)}`;
}

/** «Kystfold og Heiane fylkeskommune ble delt 1. januar 2024. Avtalen gjelder videre for Kystfold og Heiane …». */
export function splitText(split: CountySplit, authorityName: string): string {
  return `${authorityName} ble delt ${formatDate(split.on)}. Avtalen gjelder fra da for ${list(split.successors.map((successor) => successor.county))}, i hvert fylke til det har sin egen avtale som erstatter denne.`;
}

/** The county authority's name as an agreement of that county names it («Kystfold og Heiane fylkeskommune»). */
export function authorityName(split: CountySplit, parties?: AgreementMeta['parties']): string {
  return parties?.find((party) => party.id === split.countyParty)?.name ?? `${split.county} fylkeskommune`;
}

/** The registry at HEAD (none without the file), read once per HEAD. */
export class CountySplits {
  private readonly atHead: AtHead<CountyRegistry>;

  constructor(store: Store) {
    this.atHead = new AtHead(store, async (head) => {
      const text = head ? await store.readFile(countyRegistryPath) : undefined;
      return text === undefined ? noSplits : readCountyRegistry(text);
    });
  }

  current(): Promise<CountyRegistry> {
    return this.atHead.read();
  }
}

/** What an agreement's page and the API say about a split that concerns it, in Norwegian. */
export interface SuccessionNote {
  /** `split`: written for a county that was split later; `continued`: a successor's, continuing the dissolved one's. */
  kind: 'split' | 'continued';
  /** «Videreført fra Kystfold og Heiane fylkeskommune, som ble delt 1. januar 2024.» and what followed. */
  text: string;
  /** The dissolved county, its authority's party and the day of the split. */
  county: string;
  countyParty: string;
  splitOn: string;
  successors: string[];
  /** The successors' own agreements that replace the dissolved county's (`erstatter`), each from its first day. */
  replacedBy: { county: string; agreementId: string; title: string; from: string }[];
  /** The dissolved county's agreement a successor's replaces, when it is another agreement. */
  continues?: string;
}

/**
 * The split that concerns a version of an agreement: its county was split while it applied (it applies in each
 * successor until that successor's own agreement replaces it), or its county succeeded a dissolved one whose
 * text it continues (an earlier approved version of the same agreement, or the agreement it replaces).
 * `history` is the agreement's versions' metadata; `others` every agreement's newest metadata.
 */
export function successionNote(
  registry: CountyRegistry,
  meta: AgreementMeta,
  history: readonly AgreementMeta[],
  others: readonly AgreementMeta[],
): SuccessionNote | undefined {
  const approved = history.filter((version) => isApproved(version));
  const own = splitOf(registry, meta.county);
  if (own && (meta.validTo === undefined || meta.validTo >= own.on)) {
    const name = authorityName(own, meta.parties);
    const replacedBy = replacementsOf(own, meta.id, others);
    const continuedBy = own.successors.flatMap((successor) => {
      const first = approved
        .filter((version) => sameCounty(version.county, successor.county))
        .sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
      return first
        ? [`${successor.county} videreførte den med egen versjon fra ${formatDate(first.validFrom)}.`]
        : [];
    });
    const replaced = replacedBy.map(
      (item) =>
        `${item.county} har egen avtale fra ${formatDate(item.from)}: «${item.title}» (${item.agreementId}).`,
    );
    return {
      kind: 'split',
      text: [splitText(own, name), ...continuedBy, ...replaced].join(' '),
      ...noteFacts(own),
      replacedBy,
    };
  }
  for (const split of registry.splits) {
    if (!split.successors.some((successor) => sameCounty(successor.county, meta.county))) continue;
    const earlier = approved.find((version) => sameCounty(version.county, split.county));
    const replaced = meta.replaces ? others.find((other) => other.id === meta.replaces) : undefined;
    const inherits =
      replaced !== undefined &&
      (sameCounty(replaced.county, split.county) ||
        split.successors.some((successor) => sameCounty(successor.county, replaced.county)));
    if (!earlier && !inherits) continue;
    const name = authorityName(split, (earlier ?? replaced)?.parties);
    const lead = `${continuedFromText(split, name)}.`;
    const text =
      inherits && replaced
        ? `${lead} Erstatter «${replaced.title}» (${replaced.id}) for ${meta.county} fra ${formatDate(meta.validFrom)}.`
        : lead;
    return {
      kind: 'continued',
      text,
      ...noteFacts(split),
      replacedBy: [],
      ...(inherits && replaced ? { continues: replaced.id } : {}),
    };
  }
  return undefined;
}

function noteFacts(split: CountySplit) {
  return {
    county: split.county,
    countyParty: split.countyParty,
    splitOn: split.on,
    successors: split.successors.map((successor) => successor.county),
  };
}

/** The successors' approved agreements that replace agreement `id` (`erstatter`), in order of their first day. */
function replacementsOf(split: CountySplit, id: string, others: readonly AgreementMeta[]) {
  return others
    .filter(
      (other) =>
        other.replaces === id &&
        isApproved(other) &&
        split.successors.some((successor) => sameCounty(successor.county, other.county)),
    )
    .sort((a, b) => a.validFrom.localeCompare(b.validFrom))
    .map((other) => ({
      county: other.county,
      agreementId: other.id,
      title: other.title,
      from: other.validFrom,
    }));
}

/**
 * The newest approved version of an agreement (`versions` newest first) written for a county that was split: the
 * text that still applies in each successor that has neither continued it nor replaced it with its own.
 */
export function dissolvedCountyText<V extends { agreement: { meta: AgreementMeta } }>(
  registry: CountyRegistry,
  versions: readonly V[],
): { version: V; split: CountySplit } | undefined {
  for (const version of versions) {
    const split = isApproved(version.agreement.meta)
      ? splitOf(registry, version.agreement.meta.county)
      : undefined;
    if (split) return { version, split };
  }
  return undefined;
}
