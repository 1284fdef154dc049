import type { Document } from 'yaml';
import { isMap, isSeq } from 'yaml';
import type { CountySplit, Successor } from '../domain/county-splits.js';
import { editFrontMatter } from '../domain/front-matter-edit.js';
import { frontMatterPattern } from '../format/front-matter.js';

/** The party-bearing attributes of a clause block (docs/format.md, «Clause attributes»). */
const partyAttribute = /(\b(?:ansvarlig|bistand|kostnad)=)("[^"]*"|[^\s}]+)/g;

/**
 * A dissolved county's agreement as the text a successor's editor continues from (docs/format.md, «Counties
 * that were split»): the successor's county, its county authority in place of the dissolved one — in the
 * parties, the contact roles and every clause that names it — and a first day on or after the split. Everything
 * else, the clauses' wording included, stays as the dissolved county wrote it; the editor changes what the
 * successor wants changed. The signatories are left out: they signed the dissolved county's text.
 */
export function continuationText(
  markdown: string,
  split: CountySplit,
  successor: Successor,
  validFrom: string,
): string {
  const renamed = renameParty(split.countyParty, successor.countyParty);
  const edited = editFrontMatter(markdown, (document) => {
    document.set('fylke', successor.county);
    document.set('gyldig-fra', validFrom);
    document.delete('signatarer');
    for (const party of items(document, 'parter')) {
      if (party.get('id') === split.countyParty) {
        party.set('id', successor.countyParty);
        party.set('navn', `${successor.county} fylkeskommune`);
      }
      if (party.get('del-av') === split.countyParty) party.set('del-av', successor.countyParty);
    }
    for (const contact of items(document, 'kontakter')) {
      if (contact.get('part') === split.countyParty) contact.set('part', successor.countyParty);
    }
  });
  const end = frontMatterPattern.exec(edited)?.[0].length ?? 0;
  const body = edited
    .slice(end)
    .replace(/^:::ansvar.*$/gm, (line) =>
      line.replace(partyAttribute, (_, name: string, value: string) => name + renamed(value)),
    );
  return edited.slice(0, end) + body;
}

/** Replaces one party id in an attribute value (`kh-fk`, `"nav-kh kh-fk"`, `"nav-kh:60 kh-fk:40"`). */
function renameParty(from: string, to: string): (value: string) => string {
  const id = new RegExp(`(^|[\\s"])${from.replace(/[-.]/g, '\\$&')}(?=$|[\\s":])`, 'g');
  return (value) => value.replace(id, `$1${to}`);
}

/** The maps of a list in the front matter (`parter`, `kontakter`); none when it is absent. */
function items(document: Document, key: string) {
  const list = document.get(key);
  return isSeq(list) ? list.items.filter(isMap) : [];
}
