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
