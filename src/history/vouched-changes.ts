import type { Agreement } from '../format/types.js';
import { describeGlossaryChanges, describeMetaChanges } from './meta-changes.js';
import type { Change } from './types.js';

/**
 * Fields an approval round itself moves (`status`) or that decide no answer (`tittel`, `revideres`): not
 * vouched for by an approval (src/domain/vouched-content.ts says why).
 */
const notVouched = new Set(['status', 'title', 'reviewBy']);

/** What changed outside the clauses between two versions that an approval vouches for, in words. */
export function vouchedChanges(
  before: Pick<Agreement, 'meta' | 'glossary'>,
  after: Pick<Agreement, 'meta' | 'glossary'>,
): Change[] {
  return [
    ...describeMetaChanges(before.meta, after.meta).filter((change) => !notVouched.has(change.field)),
    ...describeGlossaryChanges(before.glossary, after.glossary),
  ];
}
