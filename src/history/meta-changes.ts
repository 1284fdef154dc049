import { signedBy } from '../domain/validity.js';
import type { AgreementMeta, GlossaryEntry, Signatory } from '../format/types.js';
import { agreementKinds, agreementStatuses } from '../format/vocabulary.js';
import type { Change } from './types.js';
import { describePeriod, describeValueChange, formatDate, partyName, quote } from './wording.js';

function statusName(status: AgreementMeta['status']): string {
  return agreementStatuses[status] ?? status;
}

/** «Direktør, NAV Fjordvik, 18. juni 2024»: the party only when the role does not name it already. */
function signatoryDetails(meta: AgreementMeta, signatory: Signatory): string {
  const party = partyName(meta, signatory.party);
  return [signatory.role, signatory.role.includes(party) ? '' : party, formatDate(signatory.date)]
    .filter(Boolean)
    .join(', ');
}

function signatoryText(meta: AgreementMeta, signatory: Signatory): string {
  return `${signatory.name} (${signatoryDetails(meta, signatory)})`;
}

/**
 * Changes to the agreement's metadata, in plain Norwegian, most important first; each with a label and the
 * values before and after as people read them, for a table of what changed.
 */
export function describeMetaChanges(a: AgreementMeta, b: AgreementMeta): Change[] {
  const changes: Change[] = [];
  const push = (field: string, label: string, text: string | undefined, from?: string, to?: string) => {
    if (text === undefined) return;
    const change: Change = { field, category: 'meta', label, text };
    if (from !== undefined) change.from = from;
    if (to !== undefined) change.to = to;
    changes.push(change);
  };

  if (a.status !== b.status) {
    push(
      'status',
      'Status',
      `Status endret fra ${statusName(a.status)} til ${statusName(b.status)}`,
      statusName(a.status),
      statusName(b.status),
    );
  }
  if (a.validFrom !== b.validFrom || a.validTo !== b.validTo) {
    const from = describePeriod(a.validFrom, a.validTo) || 'ikke oppgitt';
    const to = describePeriod(b.validFrom, b.validTo) || 'ikke oppgitt';
    push('validity', 'Gyldig', `Gyldighet endret fra ${from} til ${to}`, from, to);
  }
  const review = describeValueChange(a.reviewBy, b.reviewBy, formatDate);
  push(
    'reviewBy',
    'Neste revisjon',
    review && `Neste revisjon ${review}`,
    a.reviewBy && formatDate(a.reviewBy),
    b.reviewBy && formatDate(b.reviewBy),
  );
  if (a.title !== b.title)
    push('title', 'Tittel', `Tittel endret fra ${quote(a.title)} til ${quote(b.title)}`, a.title, b.title);
  if (a.kind !== b.kind) {
    const [from, to] = [agreementKinds[a.kind], agreementKinds[b.kind]];
    push('kind', 'Avtaletype', `Avtaletype endret fra ${from} til ${to}`, from, to);
  }
  const parent = describeValueChange(a.parent, b.parent);
  push('parent', 'Hører under', parent && `Overordnet avtale ${parent}`, a.parent, b.parent);
  if (a.county !== b.county)
    push('county', 'Fylke', `Fylke endret fra ${a.county} til ${b.county}`, a.county, b.county);
  const escalation = describeValueChange(a.escalation, b.escalation);
  push(
    'escalation',
    'Uklare saker tas til',
    escalation && `Eskalering for uklare saker ${escalation}`,
    a.escalation,
    b.escalation,
  );

  // Parties, by id.
  const partiesA = new Map(a.parties.map((party) => [party.id, party]));
  const partiesB = new Map(b.parties.map((party) => [party.id, party]));
  for (const party of b.parties) {
    const before = partiesA.get(party.id);
    if (!before) {
      const part = party.partOf ? ` (del av ${partyName(b, party.partOf)})` : '';
      push(`party:${party.id}`, 'Part', `Ny part: ${party.name}${part}`, undefined, `${party.name}${part}`);
      continue;
    }
    if (before.name !== party.name) {
      push(
        `party:${party.id}`,
        'Part',
        `Parten ${quote(before.name)} har fått nytt navn: ${quote(party.name)}`,
        before.name,
        party.name,
      );
    }
    if (before.partOf !== party.partOf) {
      const from = before.partOf ? `del av ${partyName(a, before.partOf)}` : 'egen part';
      const to = party.partOf ? `del av ${partyName(b, party.partOf)}` : 'egen part';
      push(
        `party:${party.id}`,
        `Part: ${party.name}`,
        `${party.name}: endret fra ${from} til ${to}`,
        from,
        to,
      );
    }
  }
  for (const party of a.parties) {
    if (!partiesB.has(party.id))
      push(`party:${party.id}`, 'Part', `Part fjernet: ${party.name}`, party.name, undefined);
  }

  // Signatories, by name, one row each: only an approved version is signed (a draft's `signatarer` are nobody's).
  const signedA = new Map(signedBy(a).map((signatory) => [signatory.name, signatory]));
  const signedB = new Map(signedBy(b).map((signatory) => [signatory.name, signatory]));
  for (const signatory of signedBy(b)) {
    const before = signedA.get(signatory.name);
    const label = `Signatar: ${signatory.name}`;
    const after = signatoryDetails(b, signatory);
    if (!before) {
      push('signatories', label, `Signert av ${signatoryText(b, signatory)}`, undefined, after);
      continue;
    }
    const old = signatoryDetails(a, before);
    if (old !== after || before.party !== signatory.party) {
      push(
        'signatories',
        label,
        `Signatar ${signatory.name} endret fra ${signatoryText(a, before)} til ${signatoryText(b, signatory)}`,
        old,
        after,
      );
    }
  }
  for (const signatory of signedBy(a)) {
    if (signedB.has(signatory.name)) continue;
    push(
      'signatories',
      `Signatar: ${signatory.name}`,
      `Ikke lenger oppført som signatar: ${signatoryText(a, signatory)}`,
      signatoryDetails(a, signatory),
      undefined,
    );
  }

  // Contact roles, by id.
  const contactsA = new Map(a.contacts.map((contact) => [contact.id, contact]));
  const contactsB = new Map(b.contacts.map((contact) => [contact.id, contact]));
  for (const contact of b.contacts) {
    const before = contactsA.get(contact.id);
    const text = `${contact.role} (${partyName(b, contact.party)})`;
    if (!before) push(`contact:${contact.id}`, 'Kontaktrolle', `Ny kontaktrolle: ${text}`, undefined, text);
    else if (
      before.role !== contact.role ||
      before.party !== contact.party ||
      before.description !== contact.description ||
      before.link !== contact.link
    ) {
      const old = `${before.role} (${partyName(a, before.party)})`;
      if (old !== text) {
        push(
          `contact:${contact.id}`,
          'Kontaktrolle',
          `Kontaktrolle endret fra ${old} til ${text}`,
          old,
          text,
        );
      } else if (before.description !== contact.description) {
        push(
          `contact:${contact.id}`,
          `Kontaktrolle: ${contact.role}`,
          `Kontaktrollen ${text} har ny beskrivelse`,
          before.description ?? '',
          contact.description ?? '',
        );
      }
      if (before.link !== contact.link) {
        const change = describeValueChange(before.link, contact.link);
        push(
          `contact:${contact.id}`,
          `Lenke for ${contact.role}`,
          `Lenken for å finne kontaktperson for ${text} er ${change}`,
          before.link,
          contact.link,
        );
      }
    }
  }
  for (const contact of a.contacts) {
    if (contactsB.has(contact.id)) continue;
    const text = `${contact.role} (${partyName(a, contact.party)})`;
    push(`contact:${contact.id}`, 'Kontaktrolle', `Kontaktrolle fjernet: ${text}`, text, undefined);
  }
  if (a.example !== b.example)
    push(
      'example',
      'Eksempel',
      b.example ? 'Merket som eksempel' : 'Ikke lenger merket som eksempel',
      a.example ? 'ja' : 'nei',
      b.example ? 'ja' : 'nei',
    );
  return changes;
}

