import type { Agreements, AgreementVersion } from '../domain/agreements.js';
import { versionInForce } from '../domain/validity.js';
import { today } from '../format/dates.js';
import { agreementStatuses } from '../format/vocabulary.js';
import { describePeriod, formatDate } from '../format/wording.js';
import { savedOn } from '../history/periods.js';
import { agreementPath } from '../store/layout.js';
import type { Store } from '../store/store.js';

export interface VersionQuery {
  rev?: string;
  at?: string;
}

/** Which version an export is of, and how it relates to the one in force: what header and footer say. */
export interface VersionFacts {
  version: AgreementVersion;
  title: string;
  /** The revision's number in the agreement's history (1 = the first save), as on the history page. */
  number: number;
  rev: string;
  shortRev: string;
  savedOn: string;
  savedBy: string;
  status: string;
  /** E.g. «fra 1. august 2025» or «1. januar 2017 – 31. juli 2019». */
  validPeriod: string;
  /** Whether this is the version in force today. */
  isCurrent: boolean;
  /** Set when the export is not simply the version in force today: asked by date or revision, a draft, … */
  notice?: string;
  /** The `?at=` date, when the export was asked for by date. */
  at?: string;
  /**
   * Asked by date, when the text was saved after that date and given effect back to it (a retroactive
   * correction): «Merk: …», as the agreement page's banner says it, so a printout of «as it applied then»
   * does not pass off a later text as the one people had on the day.
   */
  savedAfter?: string;
}

const draftStatuses = new Set(['utkast', 'til-godkjenning']);

/**
 * The version an export asks for, chosen as the agreement page chooses it (by revision or date; otherwise
 * the one in force today, else the latest), with the facts its header and footer show.
 */
export async function exportedVersion(
  agreements: Agreements,
  store: Store,
  id: string,
  query: VersionQuery,
): Promise<VersionFacts> {
  const versions = await agreements.versions(id);
  const current = versionInForce(versions, today());
  const asked = query.rev !== undefined || query.at !== undefined;
  const version = asked || !current ? await agreements.get(id, query) : current;
  const history = await store.history(agreementPath({ id }));
  const position = history.findIndex((revision) => revision.rev === version.revision.rev);
  const { meta } = version.agreement;
  const status = agreementStatuses[meta.status] ?? meta.status;
  const facts: VersionFacts = {
    version,
    title: meta.title,
    number: position === -1 ? versions.length - versions.indexOf(version) : history.length - position,
    rev: version.revision.rev,
    shortRev: version.revision.rev.slice(0, 8),
    savedOn: formatDate(version.revision.date),
    savedBy: version.revision.author.name,
    status,
    validPeriod: describePeriod(meta.validFrom, meta.validTo),
    isCurrent: version === current,
  };
  const notice = noticeFor(version, current, query, facts.shortRev);
  if (notice) facts.notice = notice;
  if (query.at !== undefined) {
    facts.at = query.at;
    if (savedOn(version.revision.date) > query.at)
      facts.savedAfter = `Merk: teksten ble lagret ${facts.savedOn}, etter ${formatDate(query.at)}, men er gitt virkning fra ${formatDate(meta.validFrom)}.`;
  }
  return facts;
}

function noticeFor(
  version: AgreementVersion,
  current: AgreementVersion | undefined,
  query: VersionQuery,
  shortRev: string,
): string | undefined {
  const isCurrent = version === current;
  const draft = draftStatuses.has(version.agreement.meta.status);
  if (query.at !== undefined) {
    return `Slik avtalen gjaldt ${formatDate(query.at)} – ${isCurrent ? 'også gjeldende versjon i dag' : 'ikke gjeldende versjon'}`;
  }
  const state = isCurrent ? 'gjeldende versjon' : draft ? 'utkast, ikke godkjent' : 'ikke gjeldende versjon';
  if (query.rev !== undefined) return `Revisjon ${shortRev} – ${state}`;
  if (isCurrent) return undefined;
  return draft ? 'Utkast – ikke godkjent' : 'Avtalen er ikke i kraft i dag';
}

/** The running footer of an exported agreement: version, valid period and the full revision id. */
export function footerLines(facts: VersionFacts): string[] {
  return [
    `Versjon nr. ${facts.number} (${facts.status.toLowerCase()}), lagret ${facts.savedOn} · Gyldig ${facts.validPeriod}`,
    `Revisjon ${facts.rev}`,
  ];
}

/** `fjordvik-ramme_gyldig-fra-2025-08-01_rev-1a2b3c4d.pdf`: which agreement, which version, at a glance. */
export function exportFilename(facts: VersionFacts, extension: 'pdf' | 'docx'): string {
  const { meta } = facts.version.agreement;
  const when = facts.at !== undefined ? `slik-den-gjaldt-${facts.at}` : `gyldig-fra-${meta.validFrom}`;
  return `${facts.version.id}_${when}_rev-${facts.shortRev}.${extension}`;
}
