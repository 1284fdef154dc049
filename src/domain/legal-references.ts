/**
 * Outdated legal references: a table of provisions that were repealed or replaced (`felles/hjemler.yaml` in the
 * data repository, with its sources), and which clauses cite one of them in their `hjemmel`. Laws change
 * more often than agreements are revised: from 1 August 2024 «opplæringslova § 3-6» is § 9-4 of the new
 * act, and OT follows young people to 24, not 21. A clause in force that still cites the old provision is
 * flagged on the agreement page, in lookups, in `gjerde validate`, `gjerde due` and the review list.
 *
 * The table is read from the data repository at HEAD (kept until HEAD moves); a repository without one uses
 * the table that ships with Gjerde (`reference/hjemler.yaml`), which seeding commits into a new repository.
 */
import { readFileSync } from 'node:fs';
import { isIsoDate } from '../format/dates.js';
import type { PlainMessage } from '../format/messages.js';
import type { Agreement, Clause } from '../format/types.js';
import { formatDate } from '../format/wording.js';
import { AtHead } from '../store/at-head.js';
import type { Store } from '../store/store.js';
import { DataFileReader } from './data-file.js';

/** Where the table lives in the data repository. */
export const legalTablePath = 'felles/hjemler.yaml';

export interface Provision {
  /** As agreements write it: «opplæringslova § 3-6». */
  provision: string;
  /** Other ways of writing the same provision. */
  aliases: string[];
  /** First day it no longer applied; absent: checked and in force. */
  repealed?: string;
  /** What applies now; absent when not established. */
  replacedBy?: string;
  note?: string;
  sources: string[];
}

export interface LegalTable {
  provisions: Provision[];
  /** Problems with the file (line and column), in Norwegian; a provision with a problem is left out. */
  messages: PlainMessage[];
  /** `repository`: `felles/hjemler.yaml` at HEAD; `default`: the table that ships with Gjerde. */
  source: 'repository' | 'default';
}

/** A clause's `hjemmel` cites a provision that was repealed on the date. */
export interface RepealedCitation {
  provision: Provision & { repealed: string };
  /** One sentence: «Hjemmelen «…» er opphevet fra 1. august 2024; nå: …». */
  text: string;
}

const keys = ['hjemmel', 'også', 'opphevet', 'erstattet-av', 'merknad', 'kilder'] as const;

/** Reads the table; each problem is a message with line and column, and that provision is left out. */
export function readLegalTable(text: string, source: LegalTable['source'] = 'repository'): LegalTable {
  const reader = new DataFileReader(text, legalTablePath, ['hjemler']);
  if (reader.finish().ok && reader.value('hjemler') === undefined)
    reader.error('Tabellen må ha en liste «hjemler:».', undefined);
  const problems = () => reader.finish().messages.length;
  const provisions: Provision[] = [];
  for (const record of reader.records('hjemler', keys)) {
    const before = problems();
    const provision = record.text('hjemmel', { required: true });
    const repealed = record.text('opphevet');
    if (repealed !== undefined && !isIsoDate(repealed))
      record.error(
        `«opphevet» må være en dato (ÅÅÅÅ-MM-DD), ikke «${String(repealed).slice(0, 40)}».`,
        'opphevet',
      );
    const sources = record.list('kilder', { max: 500 });
    if (sources.length === 0) record.error('«kilder» mangler: skriv hvor det står (minst én kilde).');
    const replacedBy = record.text('erstattet-av');
    const note = record.text('merknad', { max: 1000 });
    const aliases = record.list('også');
    if (problems() > before || !provision) continue;
    provisions.push({
      provision,
      aliases,
      ...(repealed ? { repealed } : {}),
      ...(replacedBy ? { replacedBy } : {}),
      ...(note ? { note } : {}),
      sources,
    });
  }
  return { provisions, messages: reader.finish().messages, source };
}

/**
 * A reference in comparable form: lower case, «loven» as «lova» (bokmål and nynorsk name the same act), a
 * year in brackets left out, «§3-6» as «§ 3-6» and «§§ 66 og 68» as «§ 66 og 68» (so the first section
 * of a list is found), one space between words.
 */
