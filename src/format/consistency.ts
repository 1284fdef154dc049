import leven from 'leven';
import type { VFile } from 'vfile';
import { attributePoint } from './attributes.js';
import { agesOverlap } from './clauses.js';
import { reportError, reportWarning } from './messages.js';
import type { Agreement, Clause } from './types.js';

/** Checks that need the whole agreement: ids, party references, and clauses that contradict each other. */
export function checkConsistency(file: VFile, agreement: Agreement): void {
  const partyIds = new Set(agreement.meta.parties.map((party) => party.id));
  const contactIds = new Set(agreement.meta.contacts.map((contact) => contact.id));
  const seen = new Map<string, Clause>();
  for (const clause of agreement.clauses) {
    const at = clause.position;
    if (clause.id) {
      const earlier = seen.get(clause.id);
      if (earlier) {
        reportError(
          file,
          `Klausul-id «${clause.id}» er brukt før (linje ${earlier.position.line}). Hver klausul trenger sin egen id.`,
          attributePoint(file, at, 'id'),
          'clause-id',
        );
      } else seen.set(clause.id, clause);
    }
    // Without parties the front matter is missing or unreadable, and that is already reported:
    // every reference would be unknown, which would only hide the real problem.
    if (partyIds.size === 0) continue;
    // Every version of 20 years of agreements passes here when the lookup index is built: no lists or
    // functions are made for a clause whose references are all known.
    checkParty(file, clause, partyIds, clause.owner, 'ansvarlig');
    for (const { party } of clause.costShares ?? []) checkParty(file, clause, partyIds, party, 'kostnad');
    for (const party of clause.supporting) checkParty(file, clause, partyIds, party, 'bistand');
    checkOwnerNotSupporting(file, clause);
    if (clause.contact !== undefined && !contactIds.has(clause.contact)) {
      reportError(
        file,
        `Klausul «${clause.id}»: ukjent kontaktrolle «${clause.contact}» (se «kontakter» i metadata).`,
        attributePoint(file, at, 'kontakt'),
        'clause-attribute',
      );
    }
  }
  checkConflicts(file, agreement.clauses);
}

function checkParty(
  file: VFile,
  clause: Clause,
  partyIds: Set<string>,
  party: string | undefined,
  attribute: string,
): void {
  if (party === undefined || partyIds.has(party)) return;
  const near = meantParty([...partyIds], party);
  reportError(
    file,
    `Klausul «${clause.id}»: «${attribute}» viser til en ukjent part: «${party}».${near ? ` Mente du «${near}»?` : ''} Kjente parter: ${[...partyIds].join(', ')}.`,
    attributePoint(file, clause.position, attribute),
    'unknown-party',
  );
}

/**
 * The party a misspelt id most likely means: one or two letters off, and no more than a third of it (`ot` is
 * not a misspelt `fk`). Said of a clause's references and of a broken clause marker's alike.
 */
export function meantParty(parties: readonly string[], party: string): string | undefined {
  const allowed = Math.min(2, Math.floor(party.length / 3));
  let meant: { id: string; distance: number } | undefined;
  for (const id of parties) {
    const distance = leven(id, party);
    if (distance <= allowed && (!meant || distance < meant.distance)) meant = { id, distance };
  }
  return meant?.id;
}

/**
 * `ansvarlig=ot bistand="fk ot"` → a warning at `bistand`: the owner does not support itself, and the list of
 * those who support reads as if another party did (found in a plain-git commit that validated clean).
 */
function checkOwnerNotSupporting(file: VFile, clause: Clause): void {
  if (clause.owner === undefined || !clause.supporting.includes(clause.owner)) return;
  reportWarning(
    file,
    `Klausul «${clause.id}»: «${clause.owner}» er både ansvarlig og i «bistand». Den ansvarlige bistår ikke seg selv: fjern «${clause.owner}» fra «bistand».`,
    attributePoint(file, clause.position, 'bistand'),
    'owner-supports',
  );
}

/** Two settled clauses with the same situation and overlapping ages must not name different owners. */
function checkConflicts(file: VFile, clauses: Clause[]): void {
  const settled = clauses.filter((clause) => clause.status === 'settled' && clause.owner !== undefined);
  // Each clause's key once: compared pairwise, they were made again for every pair (a tenth of an index build).
  const keys = settled.map(keptSituationKey);
  for (const [index, clause] of settled.entries()) {
    const key = keys[index];
    if (!key) continue;
    let conflicting: Clause | undefined;
    for (let earlier = 0; earlier < index && !conflicting; earlier += 1) {
      const other = settled[earlier] as Clause;
      if (keys[earlier] === key && agesOverlap(other.ages, clause.ages) && other.owner !== clause.owner)
        conflicting = other;
    }
    if (conflicting) {
      reportError(
        file,
        `Klausul «${clause.id}» gir samme situasjon som «${conflicting.id}» (linje ${conflicting.position.line}) til en annen ansvarlig (${clause.owner} mot ${conflicting.owner}). Én situasjon skal ha én ansvarlig.`,
        clause.position,
        'clause-conflict',
      );
    }
  }
}

/** The situation as data: facets and keywords, order and case ignored. Empty when the clause has neither. */
export function situationKey(clause: Clause): string {
  if (clause.facets.length === 0 && clause.keywords.length === 0) return '';
  const facets = [...clause.facets].sort().join(' ');
  const keywords = clause.keywords
    .map((keyword) => keyword.toLowerCase())
    .sort()
    .join(',');
  return `${facets}|${keywords}`;
}

/**
 * `situationKey`, kept by the clause's facet and keyword lists, which the reader of stored versions shares
 * across every version a clause is unchanged in (a clause's lists are never changed once read): an index
 * build checks 8,000 versions of 25 clauses, and making each key again was 8 % of reading them.
 */
const keptKeys = new WeakMap<readonly string[], WeakMap<readonly string[], string>>();

function keptSituationKey(clause: Clause): string {
  let byKeywords = keptKeys.get(clause.facets);
  if (!byKeywords) {
    byKeywords = new WeakMap();
    keptKeys.set(clause.facets, byKeywords);
  }
  let key = byKeywords.get(clause.keywords);
  if (key === undefined) {
    key = situationKey(clause);
    byKeywords.set(clause.keywords, key);
  }
  return key;
}
