import type { AgreementVersion } from '../domain/agreements.js';
import { agreementStatuses } from '../format/vocabulary.js';
import { describePeriod, formatDate } from '../format/wording.js';
import { inForcePeriods, pointInTime, savedOn } from '../history/periods.js';
import { links, shortRev } from './history-present.js';

export interface VersionBanner {
  heading: string;
  lines: string[];
  links: Array<{ href: string; text: string }>;
  /** `warning` when the page is not the current version, `info` otherwise. */
  color: 'warning' | 'info';
}

function statusName(version: AgreementVersion): string {
  const { status } = version.agreement.meta;
  return agreementStatuses[status] ?? status;
}

function savedLine(version: AgreementVersion): string {
  const { meta } = version.agreement;
  const period = describePeriod(meta.validFrom, meta.validTo);
  return (
    `Versjonen lagret ${formatDate(version.revision.date)} av ${version.revision.author.name} ` +
    `(${statusName(version).toLowerCase()})${period ? `, gyldig ${period}` : ''}.`
  );
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
      href: links.compare(id, shortRev(older.revision.rev), shortRev(newer.revision.rev)),
      text: 'Sammenlign med gjeldende versjon',
    });
  };

  if (version === current && at === undefined) {
    if (!latest || latest === current) return undefined;
    return {
      heading: 'Dette er gjeldende versjon.',
      lines: [
        `Et nyere utkast (${statusName(latest).toLowerCase()}, lagret ${formatDate(latest.revision.date)}) er ikke godkjent ennå.`,
      ],
      links: [
        {
          href: links.compare(id, shortRev(current.revision.rev), shortRev(latest.revision.rev)),
          text: 'Se hva utkastet endrer',
        },
      ],
      color: 'info',
    };
  }

  const lines = [savedLine(version)];
  let heading: string;
  if (at !== undefined) {
    heading = `Slik avtalen gjaldt ${formatDate(at)}`;
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
          href: links.read(id, recorded.revision.rev),
          text: `Les teksten som var lagret som gjeldende ${formatDate(at)} (lagret ${formatDate(recorded.revision.date)})`,
        });
      }
    }
  } else {
    const periods = inForcePeriods(
      versions.map((candidate) => ({ meta: candidate.agreement.meta, candidate })),
    );
    const mine = [...periods.entries()].find(([key]) => key.candidate === version)?.[1] ?? [];
    const { status } = version.agreement.meta;
    heading =
      status === 'utkast' || status === 'til-godkjenning'
        ? 'Dette er et utkast, ikke en godkjent versjon.'
        : current
          ? 'Dette er ikke gjeldende versjon.'
          : 'Avtalen er ikke i kraft i dag.';
    lines.push(
      mine.length > 0
        ? `Den var i kraft ${mine.map((period) => describePeriod(period.from, period.to)).join(', ')}.`
        : 'Den har aldri vært i kraft.',
    );
  }
  if (current && current !== version)
    pageLinks.unshift({ href: `/avtaler/${encodeURIComponent(id)}`, text: 'Les gjeldende versjon' });
  compareWithCurrent();
  pageLinks.push({ href: links.timeline(id), text: 'Se alle versjoner' });
  return { heading, lines, links: pageLinks, color: version === current ? 'info' : 'warning' };
}
