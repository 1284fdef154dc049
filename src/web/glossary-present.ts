import type { SharedTerm } from '../domain/glossary-file.js';
import { slugOf } from '../format/ids.js';
import type { PlainMessage } from '../format/messages.js';

/** The id of a term on `/begreper` (`#begrep-ot`). */
export function termAnchor(term: string): string {
  return `begrep-${slugOf(term)}`;
}

/** The glossary page: every shared term with its anchor, and whether the person may change them. */
export function presentGlossaryPage(
  snapshot: { terms: readonly SharedTerm[]; messages: readonly PlainMessage[] },
  editable: boolean,
) {
  return {
    editable,
    terms: snapshot.terms.map((entry) => ({
      ...entry,
      anchor: termAnchor(entry.term),
      aliasText: entry.aliases.join(', '),
    })),
    problems: snapshot.messages
      .filter((message) => message.severity === 'error')
      .map((message) => `Linje ${message.line ?? 1}, kolonne ${message.column ?? 1}: ${message.message}`),
  };
}

/** The latest changes to a data file, newest first: when, who and why (the commit's first line). */
export function presentChanges(
  revisions: readonly { date: string; author: { name: string }; reason: string }[],
  count: number,
) {
  return revisions.slice(0, count).map((revision) => ({
    date: revision.date.slice(0, 10),
    author: revision.author.name,
    reason: revision.reason.split('\n')[0],
  }));
}
