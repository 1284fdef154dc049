/**
 * What an approval vouches for (docs/format.md, «Samme tekst»): not only the clauses but everything of a
 * version that a reader is shown or that decides whom, where and when an answer applies. A plain-git commit
 * that keeps `status: godkjent` and changes any of it is as unapproved as a changed clause: a party's name
 * is what «Ansvarlig» prints, the county and the served places choose the agreement for a question, the
 * period places it in time (an approval never applies backwards), `eskalering` and the contact roles are
 * printed on the card, the glossary decides which words a question matches.
 *
 * Left out, each for a reason: `status` (moved by the approval round itself: godkjent, later erstattet and
 * utlopt), `tittel` and `revideres` (name the document and its next review; they decide no answer), `id`
 * (a rename is followed), the prose outside the clauses other than the places a local agreement serves, and
 * formatting. `signatarer` is in: an approval writes them on the commit that records it, so a later
 * unrecorded version with other signatories claims signatures nobody gave. A `gyldig-til` a successor's
 * approval sets (`erstatter`) is on a commit that records that approval, so it is never unrecorded.
 */
import type { Agreement, AgreementMeta, GlossaryEntry } from '../format/types.js';
import { clauseContent } from './text-approval.js';

/** The parts, in the order a warning names them, each with the word it names it by (a definite plural/singular). */
export const vouchedParts = {
  clauses: 'ansvarspunktene',
  parties: 'partene',
  county: 'fylket',
  area: 'området avtalen gjelder',
  kind: 'avtaletypen eller den overordnede avtalen',
  period: 'gyldighetsperioden',
  escalation: 'eskaleringen',
  contacts: 'kontaktrollene',
  signatories: 'signatarene',
  example: 'eksempelmerket',
  glossary: 'ordlisten',
} as const;

export type VouchedPart = keyof typeof vouchedParts;

type Vouched = Pick<Agreement, 'meta' | 'clauses' | 'glossary'>;

const sorted = <T>(values: readonly T[], key: (value: T) => string): T[] =>
  [...values].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

const folded = (text: string | undefined) => (text ?? '').replace(/\s+/gu, ' ').trim();

/** Each front-matter part, kept per meta object: the lookup index shares a version's meta. */
const metaParts = new WeakMap<AgreementMeta, Record<Exclude<VouchedPart, 'clauses' | 'glossary'>, unknown>>();

function partsOfMeta(meta: AgreementMeta) {
  let parts = metaParts.get(meta);
  if (parts === undefined) {
    parts = {
      parties: sorted(meta.parties, (party) => party.id).map((party) => [
        party.id,
        folded(party.name),
        party.partOf ?? null,
      ]),
      // As the lookup reads a county: case and spacing are not another county.
      county: folded(meta.county).toLocaleLowerCase('nb'),
      area: sorted(meta.served ?? [], (place) => place),
      kind: [meta.kind, meta.parent ?? null, meta.replaces ?? null],
      period: [meta.validFrom, meta.validTo ?? null],
      escalation: folded(meta.escalation),
      contacts: sorted(meta.contacts, (contact) => contact.id).map((contact) => [
        contact.id,
        folded(contact.role),
        contact.party,
        folded(contact.description),
        contact.link ?? null,
      ]),
      signatories: sorted(
        meta.signatories.map((signatory) => [
          folded(signatory.name),
          folded(signatory.role),
          signatory.party,
          signatory.date ?? null,
        ]),
        (entry) => JSON.stringify(entry),
      ),
      example: meta.example,
    };
    metaParts.set(meta, parts);
  }
  return parts;
}

function glossaryPart(glossary: readonly GlossaryEntry[]): unknown {
  return sorted(glossary, (entry) => entry.term).map((entry) => [
    folded(entry.term),
    [...entry.aliases].map(folded).sort(),
    folded(entry.definition),
  ]);
}

/**
 * The vouched-for content of a version as one string, one line per part (`part` TAB value): equal strings
 * are the same agreement as far as an approval goes; `changedParts` names the lines that differ.
 */
export function vouchedContent(agreement: Vouched): string {
  const meta = partsOfMeta(agreement.meta);
  const values: Record<VouchedPart, unknown> = {
    clauses: clauseContent(agreement.clauses),
    ...meta,
    glossary: glossaryPart(agreement.glossary),
  };
  return (Object.keys(vouchedParts) as VouchedPart[])
    .map(
      (part) => `${part}\t${typeof values[part] === 'string' ? values[part] : JSON.stringify(values[part])}`,
    )
    .join('\n');
}

/** The parts two vouched-for contents differ in, in `vouchedParts`' order. */
export function changedParts(before: string, after: string): VouchedPart[] {
  const lines = (content: string) =>
    new Map(content.split('\n').map((line) => [line.slice(0, line.indexOf('\t')), line] as const));
  const [a, b] = [lines(before), lines(after)];
  return (Object.keys(vouchedParts) as VouchedPart[]).filter((part) => a.get(part) !== b.get(part));
}
