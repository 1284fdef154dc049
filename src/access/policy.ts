import { type CountyRegistry, type Successor, splitOf } from '../domain/county-splits.js';
import type { AgreementMeta, Party } from '../format/types.js';
import { holdsParty, sameCounty } from './party-grants.js';
import type { Principal } from './principal.js';

/**
 * Who may do what (docs/security.md has the table of routes × roles). Reading, history and compare:
 * every signed-in person. Editing: editors, for agreements of their counties or parties. Approving:
 * approvers, for their own party. Users and settings: administrators.
 */

export type Scope = Pick<AgreementMeta, 'county' | 'parties'>;

export function mayDraft(principal: Principal): boolean {
  return principal.roles.includes('redaktor');
}

/** In `counties`, every county (e.g. a national editor, or the local operator using the CLI). */
export const everyCounty = '*';

/** An editor may change an agreement of one of their counties, or one their party is a party to. */
export function mayEdit(principal: Principal, agreement: Scope): boolean {
  return mayDraft(principal) && covers(principal, agreement);
}

/**
 * The successor counties (felles/fylker.yaml) of a dissolved county's agreement that this editor edits for, by
 * county or by the successor's county authority: they may continue its text as their county's own version
 * (docs/format.md, «Counties that were split»), never change it where it still governs the other successors.
 */
export function continuingSuccessors(
  principal: Principal,
  agreement: Scope,
  registry: CountyRegistry,
): Successor[] {
  const split = mayDraft(principal) ? splitOf(registry, agreement.county) : undefined;
  if (!split) return [];
  return split.successors.filter(
    (successor) =>
      principal.counties.some((county) => county === everyCounty || sameCounty(county, successor.county)) ||
      holdsParty(principal, successor.countyParty, successor.county),
  );
}

/**
 * The shared glossary is national and explains the words agreements use: any editor (the role that writes
 * agreements) may change it; every change is a commit in their name.
 */
export function mayEditGlossary(principal: Principal): boolean {
  return mayDraft(principal);
}

/**
 * A county's contact register (src/contacts): each side keeps its own people. The county side (OT, schools,
 * fagopplæring) is edited by editors for the county (`counties`) or for its county authority party; NAV's
 * side by editors for a NAV party in the register: the NAV office the contact works at or serves, or NAV in
 * the county.
 */
export function mayEditContacts(
  principal: Principal,
  register: { county: string; countyParty?: string; navParties: readonly string[] },
  side: 'fylkeskommune' | 'nav',
): boolean {
  if (!mayDraft(principal)) return false;
  if (principal.counties.includes(everyCounty)) return true;
  const holds = (party: string) => holdsParty(principal, party, register.county);
  if (side === 'nav') return register.navParties.some(holds);
  return (
    principal.counties.some((candidate) => sameCounty(candidate, register.county)) ||
    (register.countyParty !== undefined && holds(register.countyParty))
  );
}

/**
 * The NAV offices of a county's register and the municipalities each serves: both sides keep their contacts
 * against them, so an editor of either side changes them, and so does an administrator, who keeps the
 * organisation's facts as they keep its users (NAV offices are merged and renamed between agreements).
 */
export function mayEditOffices(
  principal: Principal,
  register: { county: string; countyParty?: string; navParties: readonly string[] },
): boolean {
  return (
    mayAdminister(principal) ||
    mayEditContacts(principal, register, 'nav') ||
    mayEditContacts(principal, register, 'fylkeskommune')
  );
}

/**
 * A member of the cooperation committee (samarbeidsutvalget) decides the unclear cases of the agreements
 * of their counties, or of agreements their party is a party to: the committee's scope is the agreement's.
 */
export function mayDecideCases(principal: Principal, agreement: Scope): boolean {
  return principal.roles.includes('utvalg') && covers(principal, agreement);
}

/** The agreement is in the person's scope: one of their counties, or one their party (or its part) is in. */
function covers(principal: Principal, agreement: Scope): boolean {
  const isCounty = (candidate: string) =>
    candidate === everyCounty || sameCounty(candidate, agreement.county);
  if (principal.counties.some(isCounty)) return true;
  const holds = (id: string) => holdsParty(principal, id, agreement.county);
  // OT is part of the county: an editor for the county may edit OT's agreements too.
  return agreement.parties.some(
    (party) => holds(party.id) || (party.partOf !== undefined && holds(party.partOf)),
  );
}

/** Of the parties whose approval a version needs (src/domain/approvals.ts), those the person approves for: their own. */
export function approvableParties(principal: Principal, county: string, required: Party[]): string[] {
  if (!principal.roles.includes('godkjenner')) return [];
  return required.map((party) => party.id).filter((id) => holdsParty(principal, id, county));
}

export function mayAdminister(principal: Principal): boolean {
  return principal.roles.includes('admin');
}
