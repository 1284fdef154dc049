import type { Agreements, AgreementVersion } from '../domain/agreements.js';
import { clauseSinceApproval } from '../domain/text-approval.js';
import type { LookupAnswer, LookupResult } from '../lookup/search.js';

/**
 * A lookup answer's results from a text no approval was registered for, each with its clause against the
 * last approved text (`approvalWarning.clause`): the card of a changed clause says what the parties
 * approved, the others that they read as approved. Only results with such a warning read another version:
 * an answer with none is returned as it is.
 */
export async function withLastApproved(agreements: Agreements, answer: LookupAnswer): Promise<LookupAnswer> {
  const loaded = new Map<string, Promise<AgreementVersion>>();
  const version = (id: string, rev: string) => {
    const key = `${id}@${rev}`;
    let found = loaded.get(key);
    if (!found) {
      found = agreements.get(id, { rev });
      loaded.set(key, found);
    }
    return found;
  };
  const compared = async (result: LookupResult): Promise<LookupResult> => {
    const warning = result.approvalWarning;
    if (!warning?.approved) return result;
    const [current, approved] = await Promise.all([
      version(result.agreementId, result.revision.rev),
      version(result.agreementId, warning.approved.rev),
    ]);
    return {
      ...result,
      approvalWarning: { ...warning, clause: clauseSinceApproval(result.clauseId, current, approved) },
    };
  };
  if (![...answer.results, ...answer.elsewhere].some((result) => result.approvalWarning?.approved))
    return answer;
  return {
    ...answer,
    results: await Promise.all(answer.results.map(compared)),
    elsewhere: await Promise.all(answer.elsewhere.map(compared)),
  };
}
