import { type Person, type Store, StoreError } from '../store/store.js';
import { GjerdeError } from './errors.js';

/**
 * An administrator confirms an approval Gjerde did not record, after checking it with the parties (a paper
 * approval committed with plain git, or one from an instance without the shared key): the store's
 * confirmation commit says who and why (Store.confirmApproval, docs/security.md). Whether the person is an
 * administrator is the route's gate.
 */
export async function confirmApproval(
  store: Store,
  admin: Person,
  rev: string,
  reason: string,
): Promise<{ rev: string; confirmed: string }> {
  try {
    return await store.confirmApproval(rev, admin, reason);
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    if (error.code === 'not-found') throw new GjerdeError('not-found', error.message);
    if (error.code === 'no-change') throw new GjerdeError('conflict', error.message);
    throw new GjerdeError('invalid-input', error.message);
  }
}
