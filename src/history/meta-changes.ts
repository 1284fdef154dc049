import type { AgreementMeta, GlossaryEntry, Signatory } from '../format/types.js';
import { agreementKinds, agreementStatuses } from '../format/vocabulary.js';
import type { Change } from './types.js';
import { describePeriod, describeValueChange, formatDate, list, partyName, quote } from './wording.js';

function statusName(status: AgreementMeta['status']): string {
  return agreementStatuses[status] ?? status;
}

function signatoryText(meta: AgreementMeta, signatory: Signatory): string {
  const date = signatory.date ? `, ${formatDate(signatory.date)}` : '';
  return `${signatory.name} (${signatory.role}, ${partyName(meta, signatory.party)}${date})`;
}

/** Changes to the agreement's metadata, in plain Norwegian, most important first. */
export function describeMetaChanges(a: AgreementMeta, b: AgreementMeta): Change[] {
  const changes: Change[] = [];
  const push = (field: string, text: string | undefined, from?: string, to?: string) => {
    if (text !== undefined) changes.push({ field, category: 'meta', text, from, to });
  };

  if (a.status !== b.status) {
    push(
      'status',
      `Status endret fra ${statusName(a.status)} til ${statusName(b.status)}`,
      statusName(a.status),
      statusName(b.status),
    );
  }
  if (a.validFrom !== b.validFrom || a.validTo !== b.validTo) {
    const from = describePeriod(a.validFrom, a.validTo) || 'ikke oppgitt';
    const to = describePeriod(b.validFrom, b.validTo) || 'ikke oppgitt';
    push('validity', `Gyldighet endret fra ${from} til ${to}`, from, to);
  }
  const review = describeValueChange(a.reviewBy, b.reviewBy, formatDate);
  push('reviewBy', review && `Neste revisjon ${review}`, a.reviewBy, b.reviewBy);
  if (a.title !== b.title)
    push('title', `Tittel endret fra ${quote(a.title)} til ${quote(b.title)}`, a.title, b.title);
  if (a.kind !== b.kind) {
    push(
      'kind',
      `Avtaletype endret fra ${agreementKinds[a.kind]} til ${agreementKinds[b.kind]}`,
      a.kind,
      b.kind,
    );
  }
  const parent = describeValueChange(a.parent, b.parent);
  push('parent', parent && `Overordnet avtale ${parent}`, a.parent, b.parent);
  if (a.county !== b.county)
    push('county', `Fylke endret fra ${a.county} til ${b.county}`, a.county, b.county);
  const escalation = describeValueChange(a.escalation, b.escalation);
  push('escalation', escalation && `Eskalering for uklare saker ${escalation}`, a.escalation, b.escalation);

  // Parties, by id.
  const partiesA = new Map(a.parties.map((party) => [party.id, party]));
  const partiesB = new Map(b.parties.map((party) => [party.id, party]));
  for (const party of b.parties) {
    const before = partiesA.get(party.id);
    if (!before) {
      const part = party.partOf ? ` (del av ${partyName(b, party.partOf)})` : '';
      push(`party:${party.id}`, `Ny part: ${party.name}${part}`, undefined, party.name);
      continue;
    }
    if (before.name !== party.name) {
      push(
        `party:${party.id}`,
        `Parten ${quote(before.name)} har fått nytt navn: ${quote(party.name)}`,
        before.name,
        party.name,
      );
    }
    if (before.partOf !== party.partOf) {
      const from = before.partOf ? `del av ${partyName(a, before.partOf)}` : 'egen part';
      const to = party.partOf ? `del av ${partyName(b, party.partOf)}` : 'egen part';
      push(`party:${party.id}`, `${party.name}: endret fra ${from} til ${to}`, from, to);
    }
  }
  for (const party of a.parties) {
    if (!partiesB.has(party.id)) push(`party:${party.id}`, `Part fjernet: ${party.name}`, party.name);
  }

  // Signatories, by name.
  const signedA = new Map(a.signatories.map((signatory) => [signatory.name, signatory]));
  const signedB = new Map(b.signatories.map((signatory) => [signatory.name, signatory]));
  const added = b.signatories.filter((signatory) => !signedA.has(signatory.name));
  const removed = a.signatories.filter((signatory) => !signedB.has(signatory.name));
  if (added.length > 0)
    push('signatories', `Signert av ${list(added.map((signatory) => signatoryText(b, signatory)))}`);
  if (removed.length > 0) {
    push(
      'signatories',
      `Ikke lenger oppført som signatar: ${list(removed.map((signatory) => signatoryText(a, signatory)))}`,
    );
  }
  for (const signatory of b.signatories) {
    const before = signedA.get(signatory.name);
    if (!before) continue;
    if (
      before.role !== signatory.role ||
      before.party !== signatory.party ||
      before.date !== signatory.date
    ) {
      push(
        'signatories',
        `Signatar ${signatory.name} endret fra ${signatoryText(a, before)} til ${signatoryText(b, signatory)}`,
      );
    }
  }

  // Contact roles, by id.
  const contactsA = new Map(a.contacts.map((contact) => [contact.id, contact]));
  const contactsB = new Map(b.contacts.map((contact) => [contact.id, contact]));
  for (const contact of b.contacts) {
    const before = contactsA.get(contact.id);
    const text = `${contact.role} (${partyName(b, contact.party)})`;
    if (!before) push(`contact:${contact.id}`, `Ny kontaktrolle: ${text}`, undefined, text);
    else if (
      before.role !== contact.role ||
      before.party !== contact.party ||
      before.description !== contact.description
    ) {
      const old = `${before.role} (${partyName(a, before.party)})`;
      push(
        `contact:${contact.id}`,
        old === text
          ? `Kontaktrollen ${text} har ny beskrivelse`
          : `Kontaktrolle endret fra ${old} til ${text}`,
        old,
        text,
      );
    }
  }
  for (const contact of a.contacts) {
    if (!contactsB.has(contact.id)) {
      push(`contact:${contact.id}`, `Kontaktrolle fjernet: ${contact.role} (${partyName(a, contact.party)})`);
    }
  }
  if (a.example !== b.example)
    push('example', b.example ? 'Merket som eksempel' : 'Ikke lenger merket som eksempel');
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
