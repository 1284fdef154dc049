import type { AgreementVersion } from '../domain/agreements.js';
import { withoutLifecycle } from '../domain/approvals.js';
import { sameVersion } from '../domain/restored-text.js';
import { inForcePeriods, isApproved, versionInForce } from '../domain/validity.js';
import { today } from '../format/dates.js';
import { agreementStatuses } from '../format/vocabulary.js';
import { describePeriod, formatDate, validOn } from '../format/wording.js';
import { pointInTime, savedOn } from '../history/periods.js';
import { kindOf } from '../history/timeline.js';
import { describeInForce, type InForceFacts } from '../history/wording.js';
import { shortRev } from './history-present.js';
import { urls } from './urls.js';
import { versionOrigin } from './version-origin.js';

export interface VersionBanner {
  heading: string;
  /** «Kommer»: an approved version whose first day in force is still ahead. */
  upcoming?: boolean;
  lines: string[];
  links: Array<{ href: string; text: string }>;
  /** `warning` when the page is not the current version, `info` otherwise. */
  color: 'warning' | 'info';
}

function statusName(version: AgreementVersion): string {
  const { status } = version.agreement.meta;
  return agreementStatuses[status] ?? status;
}

/** «Versjonen lagret … av Kari (utkast)», or for an approval «Versjonen er godkjent av Nina for NAV …». */
function savedLine(version: AgreementVersion, versions: AgreementVersion[]): string {
  const { meta } = version.agreement;
  const period = describePeriod(meta.validFrom, meta.validTo);
  const origin = versionOrigin(version, versions);
  const what = origin.approval
    ? `Versjonen er ${origin.what.charAt(0).toLowerCase()}${origin.what.slice(1)}`
    : `Versjonen lagret ${formatDate(version.revision.date)} av ${version.revision.author.name}`;
  // An approval's own words say how far it is approved: «(godkjent)» after them would say it twice.
  const status = origin.approval ? '' : ` (${statusName(version).toLowerCase()})`;
  const written = origin.text ? ` ${origin.text}.` : '';
  return `${what}${status}${period ? `, gyldig ${period}` : ''}.${written}`;
}

/** When this version is in force, in the words of the history table and the CLI. */
function inForceWording(version: AgreementVersion, versions: AgreementVersion[]) {
  const periods = inForcePeriods(
    versions.map((candidate) => ({
      meta: candidate.agreement.meta,
      valid: candidate.valid,
      withdrawn: candidate.withdrawn,
      restores: candidate.restores,
      candidate,
    })),
  );
  const mine = [...periods.entries()].find(([key]) => key.candidate === version)?.[1] ?? [];
  const { meta } = version.agreement;
  const facts: InForceFacts = {
    kind: kindOf(meta.status),
    periods: mine,
    validFrom: meta.validFrom,
    date: version.revision.date,
    valid: version.valid,
  };
  if (version.restores) facts.restores = version.restores;
  else if (version.valid && meta.status === 'godkjent' && mine.length === 0 && meta.validFrom) {
    const winner = versionInForce(versions, meta.validFrom);
    if (winner && winner !== version) {
      facts.supersededOn = winner.revision.date;
      if (withoutLifecycle(winner.markdown) === withoutLifecycle(version.markdown))
        facts.supersededBySameText = true;
    }
  }
  return describeInForce(facts, today());
}

/**
 * The point-in-time banner of an agreement page: which version this is, its valid period, whether it is the
 * current one (with a link to it), and, read as of a date, whether the text shown was saved after that date.
 * `versions` are newest first.
 */
export function versionBanner(
  version: AgreementVersion,
  versions: AgreementVersion[],
  current: AgreementVersion | undefined,
  at: string | undefined,
): VersionBanner | undefined {
  const latest = versions[0];
  const id = version.id;
  const pageLinks: VersionBanner['links'] = [];
  const compareWithCurrent = () => {
    if (!current || current === version) return;
    const [older, newer] =
      version.revision.date <= current.revision.date ? [version, current] : [current, version];
    pageLinks.push({
      href: urls.compare(id, shortRev(older.revision.rev), shortRev(newer.revision.rev)),
      text: 'Sammenlign med gjeldende versjon',
    });
  };

  if (version === current && at === undefined) {
    // A newest version with errors is explained by the page's notice of problems, not as a new version.
    if (!latest || sameVersion(latest, current) || !latest.valid) return undefined;
    const next = isApproved(latest.agreement.meta)
      ? `En ny versjon er godkjent (lagret ${formatDate(latest.revision.date)}) og trer i kraft ${formatDate(latest.agreement.meta.validFrom)}.`
      : `Et nyere utkast (${statusName(latest).toLowerCase()}, lagret ${formatDate(latest.revision.date)}) er ikke godkjent ennå.`;
    return {
      heading: 'Dette er gjeldende versjon.',
      lines: [next],
      links: [
        {
          href: urls.compare(id, shortRev(current.revision.rev), shortRev(latest.revision.rev)),
          text: isApproved(latest.agreement.meta)
            ? 'Se hva den nye versjonen endrer'
            : 'Se hva utkastet endrer',
        },
      ],
      color: 'info',
    };
  }

  const lines = [savedLine(version, versions)];
  let heading: string;
  let upcoming = false;
  if (at !== undefined) {
    heading = `Slik avtalen ${validOn(at, today())} ${formatDate(at)}`;
    // A date names the version in force on it, which a later correction can change: to cite, the revision.
    pageLinks.push({
      href: urls.revision(id, version.revision.rev),
      text: `Fast lenke til denne versjonen (revisjon ${version.revision.rev.slice(0, 8)})`,
    });
    lines.push(
      version === current ? 'Dette er også gjeldende versjon i dag.' : 'Dette er ikke gjeldende versjon.',
    );
    if (savedOn(version.revision.date) > at) {
      const recorded = pointInTime(versions, at).recordedThen;
      lines.push(
        `Merk: teksten ble lagret etter ${formatDate(at)}, men er gitt virkning fra ${formatDate(version.agreement.meta.validFrom)}.` +
          (recorded ? '' : ' Gjerde hadde ingen godkjent tekst for datoen lagret før den.'),
      );
      if (recorded && recorded !== version) {
        pageLinks.push({
          href: urls.revision(id, recorded.revision.rev),
          text: `Les teksten som var lagret som gjeldende ${formatDate(at)} (lagret ${formatDate(recorded.revision.date)})`,
        });
      }
    }
  } else {
    const wording = inForceWording(version, versions);
    const { status } = version.agreement.meta;
    upcoming = wording.upcoming;
    if (upcoming) {
      heading = wording.text;
    } else {
      heading = !version.valid
        ? 'Denne versjonen har feil og gjelder ikke.'
        : status === 'utkast' || status === 'til-godkjenning'
          ? 'Dette er et utkast, ikke en godkjent versjon.'
          : current
            ? 'Dette er ikke gjeldende versjon.'
            : 'Avtalen er ikke i kraft i dag.';
      lines.push(wording.text);
    }
  }
  if (current && current !== version)
    pageLinks.unshift({ href: urls.agreement(id), text: 'Les gjeldende versjon' });
  compareWithCurrent();
  pageLinks.push({ href: urls.timeline(id), text: 'Se alle versjoner' });
  return {
    heading,
    upcoming,
    lines,
    links: pageLinks,
    color: version === current || upcoming ? 'info' : 'warning',
  };
}
