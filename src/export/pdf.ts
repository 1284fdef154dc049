import type { PdfBrowser } from './browser.js';

/** What every page of a PDF says besides its content. Plain text: it is escaped here. */
export interface PrintFrame {
  /** Top left of every page, usually the document's title. */
  header: string;
  /** Top right of every page, in bold: e.g. that this is not the current version. */
  notice?: string;
  /** Lines at the foot of every page (version, valid period, revision); «Side x av y» is added. */
  footer: string[];
}

const margin = { top: '20mm', bottom: '24mm', left: '18mm', right: '18mm' };

/**
 * Prints a complete, self-contained HTML document to an A4 PDF through Chromium's own print (the page's
 * `@media print` styles apply), with the frame as running header and footer. The document must not need
 * the network: the browser context refuses every request, so remote styles or images are simply missing.
 */
export async function htmlToPdf(browser: PdfBrowser, html: string, frame: PrintFrame): Promise<Buffer> {
  return browser.withContext(async (context) => {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
    return page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(frame),
      footerTemplate: footerTemplate(frame),
      margin,
    });
  });
}

/* Header and footer templates are rendered apart from the page: no page styles, tiny default font. */
const frameStyle =
  "box-sizing:border-box;width:100%;padding:0 18mm;font-family:'Liberation Sans','DejaVu Sans',Arial,sans-serif;" +
  'font-size:8pt;line-height:1.35;color:#333;-webkit-print-color-adjust:exact;print-color-adjust:exact;';

function headerTemplate(frame: PrintFrame): string {
  const notice = frame.notice
    ? `<span style="font-weight:700;color:#7a2e00;text-align:right;max-width:55%;">${escapeHtml(frame.notice)}</span>`
    : '';
  return (
    `<div style="${frameStyle}display:flex;justify-content:space-between;gap:6mm;align-items:flex-end;">` +
    `<span style="overflow:hidden;text-overflow:ellipsis;white-space:nowrap;">${escapeHtml(frame.header)}</span>${notice}</div>`
  );
}

function footerTemplate(frame: PrintFrame): string {
  const lines = frame.footer.map((line) => `<div>${escapeHtml(line)}</div>`).join('');
  return (
    `<div style="${frameStyle}"><div style="display:flex;justify-content:space-between;gap:6mm;` +
    `align-items:flex-end;border-top:0.5pt solid #999;padding-top:1.5mm;"><div>${lines}</div>` +
    '<div style="white-space:nowrap;">Side <span class="pageNumber"></span> av <span class="totalPages"></span></div>' +
    '</div></div>'
  );
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
