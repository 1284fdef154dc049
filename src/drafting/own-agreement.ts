import { continuingSuccessors } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import { foreignCountyParties, foreignPartyText } from '../domain/county-parties.js';
import { sameCounty } from '../domain/county-spelling.js';
import {
  type CountyRegistry,
  type CountySplit,
  dissolvedCountyText,
  type Successor,
} from '../domain/county-splits.js';
import { GjerdeError } from '../domain/errors.js';
import { isApproved } from '../domain/validity.js';
import { type FrontMatterPoint, frontMatterPoints } from '../format/front-matter.js';
import type { PlainMessage } from '../format/messages.js';
import type { AgreementMeta } from '../format/types.js';

/**
 * A successor county's own agreement replacing a dissolved county's (docs/format.md, «Counties that were split»):
 * who may start one from the dissolved county's text, whether their county has one already, and what the saved
 * text must be. Another county, another agreement replaced or another county authority as a party would make it
 * something else than the agreement the path exists for, saved under its name.
 */

/** A successor an editor writes their own agreement for, with the one their county has already (a draft too). */
export interface OwnAgreementCandidate {
  successor: Successor;
  /** Their county's agreement replacing the dissolved county's, newest metadata; approved ones first. */
  own?: AgreementMeta;
}

export interface OwnAgreementFacts<V> {
  split: CountySplit;
  /** The dissolved county's last approved version: the text that still applies where nobody replaced it. */
  dissolved: V;
  /** The county whose version the file now is. */
  continuedBy: string;
  /** The successors this editor edits for that did not continue the file. */
  candidates: OwnAgreementCandidate[];
}

/** The dissolved county's agreement a successor's own agreement starts from. */
export interface OwnAgreementSource {
  id: string;
  title: string;
  county: string;
}

/** What `Drafting.ownAgreementStart` gives a successor county's editor who asks to write their own agreement. */
export type OwnAgreementStart =
  /** The dissolved county's text converted for the county, under a new id. */
  | { kind: 'start'; county: string; id: string; markdown: string; source: OwnAgreementSource }
  /** The county has its own agreement replacing it already (a draft included). */
  | { kind: 'existing'; county: string; agreement: AgreementMeta; source: OwnAgreementSource }
  /** Not for this person and county now; the successors of the split, none when the county was not split. */
  | { kind: 'refused'; successors: string[] };

/**
 * For a dissolved county's agreement (`versions` newest first) that one successor has continued: the other
 * successors this editor edits for, each with their own agreement replacing it if they have one. Undefined when
 * the agreement is not a dissolved county's, or no successor has continued it yet (the file is still to
 * continue, «Viderefør for …»).
 */
export function ownAgreementFacts<V extends { agreement: { meta: AgreementMeta } }>(
  actor: Principal,
  versions: readonly V[],
  registry: CountyRegistry,
  others: readonly AgreementMeta[],
): OwnAgreementFacts<V> | undefined {
  const found = dissolvedCountyText(registry, versions);
  const latest = versions[0]?.agreement.meta;
  if (!found || !latest) return undefined;
  const { split, version: dissolved } = found;
  const continuedBy = latest.county;
  if (!split.successors.some((successor) => sameCounty(successor.county, continuedBy))) return undefined;
  const candidates = continuingSuccessors(actor, dissolved.agreement.meta, registry)
    .filter((successor) => !sameCounty(successor.county, continuedBy))
    .map((successor) => {
      const own = others
        .filter((other) => other.replaces === latest.id && sameCounty(other.county, successor.county))
        .sort((a, b) => Number(isApproved(b)) - Number(isApproved(a)))[0];
      return own ? { successor, own } : { successor };
    });
  return { split, dissolved, continuedBy, candidates };
}

/**
 * The saved text of `successor`'s own agreement replacing `sourceId` must be that: `fylke` the successor,
 * `erstatter` the dissolved county's agreement, and the successor's county authority as a party, with neither
 * the dissolved county's nor another successor's. Refused (422) with each problem at its line, as the validator
 * reports; nothing is written.
 */
export function checkOwnAgreementText(
  markdown: string,
  meta: AgreementMeta,
  expected: { sourceId: string; split: CountySplit; successor: Successor },
): void {
  const { sourceId, split, successor } = expected;
  const at = frontMatterPoints(markdown);
  const county = successor.county;
  const messages: PlainMessage[] = [];
  const problem = (point: FrontMatterPoint, message: string) =>
    messages.push({ ...point, severity: 'error', message });
  if (!sameCounty(meta.county, county))
    problem(
      at('fylke'),
      `«fylke» er ${meta.county}, men dette er ${county}s egen avtale: skriv «fylke: ${county}».`,
    );
  if (meta.replaces !== sourceId)
    problem(
      at('erstatter'),
      `${meta.replaces === undefined ? '«erstatter» mangler' : `«erstatter» er ${meta.replaces}`}, men ${county}s egen avtale erstatter ${sourceId}: skriv «erstatter: ${sourceId}».`,
    );
  const own = `${county}s egen avtale har ${county}s fylkeskommune, ${successor.countyParty}, som part.`;
  for (const found of foreignCountyParties(meta.parties, county, { splits: [split], messages: [] }))
    problem(at('parter', found.index), `${foreignPartyText(found)}. ${own}`);
  const signing = meta.parties.filter((party) => party.partOf === undefined).map((party) => party.id);
  if (messages.length === 0 && !signing.includes(successor.countyParty)) problem(at('parter'), own);
  if (messages.length > 0)
    throw new GjerdeError(
      'invalid-agreement',
      `Teksten kan ikke lagres som ${county}s egen avtale: den må ha «fylke: ${county}», «erstatter: ${sourceId}» og ${county}s fylkeskommune som part.`,
      { messages },
    );
}
