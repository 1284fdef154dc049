import { type CountyRegistry, countyAuthorities, noSplits } from '../domain/county-splits.js';
import { partyKind } from '../format/party-kinds.js';
import type { AgreementMeta } from '../format/types.js';
import type { Principal } from './principal.js';

/**
 * A party grant names one party. Party ids are written by each county's agreement authors, so `ot` can be
 * Fjordvik's OT in one county and Dalheim's in another: an id that names different parties (different
 * names) in different counties is ambiguous, and only a grant qualified by county (`Dalheim/ot`) gives
 * rights over it. An unqualified grant of an ambiguous id gives no rights anywhere (fails closed); an id
 * with the same name everywhere (`nav-fjordvik`, one office serving two counties) works unqualified.
 */

/** The ids that name different parties in different counties, each with those counties. */
export interface PartyDirectory {
  ambiguous: ReadonlyMap<string, readonly string[]>;
  /** The party ids each county's agreements name, by county as written. */
  byCounty: ReadonlyMap<string, ReadonlySet<string>>;
  /** Each party id's name as the agreements write it, by county (the first agreement's, when they differ). */
  names: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The county authorities felles/fylker.yaml names, each party id with its county. */
  authorities?: ReadonlyMap<string, string>;
}

export function partyDirectory(
  agreements: readonly Pick<AgreementMeta, 'county' | 'parties'>[],
  registry: CountyRegistry = noSplits,
): PartyDirectory {
  const uses = new Map<string, Map<string, Set<string>>>();
  const names = new Map<string, Map<string, string>>();
  for (const meta of agreements) {
    const county = meta.county.trim();
    for (const party of meta.parties) {
      const named = names.get(party.id) ?? new Map<string, string>();
      if (!named.has(county)) named.set(county, party.name.trim());
      names.set(party.id, named);
      const counties = uses.get(party.id) ?? new Map<string, Set<string>>();
      counties.set(
        county,
        (counties.get(county) ?? new Set()).add(party.name.trim().toLocaleLowerCase('nb')),
      );
      uses.set(party.id, counties);
    }
  }
  const byCounty = new Map<string, Set<string>>();
  for (const [id, counties] of uses)
    for (const county of counties.keys()) byCounty.set(county, (byCounty.get(county) ?? new Set()).add(id));
  const ambiguous = new Map<string, string[]>();
  for (const [id, counties] of uses) {
    // Two counties that share no name for the id mean two different parties.
    const nameSets = [...counties.values()];
    const differ = nameSets.some((a) => nameSets.some((b) => ![...a].some((name) => b.has(name))));
    if (differ)
      ambiguous.set(
        id,
        [...counties.keys()].sort((a, b) => a.localeCompare(b, 'nb')),
      );
  }
  const authorities = countyAuthorities(registry);
  return { ambiguous, byCounty, names, authorities };
}

/**
 * A party's name for people, from the party directory: as the agreements of `county` write it, else as any
 * county's do when they all agree; the id only when no agreement names it (or the counties name it apart).
 */
export function partyNameOf(directory: PartyDirectory | undefined, id: string, county?: string): string {
  const byCounty = directory?.names.get(id);
  const inCounty = county === undefined ? undefined : byCounty?.get(county.trim());
  if (inCounty) return inCounty;
  const all = [...new Set(byCounty?.values() ?? [])];
  return all.length === 1 && !directory?.ambiguous.has(id) ? (all[0] as string) : id;
}

/**
 * Why a grant gives no rights, or undefined: a qualified grant whose county or party no agreement names, or
 * an unqualified grant of an ambiguous id (it would give nothing, so the admin is told which to give).
 */
export function grantProblem(directory: PartyDirectory, grant: string): string | undefined {
  const { county, party } = parseGrant(grant);
  if (county === undefined) {
    const counties = directory.ambiguous.get(party);
    if (!counties) return undefined;
    return `«${party}» er en annen part i hvert av fylkene ${listed(counties, 'og')}. Velg fylket: ${listed(
      counties.map((name) => qualifiedGrant(name, party)),
      'eller',
    )}.`;
  }
  const known = [...directory.byCounty].find(([candidate]) => sameCounty(candidate, county));
  if (!known) return `Ingen avtale gjelder fylket «${county}» (i «${grant}»).`;
  if (!known[1].has(party)) return `Ingen avtale i ${known[0]} har parten «${party}» (i «${grant}»).`;
  return undefined;
}

function listed(items: readonly string[], last: string): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

