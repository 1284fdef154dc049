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
  return !(await gjerde.accounts.list()).some((account) => mayDecideCases(account, meta));
}

/** The open cases that wait with nobody to decide them, oldest first (for the administrators). */
export async function casesNobodyDecides(gjerde: Gjerde): Promise<CaseEntry[]> {
  if (gjerde.config.oidc) return [];
  const accounts = await gjerde.accounts.list();
  const waiting: CaseEntry[] = [];
  for (const entry of await gjerde.cases.queue()) {
    const version = await gjerde.cases.agreementVersion(entry.case.agreementId).catch(() => undefined);
    if (version && !accounts.some((account) => mayDecideCases(account, version.agreement.meta)))
      waiting.push(entry);
  }
  return waiting;
}
