import { withPartyDirectory } from '../access/party-grants.js';
import { approvableParties } from '../access/policy.js';
import type { Party } from '../format/types.js';
import type { Gjerde } from '../gjerde.js';

/**
 * Of the parties an agreement awaits, those nobody can approve for: no local account with the approver role
 * holds the party in the agreement's county, so the agreement can never come into force. As for cases
 * (`case-deciders.ts`): with OpenID Connect the approvers come from the provider's claims at sign-in, which
 * Gjerde cannot list, so it never says nobody.
 */
export async function partiesNobodyApproves(
  gjerde: Gjerde,
  county: string,
  missing: readonly Party[],
): Promise<Party[]> {
  if (gjerde.config.oidc || missing.length === 0) return [];
  const directory = await gjerde.partyDirectory.read();
  const covered = new Set(
    (await gjerde.accounts.list()).flatMap((account) =>
      approvableParties(withPartyDirectory(account, directory), county, [...missing]),
    ),
  );
  return missing.filter((party) => !covered.has(party.id));
}
