import {
  grantProblem,
  holdsParty,
  type PartyDirectory,
  qualifiedGrant,
  sameGrant,
  withPartyDirectory,
} from '../access/party-grants.js';
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
  directory: PartyDirectory,
  accounts: readonly AccountSummary[],
  options: { selfApproval: boolean },
) {
  // An id that names different parties in different counties is one party per county.
  const parties = new Map<string, { id: string; name: string; counties: Set<string>; example: boolean }>();
  for (const meta of agreements) {
    for (const party of signatoryParties(meta)) {
      const key = directory.ambiguous.has(party.id) ? qualifiedGrant(meta.county, party.id) : party.id;
      const known = parties.get(key) ?? {
        id: party.id,
        name: party.name,
        counties: new Set(),
        example: true,
      };
      known.counties.add(meta.county);
      known.example &&= meta.example;
      parties.set(key, known);
    }
  }
  const approversOf = accounts
    .filter((account) => account.roles.includes('godkjenner'))
    .map((account) => withPartyDirectory(account, directory));
  const short = [...parties.values()]
    .map((party) => {
      const approvers = approversOf
        .filter((account) => [...party.counties].every((county) => holdsParty(account, party.id, county)))
        .map((account) => account.name);
      return {
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
  return {
    short,
    shortOne: short.length === 1,
    allExamples: short.length > 0 && short.every((party) => party.example),
    groups: byCounty(short),
    selfApproval: options.selfApproval,
  };
}

/**
 * The parties short of approvers by county, so a fresh start's thirteen example parties are a few lines
 * to open rather than one long list. A county whose parties are all in example agreements is closed; one
 * with a real agreement's party is open, since its agreements cannot come into force until it is fixed.
 */
function byCounty<T extends { countyText: string; example: boolean }>(parties: readonly T[]) {
  const groups = new Map<string, T[]>();
  for (const party of parties) groups.set(party.countyText, [...(groups.get(party.countyText) ?? []), party]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'nb'))
    .map(([county, members]) => {
      const example = members.every((party) => party.example);
      return {
        county,
        count: members.length,
        one: members.length === 1,
        example,
        open: !example || groups.size === 1,
        // Marked one by one only where a county mixes example and real agreements' parties.
        parties: members.map((party) => ({ ...party, exampleMark: party.example && !example })),
      };
    });
}

/**
 * The party ids and counties the agreements name, as a reminder of what to type. A party id is not unique
 * to a county (`ot`, `vgs` are used in several): each id is shown with its name in every county that uses
 * it, never under one agreement's name alone. An id that names different parties in different counties is
 * chosen per county (check boxes for `Dalheim/ot`, src/access/party-grants.ts); the account's other grants
 * (`typed`) stay in the text field.
 */
export function presentKnownScope(
  agreements: readonly AgreementMeta[],
  directory: PartyDirectory,
  grants: readonly string[] = [],
) {
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
  const parties = [...byId]
    .sort(([a], [b]) => byName(a, b))
    .map(([id, inCounties]) => ({
      id,
      ambiguous: directory.ambiguous.has(id),
      shared: inCounties.size > 1 && !directory.ambiguous.has(id),
      countyCount: inCounties.size,
      uses: [...inCounties]
        .sort(([a], [b]) => byName(a, b))
        .map(([county, names]) => {
          const grant = qualifiedGrant(county, id);
          return {
            county,
            names: [...names].sort(byName).join(' / '),
            grant,
            checked: grants.some((given) => sameGrant(given, grant)),
          };
        }),
    }));
  const choices = parties.filter((party) => party.ambiguous);
  const chosen = choices.flatMap((party) => party.uses.map((use) => use.grant));
  return {
    counties: [...counties].sort(byName),
    parties,
    choices,
    typed: grants.filter((given) => !chosen.some((grant) => sameGrant(given, grant))).join(', '),
  };
}

/**
 * Accounts with a grant that gives nothing: an unqualified id that now names a different party in each
 * county (given before the rule, or before a second county used the id), or a county-qualified grant no
 * agreement names any more. Nothing else would tell the person why they can do nothing for that party.
 */
export function presentGrantsGivingNothing(directory: PartyDirectory, accounts: readonly AccountSummary[]) {
  return accounts.flatMap((account) => {
    const problems = account.parties.flatMap((grant) => grantProblem(directory, grant) ?? []);
    return problems.length > 0 ? [{ username: account.username, name: account.name, problems }] : [];
  });
}
