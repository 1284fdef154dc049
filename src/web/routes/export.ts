import { type NextFunction, type Request, type Response, Router } from 'express';
import { agreementPdf } from '../../export/agreement-pdf.js';
import { BrowserUnavailableError } from '../../export/browser.js';
import { compareFilename, comparePdf } from '../../export/compare-pdf.js';
import { exportedVersion, exportFilename } from '../../export/version-facts.js';
import type { Gjerde } from '../../gjerde.js';
import { presentComparePage } from '../history-present.js';
import { queryParam, versionQuery } from '../query.js';
import type { Render } from '../views.js';

const unavailableMessage =
  'PDF-eksport er ikke tilgjengelig akkurat nå: nettleseren Gjerde skriver ut med (Chromium) mangler eller ' +
  'starter ikke på serveren. Last ned avtalen som Word eller Markdown i stedet, og gi beskjed til dem som drifter Gjerde.';

/**
 * Downloads: an agreement as PDF (Chromium's print) or Word, and a compare report as PDF. Same `?rev=` /
 * `?at=` as the agreement page, same `?fra=` / `?til=` as the compare page. Registered before the agreement
 * routes, so `/avtaler/:id.pdf` is not read as an agreement id.
 */
export function exportRoutes(gjerde: Gjerde, render: Render): Router {
  const { pdf: browser, printViews: views, history } = gjerde;
  const router = Router();

  router.get('/avtaler/:id.pdf', async (req, res) => {
    const facts = await exportedVersion(gjerde.agreements, gjerde.store, req.params.id, versionQuery(req));
    sendFile(res, await agreementPdf(browser, views, facts), 'application/pdf', exportFilename(facts, 'pdf'));
  });

  router.get('/avtaler/:id.docx', async (req, res) => {
    const facts = await exportedVersion(gjerde.agreements, gjerde.store, req.params.id, versionQuery(req));
    // Loaded on the first Word export, not at start (the docx library is ~12 MB of RSS).
    const { agreementToDocx } = await import('../../export/docx.js');
    sendFile(res, await agreementToDocx(facts), docxType, exportFilename(facts, 'docx'));
  });

  router.get('/avtaler/:id/sammenlign.pdf', async (req, res) => {
    const fra = queryParam(req, 'fra');
    const til = queryParam(req, 'til');
    const [comparison, timeline] = await Promise.all([
      history.compare(req.params.id, { from: fra, to: til, names: { from: 'fra', to: 'til' } }),
      history.timeline(req.params.id),
    ]);
    const page = presentComparePage(
      comparison,
      { view: 'linje', source: false, print: true, fra, til },
      timeline.entries,
    );
    const html = render('compare', { ...page, title: `Sammenlign versjoner: ${comparison.title}` });
    sendFile(
      res,
      await comparePdf(browser, views, html, comparison),
      'application/pdf',
      compareFilename(comparison),
    );
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!(error instanceof BrowserUnavailableError)) return next(error);
    const heading = 'PDF-eksport er ikke tilgjengelig';
    res
      .status(503)
      .set('Retry-After', '300')
      .type('html')
      .send(render('error', { title: heading, heading, message: unavailableMessage }));
  });

  return router;
}

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function sendFile(res: Response, body: Buffer, type: string, filename: string): void {
  res.attachment(filename);
  res.type(type);
  res.set('X-Content-Type-Options', 'nosniff');
  res.send(body);
}
