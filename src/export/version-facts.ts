import type { Agreements, AgreementVersion } from '../domain/agreements.js';
import { type ApprovalWarning, approvalWarning, unrecordedVersion } from '../domain/text-approval.js';
import { signedBy, versionInForce } from '../domain/validity.js';
import { today } from '../format/dates.js';
import { agreementStatuses } from '../format/vocabulary.js';
import { describePeriod, formatDate, validOn } from '../format/wording.js';
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
  /**
   * Set when the file says «godkjent» but no approval is registered for this text (src/domain/text-approval.ts):
   * a printout is filed and sent on, so it says so at its top and on every page, and does not stand the
   * file's signatories over a text they did not sign.
   */
  approvalWarning?: ApprovalWarning;
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
  const warning = approvalWarning(await unrecordedVersion(versions, version.revision.rev));
  const status = warning ? unrecordedStatus : (agreementStatuses[meta.status] ?? meta.status);
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
  if (warning) facts.approvalWarning = warning;
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
    return `Slik avtalen ${validOn(query.at, today())} ${formatDate(query.at)} – ${isCurrent ? 'også gjeldende versjon i dag' : 'ikke gjeldende versjon'}`;
  }
  const state = isCurrent ? 'gjeldende versjon' : draft ? 'utkast, ikke godkjent' : 'ikke gjeldende versjon';
  if (query.rev !== undefined) return `Revisjon ${shortRev} – ${state}`;
  if (isCurrent) return undefined;
  return draft ? 'Utkast – ikke godkjent' : 'Avtalen er ikke i kraft i dag';
}

/** The status an export gives a text the file calls approved when no approval is registered for it. */
const unrecordedStatus = 'Uten registrert godkjenning';

/** The box at the top of an export of a text no approval is registered for: what, who, the last approved. */
export function unrecordedNotice(facts: VersionFacts): { heading: string; lines: string[] } | undefined {
  const warning = facts.approvalWarning;
  if (!warning) return undefined;
  const { approved } = warning;
  return {
    heading: warning.message,
    lines: [
      warning.detail,
      approved
        ? `Signaturene i fila gjelder ikke denne teksten. Sist godkjente tekst: revisjon ${approved.rev.slice(0, 8)}, godkjent ${formatDate(approved.date)}.`
        : 'Signaturene i fila er ikke registrert som godkjenning i Gjerde.',
      'Sjekk med partene før du handler etter denne teksten.',
    ],
  };
}

/** Top right of every page: what a reader of any one page must not miss. */
export function headerNotice(facts: VersionFacts): string | undefined {
  const notices = [facts.approvalWarning ? 'Ingen registrert godkjenning' : undefined, facts.notice];
  return notices.filter((notice) => notice !== undefined).join(' · ') || undefined;
}

/**
 * The facts box's signatories: «Signert av» only over a text whose approval is registered; otherwise the
 * names stand as what the file says, not as signatures of this text.
 */
export function signatoriesFact(facts: VersionFacts): { label: string; lines: string[] } | undefined {
  const signatories = signedBy(facts.version.agreement.meta);
  if (signatories.length === 0) return undefined;
  const lines = signatories.map(
    (person) => `${person.name}, ${person.role}${person.date ? ` (${formatDate(person.date)})` : ''}`,
  );
  if (!facts.approvalWarning) return { label: 'Signert av', lines };
  const approved = facts.approvalWarning.approved;
  return {
    label: 'Signaturer i fila',
    lines: [
      ...lines,
      approved
        ? `Gjelder en tidligere tekst (revisjon ${approved.rev.slice(0, 8)}), ikke denne`
        : 'Ikke registrert som godkjenning i Gjerde',
    ],
  };
}

/** The running footer of an exported agreement: version, valid period and the full revision id. */
export function footerLines(facts: VersionFacts): string[] {
  return [
    `Versjon nr. ${facts.number} (${facts.status.toLowerCase()}), lagret ${facts.savedOn} · Gyldig ${facts.validPeriod}`,
    `Revisjon ${facts.rev}`,
  ];
}

/**
 * `fjordvik-ramme_gyldig-fra-2025-08-01_rev-1a2b3c4d.pdf`, or as of a date `…_slik-den-gjaldt-2018-06-01_…` (`vil-gjelde`
 * after today): which agreement, which version, at a glance.
 */
export function exportFilename(facts: VersionFacts, extension: 'pdf' | 'docx'): string {
  const { meta } = facts.version.agreement;
  const when =
    facts.at !== undefined
      ? `slik-den-${validOn(facts.at, today()).replace(' ', '-')}-${facts.at}`
      : `gyldig-fra-${meta.validFrom}`;
  return `${facts.version.id}_${when}_rev-${facts.shortRev}.${extension}`;
}
