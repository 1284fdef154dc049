/**
 * A text that leaves out a clause the parties approved (`clause-removed`, a warning): a clause can vanish
 * without anyone meaning it (a typo in its opening line used to make it text; a paste over it; an id
 * renamed), and once the text is approved, the lookup, links to the clause and cases about it lose it.
 * Leaving one out may be meant (a clause moved to a sub-agreement, a task that ended), so it is said, not
 * refused; an id renamed is said too, since the id is what links, history and cases name.
 */
import type { PlainMessage } from '../format/messages.js';
import type { Agreement } from '../format/types.js';

/** One warning per clause of `approved` whose id `agreement` does not have, at the front matter's `id:`. */
export function removedClauseWarnings(
  markdown: string,
  agreement: Agreement,
  approved: Agreement | undefined,
): PlainMessage[] {
  if (!approved) return [];
  const kept = new Set(agreement.clauses.map((clause) => clause.id));
  const removed = approved.clauses.filter((clause) => !kept.has(clause.id));
  if (removed.length === 0) return [];
  const line = markdown.split('\n').findIndex((text) => /^id:/.test(text)) + 1 || 1;
  return removed.map((clause) => ({
    line,
    column: 1,
    severity: 'warning',
    rule: 'clause-removed',
    message: `Punktet «${clause.title}» (${clause.id}) står i den godkjente versjonen, men ikke i denne teksten. Blir teksten godkjent slik, svarer punktet ikke lenger på oppslag, og lenker og saker til det finner det ikke. Har punktet fått ny id, bruk den gamle («${clause.id}»).`,
  }));
}
