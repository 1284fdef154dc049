import { ambiguousGrants, partyNameOf } from '../access/party-grants.js';
import {
  approvableParties,
  continuingSuccessors,
  everyCounty,
  mayDraft,
  mayEdit,
  type Scope,
} from '../access/policy.js';
import { type Principal, roleLabels } from '../access/principal.js';
import type { Author } from '../domain/agreements.js';
import { sameAuthor } from '../domain/approvals.js';
import { sameCounty } from '../domain/county-spelling.js';
import { type CountyRegistry, splitOf } from '../domain/county-splits.js';
import { GjerdeError } from '../domain/errors.js';
import type { AgreementMeta, Party } from '../format/types.js';
import { formatDate, list } from '../format/wording.js';

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
  return parties.length > 0 ? `${county} (${list(parties)})` : county;
}

/** «Nordfylket og avtaler der nav-nordfylket er part»: what the person is editor for. */
function describeScope(actor: Principal): string {
  const counties = actor.counties.map((county) => (county === everyCounty ? 'alle fylker' : county));
  const parts = [...counties];
  if (actor.parties.length > 0) parts.push(`avtaler der ${list(actor.parties)} er part`);
  return parts.length > 0 ? list(parts) : 'ingen fylker eller parter ennå';
}

function roleRefusal(actor: Principal, lead: string): string | undefined {
  return mayDraft(actor) ? undefined : `${lead}: du har ikke rollen ${roleLabels.redaktor}. ${askAdmin}`;
}

function scopeRefusal(actor: Principal, agreement: Scope, lead: string): string | undefined {
  const refusal = roleRefusal(actor, lead);
  if (refusal || mayEdit(actor, agreement)) return refusal;
  const ids = agreement.parties.flatMap((party) => (party.partOf ? [party.id, party.partOf] : [party.id]));
  const ambiguity = ambiguityRefusal(actor, ids);
  if (ambiguity) return `${lead}. ${ambiguity}`;
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
 * Why this person may not open this agreement in the editor, or undefined when they may: it is in their scope,
 * or it is a dissolved county's agreement they may continue for their successor county (`checkContinuation`
 * then holds the save to that).
 */
export function editorRefusal(
  actor: Principal,
  agreement: Scope,
  splits: CountyRegistry,
): string | undefined {
  const refusal = editRefusal(actor, agreement);
  return refusal && continuingSuccessors(actor, agreement, splits).length === 0 ? refusal : undefined;
}

/**
 * A save over `latest` by an editor who may change it only as a successor county's continuation must be one
 * (docs/format.md, «Counties that were split»): their county, its county authority in place of the dissolved
 * one, from the split on. The dissolved county's text still governs the other successors, and a change to it
 * would need the approval of an authority that no longer exists.
 */
