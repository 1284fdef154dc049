import { approvableParties, everyCounty, mayDraft, mayEdit, type Scope } from '../access/policy.js';
import { type Principal, roleLabels } from '../access/principal.js';
import { GjerdeError } from '../domain/errors.js';
import type { AgreementMeta } from '../format/types.js';

/**
 * The access policy (src/access/policy.ts) applied to one agreement, with the reason in words when it
 * says no: the same sentence on a page that has nothing to offer the person, and in the 403 when they
 * try anyway. The drafting service checks every write here, so no route can forget it.
 */

const askAdmin = 'Be en administrator om tilgang hvis du trenger det.';

/** «Fjordvik (NAV Fjordvik og Fjordvik fylkeskommune)»: the county and the parties that sign. */
function describeAgreement(agreement: Scope): string {
  const parties = agreement.parties.filter((party) => party.partOf === undefined).map((party) => party.name);
  const county = agreement.county.trim() || 'et fylke som ikke er oppgitt';
  return parties.length > 0 ? `${county} (${listOf(parties)})` : county;
}

/** «Nordfylket og avtaler der nav-nordfylket er part»: what the person is editor for. */
function describeScope(actor: Principal): string {
  const counties = actor.counties.map((county) => (county === everyCounty ? 'alle fylker' : county));
  const parts = [...counties];
  if (actor.parties.length > 0) parts.push(`avtaler der ${listOf(actor.parties)} er part`);
  return parts.length > 0 ? listOf(parts) : 'ingen fylker eller parter ennå';
}

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} og ${items.at(-1)}`;
}

function roleRefusal(actor: Principal, lead: string): string | undefined {
  return mayDraft(actor) ? undefined : `${lead}: du har ikke rollen ${roleLabels.redaktor}. ${askAdmin}`;
}

function scopeRefusal(actor: Principal, agreement: Scope, lead: string): string | undefined {
  const refusal = roleRefusal(actor, lead);
  if (refusal || mayEdit(actor, agreement)) return refusal;
  return `${lead}: den gjelder ${describeAgreement(agreement)}, og du er redaktør for ${describeScope(actor)}. ${askAdmin}`;
}

/** Writing agreements at all: editors only. */
export function checkMayDraft(actor: Principal): void {
  const refusal = roleRefusal(actor, 'Du kan ikke skrive avtaler');
  if (refusal) throw new GjerdeError('forbidden', refusal);
}

/** Why this person may not change this agreement (edit, send to approval), or undefined when they may. */
export function editRefusal(actor: Principal, agreement: Scope): string | undefined {
  return scopeRefusal(actor, agreement, 'Du kan ikke endre denne avtalen');
}

export function checkMayEdit(actor: Principal, agreement: Scope): void {
  const refusal = editRefusal(actor, agreement);
  if (refusal) throw new GjerdeError('forbidden', refusal);
}

/**
 * The text that would be saved must be in the editor's scope too: nobody creates an agreement outside
 * it, or moves one out of it by changing its county or parties.
 */
export function checkMaySave(actor: Principal, result: Scope, isNew: boolean): void {
  const refusal = scopeRefusal(
    actor,
    result,
    isNew ? 'Du kan ikke lage denne avtalen' : 'Du kan ikke lagre avtalen med dette fylket og disse partene',
  );
  if (refusal) throw new GjerdeError('forbidden', refusal);
}

/** Why this person cannot approve this agreement for any party, or undefined when they can for one. */
export function approvalRefusal(actor: Principal, meta: AgreementMeta): string | undefined {
  if (!actor.roles.includes('godkjenner')) {
    return `Du kan ikke godkjenne avtaler: du har ikke rollen ${roleLabels.godkjenner}. ${askAdmin}`;
  }
  if (approvableParties(actor, meta).length > 0) return undefined;
  return `Du representerer ingen av partene som godkjenner denne avtalen (${describeAgreement(meta)}). Hver part godkjenner selv, ved sin egen representant.`;
}

/**
 * An approval for `partyId` by this person. A party that is not a signatory of the agreement (unknown,
 * or part of another) is left to the lifecycle, which says which party approves instead.
 */
export function checkMayApprove(actor: Principal, meta: AgreementMeta, partyId: string): void {
  const refusal = approvalRefusal(actor, meta);
  if (refusal) throw new GjerdeError('forbidden', refusal);
  const party = meta.parties.find((candidate) => candidate.id === partyId && candidate.partOf === undefined);
  const own = approvableParties(actor, meta);
  if (!party || own.includes(party.id)) return;
  const ownNames = own.map((id) => meta.parties.find((candidate) => candidate.id === id)?.name ?? id);
  throw new GjerdeError(
    'forbidden',
    `Du kan godkjenne for ${listOf(ownNames)}, ikke for ${party.name}. ${party.name} godkjenner selv, ved sin egen representant.`,
  );
}