export interface PartyGrant {
  /** The county the grant is limited to; undefined for an unqualified grant. */
  county?: string;
  party: string;
}

/** `Dalheim/ot` → the party `ot` in Dalheim; `nav-fjordvik` → that id in every county where it means the same. */
export function parseGrant(grant: string): PartyGrant {
  const slash = grant.lastIndexOf('/');
  if (slash < 0) return { party: grant.trim() };
  return { county: grant.slice(0, slash).trim(), party: grant.slice(slash + 1).trim() };
}

export function qualifiedGrant(county: string, party: string): string {
  return `${county.trim()}/${party.trim()}`;
}

/** `dalheim/ot` and `Dalheim/ot` are the same grant: counties are compared as on the agreements. */
export function sameGrant(a: string, b: string): boolean {
  const [first, second] = [parseGrant(a), parseGrant(b)];
  return (
    first.party === second.party &&
    (first.county === undefined || second.county === undefined
      ? first.county === second.county
      : sameCounty(first.county, second.county))
  );
}

export function sameCounty(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('nb') === b.trim().toLocaleLowerCase('nb');
}

/**
 * Whether the person holds party `id` of an agreement in `county`: a grant for it qualified by that county,
 * or an unqualified grant of an id that is not ambiguous; never a county authority felles/fylker.yaml names, in
 * another county's agreement. Every party check in Gjerde goes through here.
 */
export function holdsParty(principal: Principal, id: string, county: string): boolean {
  // A county authority is its county's: its grant gives nothing over another county's agreement that names it.
  const home = principal.partyDirectory?.authorities?.get(id);
  if (home !== undefined && !sameCounty(home, county)) return false;
  return principal.parties.some((grant) => {
    const parsed = parseGrant(grant);
    if (parsed.party !== id) return false;
    if (parsed.county !== undefined) return sameCounty(parsed.county, county);
    return holdsAnywhere(principal, id);
  });
}

/** The person's unqualified grants among `ids` that give nothing because the id is ambiguous, with its counties. */
export function ambiguousGrants(
  principal: Principal,
  ids: readonly string[],
): Array<{ party: string; counties: readonly string[] }> {
  return principal.parties
    .filter((grant) => parseGrant(grant).county === undefined && ids.includes(grant))
    .filter((grant) => !holdsAnywhere(principal, grant))
    .map((grant) => ({ party: grant, counties: principal.partyDirectory?.ambiguous.get(grant) ?? [] }));
}

/**
 * The person's default scope for reading (the lookup): their counties with those of county-qualified
 * grants, and the party ids they hold wherever those appear (unqualified, not ambiguous).
 */
export function readingScope(principal: Principal): { counties: string[]; parties: string[] } {
  const grants = principal.parties.map(parseGrant);
  return {
    counties: [
      ...new Set([
        ...principal.counties,
        ...grants.flatMap((grant) => (grant.county === undefined ? [] : [grant.county])),
      ]),
    ],
    parties: grants
      .filter((grant) => grant.county === undefined && holdsAnywhere(principal, grant.party))
      .map((grant) => grant.party),
  };
}

/**
 * The counties where the person works on the county's side (the county authority, OT, a school): those whose
 * agreements name a party the person holds that is not NAV.
 */
export function countySideCounties(principal: Principal): string[] {
  const byCounty = principal.partyDirectory?.byCounty ?? new Map<string, ReadonlySet<string>>();
  // From the person's grants, not each county's parties: asked on every lookup, and reading the kind of
  // each of a county's parties (regular expressions) cost a fifth of a millisecond at 660 parties.
  const held = principal.parties.map((grant) => parseGrant(grant).party);
  return [...byCounty]
    .filter(([county, ids]) =>
      held.some(
        (id) => ids.has(id) && holdsParty(principal, id, county) && partyKind({ id, name: '' }) !== 'nav',
      ),
    )
    .map(([county]) => county)
    .sort((a, b) => a.localeCompare(b, 'nb'));
}

/** An unqualified grant of `id` holds it in every county; without a directory nothing says so (fails closed). */
function holdsAnywhere(principal: Principal, id: string): boolean {
  return principal.partyDirectory !== undefined && !principal.partyDirectory.ambiguous.has(id);
}

/** The person as the agreements are now: their grants read against the current directory of parties. */
export function withPartyDirectory(principal: Principal, directory: PartyDirectory): Principal {
  return { ...principal, partyDirectory: directory };
}