export function checkContinuation(
  actor: Principal,
  latest: Scope,
  saving: AgreementMeta,
  splits: CountyRegistry,
): void {
  const split = splitOf(splits, latest.county);
  const successors = continuingSuccessors(actor, latest, splits);
  if (!split || successors.length === 0 || mayEdit(actor, latest)) return;
  const successor = successors.find((candidate) => sameCounty(candidate.county, saving.county));
  const signing = saving.parties.filter((party) => party.partOf === undefined).map((party) => party.id);
  if (
    successor &&
    signing.includes(successor.countyParty) &&
    !signing.includes(split.countyParty) &&
    saving.validFrom >= split.on
  )
    return;
  const counties = list(successors.map((candidate) => candidate.county));
  const fields = successors.map(
    (candidate) => `«fylke: ${candidate.county}» og parten ${candidate.countyParty}`,
  );
  throw new GjerdeError(
    'forbidden',
    `Avtalen er inngått for ${split.county}, som ble delt ${formatDate(split.on)}, og gjelder fortsatt der ingen etterfølger har videreført den. Som redaktør for ${counties} kan du bare lagre den som en videreføring for ${successors.length > 1 ? 'ett av fylkene' : counties}: ${fields.join(', eller ')} i stedet for ${split.countyParty}, og «gyldig-fra» ${formatDate(split.on)} eller senere. Parten byttes overalt der den står: i «parter» (også «del-av»), i «kontakter» og i punktenes «ansvarlig», «bistand» og «kostnad». ${successors.map((candidate) => `«Viderefør for ${candidate.county}»`).join(' eller ')} på avtalens side åpner teksten med dette fylt inn.`,
  );
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

/** What deciding an approval needs beyond the person: who approves this version, and who wrote it. */
export interface ApprovalRules {
  /** The parties whose approval the version needs (`requiredParties`). */
  required: Party[];
  /** Who changed the text since the last approved version (`ApprovalRound.drafters`). */
  drafters: Author[];
  /** `GJERDE_SELF_APPROVAL=1`: whoever wrote the text may approve it too (no four-eyes rule). */
  selfApproval: boolean;
  /** Who has approved this version, for which party (`ApprovalRound.approvedBy`). */
  approvedBy: { party: string; author: Author }[];
}

/**
 * Why this person cannot approve this version for any party, or undefined when they can for one. The
 * four-eyes rule: nobody approves a text they wrote or changed since the last approval, unless the
 * setting allows it; another representative of their party approves it.
 */
export function approvalRefusal(
  actor: Principal,
  meta: AgreementMeta,
  rules: ApprovalRules,
): string | undefined {
  return (
    partyRefusal(actor, meta, rules) ??
    fourEyesRefusal(actor, meta, rules) ??
    secondPartyRefusal(actor, meta, rules)
  );
}

/** Why this person approves for none of the agreement's parties, whatever the text (undefined when they do). */
export function partyRefusal(
  actor: Principal,
  meta: AgreementMeta,
  rules: ApprovalRules,
): string | undefined {
  if (!actor.roles.includes('godkjenner')) {
    return `Du kan ikke godkjenne avtaler: du har ikke rollen ${roleLabels.godkjenner}. ${askAdmin}`;
  }
  if (approvableParties(actor, meta.county, rules.required).length > 0) return undefined;
  const county = meta.county.trim() || 'et fylke som ikke er oppgitt';
  return (
    ambiguityRefusal(
      actor,
      rules.required.map((party) => party.id),
    ) ??
    `Du representerer ingen av partene som godkjenner denne avtalen (${county}: ${list(rules.required.map((party) => party.name))}). Hver part godkjenner selv, ved sin egen representant.`
  );
}

/**
 * When the person's grant of one of `ids` gives nothing because the id names different parties in
 * different counties (src/access/party-grants.ts): what to ask an administrator for.
 */
function ambiguityRefusal(actor: Principal, ids: readonly string[]): string | undefined {
  const ambiguous = ambiguousGrants(actor, ids)[0];
  if (!ambiguous) return undefined;
  // Each county's party by its name there, the county added when the name does not say it.
  const named = ambiguous.counties.map((county) => {
    const name = partyNameOf(actor.partyDirectory, ambiguous.party, county);
    return name.includes(county) ? name : `${name} i ${county}`;
  });
  const counties = named.length > 0 ? `: ${list(named)}` : '';
  return `Du har parten «${ambiguous.party}», men den betyr ulike parter${counties}. En administrator må velge fylke for parten på «Brukere».`;
}

/**
 * One person speaks for one party: someone granted both NAV's party and the county's has approved for one
 * of them, and another person approves for the other, or the agreement would be one person's alone.
 */
function secondPartyRefusal(actor: Principal, meta: AgreementMeta, rules: ApprovalRules): string | undefined {
  if (!rules.approvedBy.some(({ author }) => sameAuthor(author, actor))) return undefined;
  const approved = new Set(rules.approvedBy.map((given) => given.party));
  const left = approvableParties(actor, meta.county, rules.required).filter((id) => !approved.has(id));
  if (left.length === 0) return undefined;
  return `Du har allerede godkjent denne versjonen for én av partene. Hver part godkjenner ved sin egen representant: en annen person må godkjenne for ${list(partyNames(left, rules.required))}.`;
}

function fourEyesRefusal(actor: Principal, meta: AgreementMeta, rules: ApprovalRules): string | undefined {
  if (rules.selfApproval || !rules.drafters.some((author) => sameAuthor(author, actor))) return undefined;
  const own = partyNames(approvableParties(actor, meta.county, rules.required), rules.required);
  return `Du har skrevet eller endret teksten siden den sist ble godkjent, og kan ikke godkjenne den selv. En annen representant for ${list(own)} må godkjenne den (fire øyne).`;
}

/**
 * An approval for `partyId` by this person. A party the agreement does not have is refused by its name (from
 * the party directory); a unit of another party is left to the lifecycle, which says which party approves.
 */
export function checkMayApprove(
  actor: Principal,
  meta: AgreementMeta,
  partyId: string,
  rules: ApprovalRules,
): void {
  const refusal = partyRefusal(actor, meta, rules);
  if (refusal) throw new GjerdeError('forbidden', refusal);
  const party = rules.required.find((candidate) => candidate.id === partyId);
  // A unit of a party is the lifecycle's to refuse, naming the party that approves for it.
  if (!party && meta.parties.some((candidate) => candidate.id === partyId)) return;
  if (!party)
    throw new GjerdeError(
      'invalid-input',
      `${partyNameOf(actor.partyDirectory, partyId, meta.county)} er ikke en part i avtalen. Partene som godkjenner den, er ${list(rules.required.map((required) => required.name))}.`,
      { problems: [{ variable: 'party', message: 'Velg en av partene i avtalen.' }] },
    );
  const own = approvableParties(actor, meta.county, rules.required);
  if (!own.includes(party.id)) {
    throw new GjerdeError(
      'forbidden',
      `Du kan godkjenne for ${list(partyNames(own, rules.required))}, ikke for ${party.name}. ${party.name} godkjenner selv, ved sin egen representant.`,
    );
  }
  const fourEyes = fourEyesRefusal(actor, meta, rules);
  if (fourEyes) throw new GjerdeError('forbidden', fourEyes);
  // A party approved already is the lifecycle's to refuse, naming who approved it.
  if (rules.approvedBy.some((given) => given.party === party.id)) return;
  const secondParty = secondPartyRefusal(actor, meta, rules);
  if (secondParty) throw new GjerdeError('forbidden', secondParty);
}

function partyNames(ids: string[], parties: Party[]): string[] {
  return ids.map((id) => parties.find((candidate) => candidate.id === id)?.name ?? id);
}
