import type { AgreementVersion } from '../domain/agreements.js';
import { signatoryParties } from '../domain/approvals.js';
import { sameCounty } from '../domain/county-spelling.js';
import {
  type CountyRegistry,
  type CountySplit,
  countyRegistryPath,
  noSplits,
  succession,
} from '../domain/county-splits.js';
import { GjerdeError } from '../domain/errors.js';
import { editFrontMatter } from '../domain/front-matter-edit.js';
import { type AgreementHistory, plannedOverlaps } from '../domain/overlaps.js';
import { isApproved, shiftDay } from '../domain/validity.js';
import type { AgreementMeta, Party } from '../format/types.js';
import { describePeriod, formatDate, list } from '../format/wording.js';

/**
 * Umbrella agreements that would answer side by side, and what to do about it: end the old one (set its
 * `gyldig-til` and let its parties approve that), or mark the new one as replacing it (`erstatter: <id>`),
 * so that the approval that completes the new one also ends the old one the day before the new one starts.
 */

export interface OverlapWarning {
  /** One Norwegian paragraph: what overlaps, and what to do. */
  message: string;
  /** The other umbrella agreement. */
  other: { id: string; title: string };
  county: string;
  from: string;
  to?: string;
  /** This version replaces the other (`erstatter`): approving it ends the other. */
  replaces: boolean;
  /** The last day the other should be in force for this one to start cleanly, when it started earlier. */
  endOtherOn?: string;
}

/** Warnings for a version about to be saved, sent or approved: the umbrella agreements it would overlap. */
export function overlapWarnings(
  candidate: { id: string; meta: AgreementMeta },
  histories: AgreementHistory[],
): OverlapWarning[] {
  const { meta } = candidate;
  return plannedOverlaps(candidate, histories).map((overlap) => {
    const side = overlap.agreements.find((item) => item.id !== candidate.id) ?? overlap.agreements[1];
    const other = { id: side.id, title: side.title };
    const endOtherOn = side.since < meta.validFrom ? shiftDay(meta.validFrom, -1) : undefined;
    const replaces = meta.replaces === other.id;
    const warning: OverlapWarning = {
      message: overlapMessage(meta, overlap, other, replaces, endOtherOn),
      other,
      county: overlap.county,
      from: overlap.from,
      replaces,
    };
    if (overlap.to !== undefined) warning.to = overlap.to;
    if (endOtherOn !== undefined) warning.endOtherOn = endOtherOn;
    return warning;
  });
}

function overlapMessage(
  meta: AgreementMeta,
  overlap: { county: string; from: string; to?: string },
  other: { id: string; title: string },
  replaces: boolean,
  endOtherOn: string | undefined,
): string {
  const named = `«${other.title}» (${other.id})`;
  if (replaces && endOtherOn) {
    return `Denne avtalen erstatter ${named}. Når alle parter har godkjent den, setter Gjerde «gyldig-til: ${endOtherOn}» på ${other.id}, så bare én rammeavtale gjelder for ${meta.county} fra ${formatDate(meta.validFrom)}.`;
  }
  const both = isApproved(meta)
    ? 'Begge er godkjent og svarer på oppslag for samme saker.'
    : 'Godkjennes denne også, svarer begge på oppslag for samme saker.';
  const lead = `${overlap.county} har allerede en rammeavtale som gjelder ${describePeriod(overlap.from, overlap.to)}: ${named}. ${both}`;
  if (!endOtherOn) {
    return `${lead} Endre perioden til en av dem, eller avslutt den ene (sett «gyldig-til» og la partene godkjenne det).`;
  }
  return `${lead} Avslutt den gamle ${formatDate(endOtherOn)} (sett «gyldig-til: ${endOtherOn}» i ${other.id} og la partene godkjenne det), eller skriv «erstatter: ${other.id}» i denne avtalen, så avslutter Gjerde den når denne er godkjent.`;
}

/** What ending the replaced agreement takes: the version to amend and the end date. */
export interface Replacement {
  /** The replaced agreement's latest version: approved, and in force before this one starts. */
  latest: AgreementVersion;
  /** Its last day: the day before this version starts. */
  end: string;
}

