import type { Agreements, AgreementVersion } from '../domain/agreements.js';
import { clauseSinceApproval } from '../domain/text-approval.js';
import { vouchedChanges } from '../history/vouched-changes.js';
import type { CountyClause, NationalOverview } from '../lookup/national.js';
import type { LookupAnswer, LookupResult } from '../lookup/search.js';

/** A clause of an answer, with the warning its agreement's text carries. */
type Warned = Pick<LookupResult, 'agreementId' | 'clauseId' | 'approvalWarning'>;

/**
 * Each warned clause against the last approved text (`approvalWarning.clause`), its own version read as
 * `current` names it: one answer may name an agreement many times, so each version is read once.
 */
function lastApprovedReader(agreements: Agreements) {
  const loaded = new Map<string, Promise<AgreementVersion>>();
  const version = (id: string, at: { rev: string } | { at: string }) => {
    const key = `${id}@${'rev' in at ? at.rev : at.at}`;
    let found = loaded.get(key);
    if (!found) {
      found = agreements.get(id, at);
      loaded.set(key, found);
    }
    return found;
  };
  return async <T extends Warned>(item: T, current: { rev: string } | { at: string }): Promise<T> => {
    const warning = item.approvalWarning;
    if (!warning?.approved) return item;
    const [now, approved] = await Promise.all([
      version(item.agreementId, current),
      version(item.agreementId, { rev: warning.approved.rev }),
    ]);
    const clause = clauseSinceApproval(item.clauseId, now, approved);
    const outside = vouchedChanges(approved.agreement, now.agreement).map((change) => change.text);
    if (outside.length > 0) clause.outside = outside;
    return { ...item, approvalWarning: { ...warning, clause } };
  };
}

const hasApproved = (item: Warned | null) => Boolean(item?.approvalWarning?.approved);

/** What the parties last approved for a clause the unrecorded text changed, in words; undefined otherwise. */
export function lastApprovedWording(warning: LookupResult['approvalWarning']): string | undefined {
  const since = warning?.clause;
  if (!since?.changed) return undefined;
  return since.lastApproved ?? 'punktet fantes ikke i den godkjente teksten';
}

/**
 * A lookup answer's results from a text no approval was registered for, each with its clause against the
 * last approved text (`approvalWarning.clause`): the card of a changed clause says what the parties
 * approved, the others that they read as approved. Only results with such a warning read another version:
 * an answer with none is returned as it is.
 */
export async function withLastApproved(agreements: Agreements, answer: LookupAnswer): Promise<LookupAnswer> {
  if (![...answer.results, ...answer.elsewhere].some(hasApproved)) return answer;
  const compared = lastApprovedReader(agreements);
  const own = (result: LookupResult) => compared(result, { rev: result.revision.rev });
  return {
    ...answer,
    results: await Promise.all(answer.results.map(own)),
    elsewhere: await Promise.all(answer.elsewhere.map(own)),
  };
}

/**
 * The county comparison the same way: a county's clause from a text no approval was registered for says
 * what the parties last approved for it, as the lookup's card does. Each clause is of the version in force
 * on the overview's date.
 */
export async function nationalWithLastApproved(
  agreements: Agreements,
  overview: NationalOverview,
): Promise<NationalOverview> {
  if (!overview.rows.some((row) => hasApproved(row.answer) || row.local.some(hasApproved))) return overview;
  const compared = lastApprovedReader(agreements);
  const own = (clause: CountyClause) => compared(clause, { at: overview.date });
  return {
    ...overview,
    rows: await Promise.all(
      overview.rows.map(async (row) => ({
        ...row,
        answer: row.answer && (await own(row.answer)),
        local: await Promise.all(row.local.map(own)),
      })),
    ),
  };
}
