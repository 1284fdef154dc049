import type { Agreements } from '../domain/agreements.js';
import type { LookupAnswer, LookupResult } from '../lookup/search.js';

/** The commit that put an approved text back, as an answer names a revision. */
export type RevisionNamed = LookupResult['revision'];

/** A result whose clause is of an approved version a later commit put back byte for byte. */
export type RestoredResult = LookupResult & { restoredBy?: RevisionNamed };

/**
 * A lookup answer's results from a commit that put an approved text back byte for byte (a `git revert` of a
 * plain-git change; src/domain/restored-text.ts) name that approved version, as the agreement's page does,
 * with the commit that put it back in `restoredBy`: the card says «tekst som i revisjon X, gjenopprettet
 * <dato> av <hvem>». The lookup's index keeps no file bytes and so answers from the newest commit; each
 * revision an answer names is asked once.
 */
export async function withRestoredVersions(
  agreements: Agreements,
  answer: LookupAnswer,
): Promise<LookupAnswer & { results: RestoredResult[]; elsewhere: RestoredResult[] }> {
  const asked = new Map<string, Promise<RestoredResult['revision'] | undefined>>();
  const putBack = (result: LookupResult) => {
    const key = `${result.agreementId}@${result.revision.rev}`;
    let found = asked.get(key);
    if (!found) {
      found = agreements
        .versionPutBackBy(result.agreementId, result.revision.rev)
        .then(
          (revision) => revision && { rev: revision.rev, date: revision.date, author: revision.author.name },
        );
      asked.set(key, found);
    }
    return found;
  };
  const named = async (result: LookupResult): Promise<RestoredResult> => {
    const approved = await putBack(result);
    return approved ? { ...result, revision: approved, restoredBy: result.revision } : result;
  };
  return {
    ...answer,
    results: await Promise.all(answer.results.map(named)),
    elsewhere: await Promise.all(answer.elsewhere.map(named)),
  };
}
