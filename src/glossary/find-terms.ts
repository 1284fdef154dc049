/**
 * Where a glossary's terms occur in a text, so pages can mark them and explain them on request. A name is
 * found as a whole word (an acronym only in capitals: «OT», not «ot»); a name of four letters or more also
 * with a Norwegian ending («lærekandidaten», «samarbeidsutvalget»). The longest name wins («OT-klasse»
 * before «OT»), and each term is marked once per part of a page (`seen`).
 */

import { termKey } from '../domain/glossary-file.js';
import type { GlossaryEntry } from '../format/types.js';

export interface TermMatch<E extends GlossaryEntry> {
  start: number;
  end: number;
  entry: E;
}

const endings = ['ene', 'ens', 'ets', 'en', 'et', 'er', 'a', 's'];
const isAcronym = (name: string) => /^[\p{Lu}\d-]+$/u.test(name) && /\p{Lu}{2}/u.test(name);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class TermFinder<E extends GlossaryEntry = GlossaryEntry> {
  private readonly byName = new Map<string, { entry: E; acronym: boolean }>();
  private readonly pattern: RegExp | undefined;

  constructor(entries: readonly E[]) {
    for (const entry of entries)
      for (const name of [entry.term, ...entry.aliases]) {
        const key = termKey(name);
        if (key.length >= 2 && !this.byName.has(key))
          this.byName.set(key, { entry, acronym: isAcronym(name) });
      }
    const names = [...this.byName.entries()]
      .sort(([a], [b]) => b.length - a.length)
      .map(([key, { acronym }]) => {
        const name = escapeRegExp(key).replace(/ /g, '\\s+');
        return acronym || key.length < 4 ? name : `${name}(?:${endings.join('|')})?`;
      });
    if (names.length > 0)
      this.pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  }

  get empty(): boolean {
    return this.pattern === undefined;
  }

  /** The terms in `text`, in order; a term already in `seen` is skipped, and a found one added to it. */
  find(text: string, seen: Set<E> = new Set()): TermMatch<E>[] {
    if (!this.pattern) return [];
    const found: TermMatch<E>[] = [];
    for (const match of text.matchAll(this.pattern)) {
      const known = this.lookUp(match[0]);
      if (!known || seen.has(known.entry)) continue;
      if (known.acronym && match[0] !== match[0].toLocaleUpperCase('nb')) continue;
      seen.add(known.entry);
      found.push({ start: match.index, end: match.index + match[0].length, entry: known.entry });
    }
    return found;
  }

  private lookUp(written: string) {
    const key = termKey(written);
    const exact = this.byName.get(key);
    if (exact) return exact;
    for (const ending of endings)
      if (key.endsWith(ending)) {
        const stem = this.byName.get(key.slice(0, -ending.length));
        if (stem && !stem.acronym) return stem;
      }
    return undefined;
  }
}

/** A text as plain parts and marked terms, for a template to render. */
export function splitByTerms<E extends GlossaryEntry>(
  text: string,
  finder: TermFinder<E>,
  seen: Set<E>,
): ({ text: string } | { text: string; entry: E })[] {
  const parts: ({ text: string } | { text: string; entry: E })[] = [];
  let at = 0;
  for (const match of finder.find(text, seen)) {
    if (match.start > at) parts.push({ text: text.slice(at, match.start) });
    parts.push({ text: text.slice(match.start, match.end), entry: match.entry });
    at = match.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
