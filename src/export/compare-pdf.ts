import { agreementStatuses } from '../format/vocabulary.js';
import { describePeriod, formatDate } from '../format/wording.js';
import type { CompareSide, Comparison } from '../history/compare.js';
import type { PdfBrowser } from './browser.js';
import { htmlToPdf, type PrintFrame } from './pdf.js';
import type { PrintViews } from './print-view.js';

/**
 * A compare report as a PDF: the compare page as the service renders it in its print form (`page`), made
 * self-contained, with both versions named on every page.
 */
export async function comparePdf(
  browser: PdfBrowser,
  views: PrintViews,
  page: string,
  comparison: Comparison,
): Promise<Buffer> {
  return htmlToPdf(browser, await views.standalone(page), compareFrame(comparison));
}

export function compareFrame(comparison: Comparison): PrintFrame {
  return {
    header: `Sammenligning: ${comparison.title}`,
    footer: [`Fra: ${sideLine(comparison.from)}`, `Til: ${sideLine(comparison.to)}`],
  };
}

/** «nr. 3 (godkjent), lagret 4. september 2017, gyldig 1. januar 2017 – 31. desember 2018 · rev. 0ca613aa» */
function sideLine(side: CompareSide): string {
  const status = (agreementStatuses[side.status] ?? side.status).toLowerCase();
  const period = describePeriod(side.validFrom, side.validTo);
  return (
    `nr. ${side.index + 1} (${status}), lagret ${formatDate(side.date)}` +
    `${period ? `, gyldig ${period}` : ''} · rev. ${side.rev.slice(0, 8)}`
  );
}

export function compareFilename(comparison: Comparison): string {
  return `${comparison.id}_sammenligning_${comparison.from.rev.slice(0, 8)}-${comparison.to.rev.slice(0, 8)}.pdf`;
}
