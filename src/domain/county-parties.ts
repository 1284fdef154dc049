import { frontMatterPoints } from '../format/front-matter.js';
import type { PlainMessage } from '../format/messages.js';
import type { AgreementMeta, Party } from '../format/types.js';
import { sameCounty } from './county-spelling.js';
import { type CountyRegistry, countyAuthorities, countyRegistryPath } from './county-splits.js';
import { GjerdeError } from './errors.js';

/**
 * An agreement's parties are its own county's: a county authority felles/fylker.yaml names for another county
 * (or a unit `del-av` it) is no party to an agreement for this one. An editor of Heiane could otherwise save a
 * Heiane agreement with Kystfold's county authority as a party, which Kystfold never agreed to and whose grant
 * then reached it. Parties the registry does not name (a NAV office serving two counties, OT, the schools) are
 * not judged: which county they belong to is not written down anywhere.
 */

/** A party of another county than the agreement's, by the registry. */
export interface ForeignParty {
  /** Its place in `parter`. */
  index: number;
  party: Party;
  /** The county authority's county. */
  county: string;
  /** The county authority it is `del-av`, when it is a unit of one rather than the authority itself. */
  partOf?: string;
}

/** The parties of `parties` that the registry gives to another county than `county`. */
export function foreignCountyParties(
  parties: readonly Party[],
  county: string,
  registry: CountyRegistry,
): ForeignParty[] {
  const authorities = countyAuthorities(registry);
  const foreign = (id: string | undefined) => {
    const owner = id === undefined ? undefined : authorities.get(id);
    return owner !== undefined && !sameCounty(owner, county) ? owner : undefined;
  };
  return parties.flatMap((party, index): ForeignParty[] => {
    const own = foreign(party.id);
    if (own) return [{ index, party, county: own }];
    const above = foreign(party.partOf);
    return above && party.partOf ? [{ index, party, county: above, partOf: party.partOf }] : [];
  });
}

/** «Parten kystfold-fk er fylkeskommunen i Kystfold» or «Parten ot er del av kystfold-fk, fylkeskommunen i Kystfold». */
export function foreignPartyText(found: ForeignParty): string {
  return found.partOf === undefined
    ? `Parten ${found.party.id} er fylkeskommunen i ${found.county}`
    : `Parten ${found.party.id} er del av ${found.partOf}, fylkeskommunen i ${found.county}`;
}

/**
 * The errors of a text whose parties include another county's county authority or a unit of it, each at its
 * line in `parter` as the validator reports: what a save refuses, and what `gjerde validate` and `gjerde verify`
 * say of a file committed with plain git.
 */
export function foreignPartyMessages(
  markdown: string,
  meta: AgreementMeta,
  registry: CountyRegistry,
): PlainMessage[] {
  const found = foreignCountyParties(meta.parties, meta.county, registry);
  if (found.length === 0) return [];
  const at = frontMatterPoints(markdown);
  const ownAuthority = [...countyAuthorities(registry)].find(([, county]) =>
    sameCounty(county, meta.county),
  )?.[0];
  const own = ownAuthority
    ? `en avtale for ${meta.county} har ${meta.county}s fylkeskommune, ${ownAuthority}, som part`
    : `en avtale for ${meta.county} har ikke et annet fylkes fylkeskommune som part`;
  return found.map((item) => ({
    ...at('parter', item.index),
    severity: 'error',
    rule: 'county-party',
    message: `${foreignPartyText(item)}, ikke i ${meta.county}: ${own} (${countyRegistryPath}).`,
  }));
}

/** Refuses (422) a text about to be saved with another county's parties (`foreignPartyMessages`); nothing is written. */
export function checkCountyParties(markdown: string, meta: AgreementMeta, registry: CountyRegistry): void {
  const messages = foreignPartyMessages(markdown, meta, registry);
  if (messages.length === 0) return;
  throw new GjerdeError(
    'invalid-agreement',
    `Avtalen for ${meta.county} kan ikke ha et annet fylkes fylkeskommune som part.`,
    { messages },
  );
}
