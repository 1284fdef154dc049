import { type Request, Router } from 'express';
import { mayEditGlossary } from '../../access/policy.js';
import { glossaryPath } from '../../domain/glossary-file.js';
import type { Gjerde } from '../../gjerde.js';
import type { Guards } from '../auth/guards.js';
import { actorOf, bodyObject } from '../drafting-input.js';
import { presentFormError, sendFormAgain, typedBack } from '../form-errors.js';
import { presentChanges, presentGlossaryPage, termAnchor } from '../glossary-present.js';
import { presentDataFileHistoryPage } from '../history-present.js';
import { urls } from '../urls.js';
import type { Render } from '../views.js';

type WithTerm = Request<{ term: string }>;

/** The shared glossary: `/begreper` for everyone to read and editors to change, and `/api/glossary`. */
export function glossaryRoutes(gjerde: Gjerde, render: Render, gate: Guards): Router {
  const router = Router();
  const { glossary } = gjerde;

  router.get('/api/glossary', async (_req, res) => {
    const snapshot = await glossary.read();
    res.json({ terms: snapshot.terms, messages: snapshot.messages });
  });

  /** Adds the term, or changes the one with this name (the body may rename it). */
  router.put('/api/glossary/:term', gate.draft, async (req: WithTerm, res) => {
    const body = bodyObject(req);
    const existing = (await glossary.terms()).some(
      (entry) => entry.term.toLocaleLowerCase('nb') === req.params.term.toLocaleLowerCase('nb'),
    );
    const saved = await glossary.save(
      existing ? req.params.term : undefined,
      { term: req.params.term, ...body },
      actorOf(req),
    );
    res.status(existing ? 200 : 201).json(saved);
  });

  router.delete('/api/glossary/:term', gate.draft, async (req: WithTerm, res) => {
    await glossary.remove(req.params.term, actorOf(req));
    res.status(204).end();
  });

  const page = async (req: Request, extra: Record<string, unknown> = {}) =>
    render('glossary', {
      title: 'Begreper',
      ...presentGlossaryPage(await glossary.read(), req.principal ? mayEditGlossary(req.principal) : false),
      changes: presentChanges(await glossary.history(), 5),
      historyHref: urls.glossaryHistory(),
      ...extra,
    });

  router.get('/begreper/historikk', async (_req, res) => {
    res.type('html').send(
      render('data-file-history', {
        title: 'Historikk: Felles begrepsliste',
        fileTitle: 'Felles begrepsliste',
        about: 'Ordene NAV og fylkeskommunen bruker i avtalene, forklart med vanlige ord.',
        parentHref: urls.glossary(),
        parentLabel: 'Begreper',
        selfHref: urls.glossaryHistory(),
        ...presentDataFileHistoryPage(await gjerde.history.dataFile(glossaryPath)),
      }),
    );
  });

  router.get('/begreper', async (req, res) => {
    res.type('html').send(
      await page(req, {
        saved: typeof req.query.lagret === 'string' ? req.query.lagret.slice(0, 80) : undefined,
      }),
    );
  });

  /** A form for a new term, or for changing one (`original`), from the page. */
  router.post('/begreper', gate.draft, async (req, res) => {
    const { original, ...fields } = bodyObject(req) as Record<string, unknown>;
    try {
      const saved = await glossary.save(
        typeof original === 'string' && original ? original : undefined,
        fields,
        actorOf(req),
      );
      res.redirect(303, urls.glossary({ term: saved.term, anchor: termAnchor(saved.term) }));
    } catch (error) {
      await sendFormAgain(res, error, (refused) =>
        page(req, { error: presentFormError(refused), form: typedBack(refused, fields), original }),
      );
    }
  });

  router.post('/begreper/slett', gate.draft, async (req, res) => {
    const { term } = bodyObject(req) as Record<string, unknown>;
    await glossary.remove(typeof term === 'string' ? term : '', actorOf(req));
    res.redirect(303, urls.glossary());
  });

  return router;
}