/** Glossary changes by term: added, removed, new definition or other names. */
export function describeGlossaryChanges(a: GlossaryEntry[], b: GlossaryEntry[]): Change[] {
  const changes: Change[] = [];
  const before = new Map(a.map((entry) => [entry.term, entry]));
  const after = new Map(b.map((entry) => [entry.term, entry]));
  for (const entry of b) {
    const old = before.get(entry.term);
    if (!old) {
      changes.push({
        field: `term:${entry.term}`,
        category: 'glossary',
        text: `Nytt ord i ordlisten: ${quote(entry.term)}`,
      });
      continue;
    }
    if (old.definition !== entry.definition) {
      changes.push({
        field: `term:${entry.term}`,
        category: 'glossary',
        text: `Ordlisten: ${quote(entry.term)} har ny forklaring`,
        from: old.definition,
        to: entry.definition,
      });
    }
    if (old.aliases.join('|') !== entry.aliases.join('|')) {
      const from = old.aliases.join(', ') || 'ingen';
      const to = entry.aliases.join(', ') || 'ingen';
      changes.push({
        field: `term:${entry.term}`,
        category: 'glossary',
        text: `Ordlisten: andre navn for ${quote(entry.term)} endret fra ${from} til ${to}`,
        from,
        to,
      });
    }
  }
  for (const entry of a) {
    if (!after.has(entry.term)) {
      changes.push({
        field: `term:${entry.term}`,
        category: 'glossary',
        text: `Fjernet fra ordlisten: ${quote(entry.term)}`,
      });
    }
  }
  return changes;
}
