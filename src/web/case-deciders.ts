import { withPartyDirectory } from '../access/party-grants.js';
import { mayDecideCases } from '../access/policy.js';
import type { CaseEntry } from '../cases/cases.js';
import type { AgreementMeta } from '../format/types.js';
import type { Gjerde } from '../gjerde.js';

/**
 * Whether anybody can decide the cases of an agreement: a local account with the committee role whose
 * counties or parties cover it. With OpenID Connect the committee's members come from the provider's
 * claims at sign-in, which Gjerde cannot list, so it never says nobody.
 */
export async function nobodyDecides(gjerde: Gjerde, meta: AgreementMeta): Promise<boolean> {
  if (gjerde.config.oidc) return false;
  return !(await deciders(gjerde)).some((account) => mayDecideCases(account, meta));
}

/** The local accounts, with their party grants read against the agreements as they are now. */
async function deciders(gjerde: Gjerde) {
  const directory = await gjerde.partyDirectory.read();
  return (await gjerde.accounts.list()).map((account) => withPartyDirectory(account, directory));
}

/** The open cases that wait with nobody to decide them, oldest first (for the administrators). */
export async function casesNobodyDecides(gjerde: Gjerde): Promise<CaseEntry[]> {
  if (gjerde.config.oidc) return [];
  const accounts = await deciders(gjerde);
  const waiting: CaseEntry[] = [];
  for (const entry of await gjerde.cases.queue()) {
    const version = await gjerde.cases.agreementVersion(entry.case.agreementId).catch(() => undefined);
    if (version && !accounts.some((account) => mayDecideCases(account, version.agreement.meta)))
      waiting.push(entry);
  }
  return waiting;
}
