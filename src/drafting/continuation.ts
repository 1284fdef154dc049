import type { Document } from 'yaml';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { CountySplit, Successor } from '../domain/county-splits.js';
import { editFrontMatter } from '../domain/front-matter-edit.js';
import { splitFrontMatter } from '../format/front-matter.js';

/** The party-bearing attributes of a clause block (docs/format.md, «Clause attributes»). */
const partyAttribute = /(\b(?:ansvarlig|bistand|kostnad)=)("[^"]*"|[^\s}]+)/g;

/**
 * A dissolved county's agreement as the text a successor's editor continues from (docs/format.md, «Counties
 * that were split»): the successor's county, its county authority in place of the dissolved one — in the
 * parties, the contact roles and every clause that names it — and a first day on or after the split. Everything
 * else, the clauses' wording included, stays as the dissolved county wrote it; the editor changes what the
 * successor wants changed. The signatories are left out: they signed the dissolved county's text. Where the
 * county side names itself — the title, its units' names («OT i Dalheim»), its contact roles, the route for
 * unclear cases — the dissolved county's name becomes the successor's. It is a draft (`status: utkast`), and a
 * review date before its first day is left out for the successor to set.
 */
export function continuationText(
  markdown: string,
  split: CountySplit,
  successor: Successor,
  validFrom: string,
): string {
  const renamed = renameParty(split.countyParty, successor.countyParty);
  const countyName = new RegExp(`(?<!\\p{L})${escaped(split.county)}(?!\\p{L})`, 'gu');
  const retitled = (text: unknown) =>
    typeof text === 'string' ? text.replace(countyName, successor.county) : text;
  const oldTitle = parseDocument(splitFrontMatter(markdown)?.yaml ?? '').get('tittel');
  const newTitle = retitled(oldTitle);
  const edited = editFrontMatter(markdown, (document) => {
    document.set('tittel', newTitle);
    document.set('fylke', successor.county);
    document.set('status', 'utkast');
    document.set('gyldig-fra', validFrom);
    const review = document.get('revideres');
    if (typeof review === 'string' && review < validFrom) document.delete('revideres');
    if (document.has('eskalering')) document.set('eskalering', retitled(document.get('eskalering')));
    document.delete('signatarer');
    const countySide = new Set([split.countyParty]);
    for (const party of items(document, 'parter')) {
      if (party.get('id') === split.countyParty) {
        party.set('id', successor.countyParty);
        party.set('navn', `${successor.county} fylkeskommune`);
      }
      if (party.get('del-av') === split.countyParty) {
        countySide.add(String(party.get('id')));
        party.set('del-av', successor.countyParty);
        party.set('navn', retitled(party.get('navn')));
      }
    }
    for (const contact of items(document, 'kontakter')) {
      if (!countySide.has(String(contact.get('part')))) continue;
      if (contact.get('part') === split.countyParty) contact.set('part', successor.countyParty);
      contact.set('rolle', retitled(contact.get('rolle')));
      if (contact.has('beskrivelse')) contact.set('beskrivelse', retitled(contact.get('beskrivelse')));
    }
  });
  const end = splitFrontMatter(edited)?.bodyStart ?? 0;
  const body = edited
    .slice(end)
    .replace(/^:::ansvar.*$/gm, (line) =>
      line.replace(partyAttribute, (_, name: string, value: string) => name + renamed(value)),
    )
    // The heading that repeats the title follows it.
    .replace(/^# (.*)$/m, (line, heading: string) => (heading === oldTitle ? `# ${newTitle}` : line));
  return edited.slice(0, end) + body;
}

/** `text` matched literally in a regular expression (also with the `u` flag, where «\-» is an error). */
function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces one party id in an attribute value (`kh-fk`, `"nav-kh kh-fk"`, `"nav-kh:60 kh-fk:40"`). */
function renameParty(from: string, to: string): (value: string) => string {
  const id = new RegExp(`(^|[\\s"])${escaped(from)}(?=$|[\\s":])`, 'g');
  return (value) => value.replace(id, `$1${to}`);
}

/** The maps of a list in the front matter (`parter`, `kontakter`); none when it is absent. */
function items(document: Document, key: string) {
  const list = document.get(key);
  return isSeq(list) ? list.items.filter(isMap) : [];
}

/**
 * A successor's own agreement from the dissolved county's text, for a successor whose editor is shut out of the
 * file because another successor continued it (docs/format.md, «Counties that were split»): the continuation
 * above under its own `id`, replacing the dissolved county's agreement (`erstatter`) in that county from its
 * first day. The dissolved county's agreement goes on applying in the successors that have no own agreement.
 */
export function ownAgreementText(
  markdown: string,
  split: CountySplit,
  successor: Successor,
  validFrom: string,
  id: string,
): string {
  return editFrontMatter(continuationText(markdown, split, successor, validFrom), (document) => {
    const replaced = document.get('id');
    document.set('id', id);
    // The dissolved county's text may replace an earlier agreement of its own: this one replaces that text.
    if (document.has('erstatter')) return document.set('erstatter', replaced);
    // Beside the first day, from which it replaces the other.
    const pairs = isMap(document.contents) ? document.contents.items : [];
    const after = pairs.findIndex((pair) => isScalar(pair.key) && pair.key.value === 'gyldig-fra');
    pairs.splice(after + 1, 0, document.createPair('erstatter', replaced));
  });
}