function normalize(reference: string): string {
  return reference
    .toLowerCase()
    .normalize('NFC')
    .replace(/\((?:19|20)\d{2}\)/g, ' ')
    .replace(/loven\b/g, 'lova')
    .replace(/§+\s*/g, '§ ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `basis` cites `provision`: the words, then not more of a number («§ 14» is not «§ 14 a»). */
function cites(basis: string, provision: string): boolean {
  let from = 0;
  for (;;) {
    const index = basis.indexOf(provision, from);
    if (index < 0) return false;
    const before = basis.slice(0, index);
    const after = basis.slice(index + provision.length);
    const startsWord = index === 0 || !/[\p{L}\p{N}]$/u.test(before);
    const endsReference = !/^(?:[\p{L}\p{N}-]|\s[\p{L}](?![\p{L}]))/u.test(after);
    if (startsWord && endsReference) return true;
    from = index + 1;
  }
}

/** The repealed provisions a `hjemmel` cites, as of a date (a provision repealed later does not count yet). */
export function repealedCitations(
  table: LegalTable,
  legalBasis: string | undefined,
  date: string,
): RepealedCitation[] {
  if (!legalBasis) return [];
  const basis = normalize(legalBasis);
  const found: RepealedCitation[] = [];
  for (const provision of table.provisions) {
    const { repealed } = provision;
    if (!repealed || repealed > date) continue;
    if (![provision.provision, ...provision.aliases].some((written) => cites(basis, normalize(written))))
      continue;
    found.push({ provision: { ...provision, repealed }, text: repealedSentence({ ...provision, repealed }) });
  }
  return found;
}

function repealedSentence(provision: Provision & { repealed: string }): string {
  const now = provision.replacedBy
    ? `nå: ${provision.replacedBy}.`
    : 'hva som gjelder nå, er ikke fastslått.';
  return `Hjemmelen «${provision.provision}» er opphevet fra ${formatDate(provision.repealed)}; ${now}${provision.note ? ` ${provision.note}` : ''}`;
}

/** Clauses of an agreement whose `hjemmel` cites a provision repealed on the date. */
export function outdatedClauses(
  table: LegalTable,
  clauses: readonly Clause[],
  date: string,
): { clause: Clause; citations: RepealedCitation[] }[] {
  return clauses
    .map((clause) => ({ clause, citations: repealedCitations(table, clause.legalBasis, date) }))
    .filter((entry) => entry.citations.length > 0);
}

/**
 * Warnings for `gjerde validate`, at the `hjemmel=` of each clause that cites a repealed provision: as of
 * `date`, or, without one, on any day the agreement is to be in force (its `gyldig-fra` … `gyldig-til`).
 */
export function legalBasisWarnings(
  table: LegalTable,
  agreement: Agreement,
  markdown: string,
  date?: string,
): PlainMessage[] {
  const { validFrom, validTo } = agreement.meta;
  const lines = markdown.split('\n');
  const messages: PlainMessage[] = [];
  for (const clause of agreement.clauses) {
    for (const { provision, text } of repealedCitations(table, clause.legalBasis, date ?? '9999-12-31')) {
      // Checking a file: only a repeal before the agreement ends matters.
      if (!date && validTo && validTo < provision.repealed) continue;
      const line = clause.position.line;
      const column = (lines[line - 1]?.indexOf('hjemmel=') ?? -1) + 1 || clause.position.column;
      const when = !date && validFrom < provision.repealed ? ` Avtalen gjelder fortsatt da.` : '';
      messages.push({
        line,
        column,
        severity: 'warning',
        rule: 'legal-basis-repealed',
        message: `«${clause.title}»: ${text}${when}`,
      });
    }
  }
  return messages;
}

/** The table as in the data repository at HEAD, or the one that ships with Gjerde; read once per HEAD. */
export class LegalReferences {
  /** Read once per HEAD: every lookup answer notes the repealed provisions its clauses cite. */
  private readonly atHead: AtHead<LegalTable>;

  constructor(store: Store, defaultFile: string) {
    this.atHead = new AtHead(store, async (head) => {
      const text = head ? await store.readFile(legalTablePath) : undefined;
      return text === undefined
        ? readLegalTable(readFileSync(defaultFile, 'utf8'), 'default')
        : readLegalTable(text);
    });
  }

  current(): Promise<LegalTable> {
    return this.atHead.read();
  }
}
