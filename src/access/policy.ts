import type { AgreementMeta, Party } from '../format/types.js';
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
  if (side === 'nav') return register.navParties.some((party) => principal.parties.includes(party));
  const county = register.county.trim().toLocaleLowerCase('nb');
  return (
    principal.counties.some(
      (candidate) => candidate === everyCounty || candidate.trim().toLocaleLowerCase('nb') === county,
    ) ||
    (register.countyParty !== undefined && principal.parties.includes(register.countyParty))
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
  const county = agreement.county.trim().toLocaleLowerCase('nb');
  const isCounty = (candidate: string) =>
    candidate === everyCounty || candidate.trim().toLocaleLowerCase('nb') === county;
  if (principal.counties.some(isCounty)) return true;
  // OT is part of the county: an editor for the county may edit OT's agreements too.
  return agreement.parties.some(
    (party) =>
      principal.parties.includes(party.id) ||
      (party.partOf !== undefined && principal.parties.includes(party.partOf)),
  );
}

/** Of the parties whose approval a version needs (src/domain/approvals.ts), those the person approves for: their own. */
export function approvableParties(principal: Principal, required: Party[]): string[] {
  if (!principal.roles.includes('godkjenner')) return [];
  return required.map((party) => party.id).filter((id) => principal.parties.includes(id));
}

export function mayAdminister(principal: Principal): boolean {
  return principal.roles.includes('admin');
}
