import type { AgreementMeta } from '../format/types.js';
import { situationFacets } from '../format/vocabulary.js';

/**
 * Norwegian wording for change descriptions. Dates, ages and party names come from `src/format/wording.ts`,
 * which is plain wording without HTTP, so pages, API and CLI say things the same way.
 */
export { describeAges, describePeriod, formatDate } from '../format/wording.js';

export function quote(text: string): string {
  return `«${text}»`;
}

/** `a`, `a og b`, `a, b og c`. */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} og ${items[items.length - 1]}`;
}

export function partyName(meta: AgreementMeta, id: string): string {
  return meta.parties.find((party) => party.id === id)?.name ?? id;
}

export function partyNames(meta: AgreementMeta, ids: readonly string[]): string {
  return ids.length === 0 ? 'ingen' : list(ids.map((id) => partyName(meta, id)));
}

export function contactName(meta: AgreementMeta, id: string): string {
  const contact = meta.contacts.find((candidate) => candidate.id === id);
  return contact ? `${contact.role} (${partyName(meta, contact.party)})` : id;
}

export function facetName(facet: string): string {
  return situationFacets[facet] ?? facet;
}

/** Elements of `to` not in `from` and of `from` not in `to`, in their own order. */
export function setChanges<T>(from: readonly T[], to: readonly T[]): { added: T[]; removed: T[] } {
  const before = new Set(from);
  const after = new Set(to);
  return { added: to.filter((item) => !before.has(item)), removed: from.filter((item) => !after.has(item)) };
}

/** "lagt til «a» og «b»; fjernet «c»" for a list attribute, undefined when nothing changed. */
export function describeSetChange(
  from: readonly string[],
  to: readonly string[],
  name: (item: string) => string,
): string | undefined {
  const { added, removed } = setChanges(from, to);
  const parts: string[] = [];
  if (added.length > 0) parts.push(`lagt til ${list(added.map((item) => quote(name(item))))}`);
  if (removed.length > 0) parts.push(`fjernet ${list(removed.map((item) => quote(name(item))))}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** "endret fra «a» til «b»", "satt til «b»" or "«a» er fjernet" for an optional value. */
export function describeValueChange(
  from: string | undefined,
  to: string | undefined,
  show: (value: string) => string = quote,
): string | undefined {
  if (from === to) return undefined;
  if (from === undefined) return `satt til ${show(to as string)}`;
  if (to === undefined) return `fjernet (var ${show(from)})`;
  return `endret fra ${show(from)} til ${show(to)}`;
}

/** Counts words in a text. */
export function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}
