import { agreementKinds } from '../format/vocabulary.js';
import { formatDate } from '../format/wording.js';
import { agreementForPage } from '../render/agreement-html.js';
import type { PdfBrowser } from './browser.js';
import { htmlToPdf } from './pdf.js';
import type { AgreementPrintData, PrintFact, PrintViews } from './print-view.js';
import {
  footerLines,
  headerNotice,
  signatoriesFact,
  unrecordedNotice,
  type VersionFacts,
} from './version-facts.js';

/** An agreement as an A4 PDF: facts box, the sanitized agreement text, version and revision on every page. */
export async function agreementPdf(
  browser: PdfBrowser,
  views: PrintViews,
  facts: VersionFacts,
): Promise<Buffer> {
  const html = await views.agreement(agreementPrintData(facts));
  const notice = headerNotice(facts);
  return htmlToPdf(browser, html, {
    header: facts.title,
    ...(notice ? { notice } : {}),
    footer: footerLines(facts),
  });
}

export function agreementPrintData(facts: VersionFacts): AgreementPrintData {
  const { version } = facts;
  const { meta } = version.agreement;
  // The agreement's own `#` heading is the printed title, above the facts box.
  const { titleHtml, html } = agreementForPage(version.markdown, version.agreement);
  const rows: PrintFact[] = [
    { label: 'Type', value: agreementKinds[meta.kind] ?? meta.kind },
    { label: 'Status', value: facts.status },
    { label: 'Gyldig', value: facts.validPeriod },
  ];
  if (meta.reviewBy) rows.push({ label: 'Neste revisjon', value: formatDate(meta.reviewBy) });
  rows.push({ label: 'Fylke', value: meta.county });
  if (meta.parent) rows.push({ label: 'Hører under', value: meta.parent });
  rows.push({ label: 'Parter', list: meta.parties.map((party) => party.name) });
  const signatories = signatoriesFact(facts);
  if (signatories) rows.push({ label: signatories.label, list: signatories.lines });
  rows.push(
    { label: 'Versjon', value: `Nr. ${facts.number}, lagret ${facts.savedOn} av ${facts.savedBy}` },
    { label: 'Begrunnelse', value: version.revision.reason },
    { label: 'Revisjon', value: facts.rev, code: true },
  );
  const data: AgreementPrintData = { title: facts.title, example: meta.example, facts: rows, html };
  if (titleHtml !== undefined) data.headingHtml = titleHtml;
  const warning = unrecordedNotice(facts);
  if (warning) data.warning = warning;
  if (facts.notice) {
    data.notice = {
      heading: facts.notice,
      lines: [
        facts.isCurrent
          ? 'Teksten er den samme som i versjonen som gjelder i dag.'
          : 'Dette er ikke avtalen slik den gjelder i dag. Se gjeldende versjon i Gjerde.',
        ...(facts.savedAfter ? [facts.savedAfter] : []),
      ],
    };
  }
  return data;
}
