import type { MetaPlace, MetaReporter } from './front-matter.js';
import type { Party } from './types.js';

/**
 * Which parties an agreement binds, read from what their ids and names mean. Every agreement is between
 * NAV and a county authority, and the parties that approve it are its top-level parties (those without
 * `del-av`). So that the text being approved cannot decide who approves it, the top-level parties must
 * include NAV and the county: an editor cannot leave the county out, or make it a unit of NAV, and have
 * NAV's approval alone make the agreement approved.
 *
 * A party is NAV when its id is `nav` or starts with `nav-` (or ends with `-nav`), or its name has the
 * word NAV («NAV Fjordvik», «Nav Åsane»); it is the county when its id is `fk`, `fylkeskommunen` or ends
 * with `-fk`, or its name has «fylkeskommune» («Oslo kommune» counts: Oslo is its own county). Other
 * parties (OT, a school) are units of one of them or parties of their own. An id and a name that say
 * different things are refused, rather than guessed.
 */

export type PartyKind = 'nav' | 'fylkeskommune';

export const partyKindNames: Record<PartyKind, string> = { nav: 'NAV', fylkeskommune: 'fylkeskommunen' };

const byId: Record<PartyKind, RegExp> = {
  nav: /^nav(?:-|$)|-nav$/,
  fylkeskommune: /^(?:fk|fylkeskommunen?)$|-(?:fk|fylkeskommunen?)$/,
};
const byName: Record<PartyKind, RegExp> = {
  nav: /(?:^|[^\p{L}\p{N}])nav(?:$|[^\p{L}\p{N}])|arbeids- og velferds/iu,
  fylkeskommune: /fylkeskommune|^oslo kommune(?:$|[^\p{L}])/iu,
};

const kinds: PartyKind[] = ['nav', 'fylkeskommune'];

/** What the party's id and name say it is; both kinds when they disagree. */
function signals(party: Party): PartyKind[] {
  return kinds.filter((kind) => byId[kind].test(party.id) || byName[kind].test(party.name));
}

/** NAV, the county, or neither (OT, a school); undefined also when the id and name disagree. */
export function partyKind(party: Party): PartyKind | undefined {
  const found = signals(party);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Whether the party is the follow-up service (OT): an id `ot`, `ot-…` or `…-ot`, or a name with
 * «oppfølgingstjenesten»/«oppfølgingstenesta» or the word OT. The contact registers' county side is OT's
 * people, so only a clause OT owns is theirs to answer; NAV and the county are never OT.
 */
export function isFollowUpService(party: Party): boolean {
  return (
    partyKind(party) !== 'nav' &&
    (/^ot(?:-|$)|-ot$/.test(party.id) ||
      /oppfølgingstj?enest/i.test(party.name) ||
      /(?:^|[^\p{L}\p{N}])OT(?:$|[^\p{L}\p{N}])/u.test(party.name))
  );
}

const howToName =
  'Gi NAV en id som begynner med «nav-» og et navn med «NAV», og fylkeskommunen en id som slutter på «-fk» og et navn med «fylkeskommune».';

/**
 * Reports parties whose id and name disagree, NAV or the county as a unit of something else, and top-level
 * parties without NAV or without the county (at `parter`).
 */
export function checkPartyKinds(parties: { value: Party; at: MetaPlace }[], report: MetaReporter): void {
  const byPartyId = new Map(parties.map(({ value }) => [value.id, value]));
  for (const { value: party, at } of parties) {
    if (signals(party).length > 1) {
      report.error(
        `Parten «${party.id}» («${party.name}»): id-en og navnet sier ulike ting om parten er NAV eller fylkeskommunen. ${howToName}`,
        at,
        'party-kind',
      );
      continue;
    }
    const kind = partyKind(party);
    const parent = party.partOf === undefined ? undefined : byPartyId.get(party.partOf);
    if (kind && parent && partyKind(parent) !== kind) {
      report.error(
        `Parten «${party.id}» er ${partyKindNames[kind]} og kan ikke være del av «${parent.id}»: NAV og fylkeskommunen godkjenner avtalen hver for seg.`,
        at,
        'party-kind',
      );
    }
  }
  if (parties.length < 2) return; // Already an error: an agreement has at least two parties.
  const topLevel = parties.filter(({ value }) => value.partOf === undefined).map(({ value }) => value);
  const missing = kinds.filter((kind) => !topLevel.some((party) => partyKind(party) === kind));
  if (missing.length > 0) {
    report.error(
      `Avtalen binder NAV og fylkeskommunen, og begge godkjenner den, men ingen part uten «del-av» er ${missing.map((kind) => partyKindNames[kind]).join(' eller ')}. ${howToName}`,
      { key: 'parter' },
      'party-kind',
    );
  }
}
