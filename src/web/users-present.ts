import type { AccountSummary } from '../accounts/accounts.js';
import { signatoryParties } from '../domain/approvals.js';
import type { AgreementMeta } from '../format/types.js';

/**
 * What the user pages tell an administrator about who can approve: per party whose approval the
 * agreements need, the people who approve for it. Four eyes (docs/security.md) means nobody approves a
 * text they wrote, so a party with one approver cannot approve what that person drafted; with none it
 * cannot approve at all, and its agreements never come into force.
 */
export function presentApproverCoverage(
  agreements: readonly AgreementMeta[],
  accounts: readonly AccountSummary[],
  options: { selfApproval: boolean },
) {
  const parties = new Map<string, { name: string; counties: Set<string>; example: boolean }>();
  for (const meta of agreements) {
    for (const party of signatoryParties(meta)) {
      const known = parties.get(party.id) ?? { name: party.name, counties: new Set(), example: true };
      known.counties.add(meta.county);
      known.example &&= meta.example;
      parties.set(party.id, known);
    }
  }
  const short = [...parties]
    .map(([id, party]) => {
      const approvers = accounts
        .filter((account) => account.roles.includes('godkjenner') && account.parties.includes(id))
        .map((account) => account.name);
      return {
        id,
        ...party,
        counties: [...party.counties].sort((a, b) => a.localeCompare(b, 'nb')),
        approvers,
      };
    })
    .filter(
      (party) => party.approvers.length === 0 || (!options.selfApproval && party.approvers.length === 1),
    )
    .sort((a, b) => Number(a.example) - Number(b.example) || a.id.localeCompare(b.id, 'nb'))
    .map((party) => ({
      id: party.id,
      name: party.name,
      countyText: party.counties.join(', '),
      example: party.example,
      text:
        party.approvers.length === 0
          ? 'ingen kan godkjenne for denne parten ennå'
          : `bare ${party.approvers[0]} kan godkjenne, så det ${party.approvers[0]} selv skriver eller endrer, kan ingen godkjenne for parten`,
    }));
  return { short, shortOne: short.length === 1, selfApproval: options.selfApproval };
}

/**
 * The party ids and counties the agreements name, as a reminder of what to type. A party id is not unique
 * to a county (`ot`, `vgs` are used in several): each id is shown with its name in every county that uses
 * it, never under one agreement's name alone.
 */
export function presentKnownScope(agreements: readonly AgreementMeta[]) {
  const byId = new Map<string, Map<string, Set<string>>>();
  const counties = new Set<string>();
  for (const meta of agreements) {
    counties.add(meta.county);
    for (const party of meta.parties) {
      const inCounties = byId.get(party.id) ?? new Map<string, Set<string>>();
      inCounties.set(meta.county, (inCounties.get(meta.county) ?? new Set()).add(party.name));
      byId.set(party.id, inCounties);
    }
  }
  const byName = (a: string, b: string) => a.localeCompare(b, 'nb');
  return {
    counties: [...counties].sort(byName),
    parties: [...byId]
      .sort(([a], [b]) => byName(a, b))
      .map(([id, inCounties]) => ({
        id,
        shared: inCounties.size > 1,
        countyCount: inCounties.size,
        uses: [...inCounties]
          .sort(([a], [b]) => byName(a, b))
          .map(([county, names]) => ({ county, names: [...names].sort(byName).join(' / ') })),
      })),
  };
}