/**
 * Why a version that replaces another (`erstatter`) cannot end it when approved, as a refusal: the other
 * must be an approved agreement of the same county that starts earlier, with no draft under way, and its
 * parties must be among those that approve this version, so that they agree to end it. A dissolved county's
 * agreement a successor's replaces is not ended, so another successor's draft of it does not stand in the way. Undefined when
 * there is nothing left to end (it already ends in time, or it is a dissolved county's agreement that this
 * successor's replaces only for itself).
 */
export function checkReplacement(
  meta: AgreementMeta,
  required: Party[],
  replacedVersions: AgreementVersion[],
  splits: CountyRegistry = noSplits,
): Replacement | undefined {
  const id = meta.replaces as string;
  const latest = replacedVersions[0];
  if (!latest) throw new GjerdeError('invalid-input', `Fant ingen avtale «${id}» å erstatte («erstatter»).`);
  const other = latest.agreement.meta;
  const end = shiftDay(meta.validFrom, -1);
  const inherited = inheritedFrom(meta, replacedVersions, splits);
  if (!sameCounty(other.county, meta.county) && !inherited) {
    throw new GjerdeError(
      'invalid-input',
      `«${id}» gjelder ${other.county}, ikke ${meta.county}. En avtale kan bare erstatte en avtale for samme fylke, eller for et fylke som ble delt og som ${meta.county} er etterfølger av (${countyRegistryPath}).`,
    );
  }
  if (inherited) {
    // The dissolved county's agreement still applies in its other successors: it is not ended, and this
    // one's `erstatter` and `gyldig-fra` record when it stopped applying here. So a draft of it (another
    // successor continuing the file) stands in the way of nothing.
    if (meta.validFrom < inherited.on)
      throw new GjerdeError(
        'invalid-input',
        `${meta.county} fantes først fra ${formatDate(inherited.on)}, da ${inherited.county} ble delt. Avtalen kan ikke erstatte «${id}» for ${meta.county} fra ${formatDate(meta.validFrom)}.`,
      );
    return undefined;
  }
  if (!isApproved(other)) {
    throw new GjerdeError(
      'conflict',
      `«${id}» har et utkast som ikke er godkjent. Send eller fjern det før denne avtalen, som erstatter den, godkjennes.`,
    );
  }
  if (other.validTo !== undefined && other.validTo <= end) return undefined;
  if (other.validFrom > end) {
    throw new GjerdeError(
      'invalid-input',
      `«${id}» gjelder fra ${formatDate(other.validFrom)}, ikke før denne avtalen begynner (${formatDate(meta.validFrom)}), og kan ikke avsluttes ${formatDate(end)}.`,
    );
  }
  const missing = signatoryParties(other).filter((party) => !required.some((known) => known.id === party.id));
  if (missing.length > 0) {
    throw new GjerdeError(
      'invalid-input',
      `${list(missing.map((party) => party.name))} godkjente «${id}», men godkjenner ikke denne avtalen. Avslutt «${id}» med egen godkjenning i stedet.`,
    );
  }
  return { latest, end };
}

/** The replaced agreement's last approved version with its new end, and the commit message recording why. */
export function endReplaced(
  replacement: Replacement,
  by: { id: string; title: string; validFrom: string },
  approvedTrailers: string[],
): { markdown: string; message: string } {
  const markdown = editFrontMatter(replacement.latest.markdown, (document) => {
    document.set('gyldig-til', replacement.end);
  });
  const message = `Avsluttet ${formatDate(replacement.end)}: erstattes av «${by.title}» (${by.id}) fra ${formatDate(by.validFrom)}\n\nGodkjent av partene sammen med ${by.id}.\n\n${approvedTrailers.join('\n')}`;
  return { markdown, message };
}

/** The split whose dissolved county wrote an approved version of the replaced agreement, when `meta`'s county succeeded it. */
function inheritedFrom(
  meta: AgreementMeta,
  replacedVersions: AgreementVersion[],
  splits: CountyRegistry,
): CountySplit | undefined {
  for (const version of replacedVersions) {
    const { county } = version.agreement.meta;
    if (!isApproved(version.agreement.meta) || sameCounty(county, meta.county)) continue;
    const found = succession(splits, county, meta.county);
    if (found) return found.split;
  }
  return undefined;
}
