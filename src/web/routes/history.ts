import { type Request, Router } from 'express';
import { successionNote } from '../../domain/county-splits.js';
import { parameterError } from '../../domain/errors.js';
import { isApproved } from '../../domain/validity.js';
import type { Gjerde } from '../../gjerde.js';
import { verifyHistory } from '../../history/verify.js';
import type { Guards } from '../auth/guards.js';
import {
  presentClauseHistoryJson,
  presentClauseHistoryPage,
  presentCompareJson,
  presentComparePage,
  presentTimelineJson,
  presentTimelinePage,
  presentVerifyPage,
} from '../history-present.js';
import { queryParam } from '../query.js';
import type { Render } from '../views.js';

/** Auditors' pages and API: timeline, compare, clause history, integrity. Thin: parse, call, render. */
export function historyRoutes(gjerde: Gjerde, render: Render, gate: Guards): Router {
  const { history } = gjerde;
  const router = Router();
  /** The integrity check, with the files Gjerde cannot serve and overlapping umbrella agreements. */
  const verify = async () =>
    verifyHistory(gjerde.store, {
      files: gjerde.files,
      overlaps: await gjerde.agreements.umbrellaOverlaps(),
      parentOwners: await gjerde.agreements.parentOwnerConflicts(),
    });

  /** A split county the agreement's history passes through, said once for the whole history. */
  const succession = async (id: string) => {
    const versions = await gjerde.agreements.versions(id);
    const shown = versions.find((version) => isApproved(version.agreement.meta)) ?? versions[0];
    if (!shown) return undefined;
    return successionNote(
      await gjerde.countySplits.current(),
      shown.agreement.meta,
      versions.map((version) => version.agreement.meta),
      await gjerde.agreements.latestMetas(),
    );
  };

  router.get('/api/agreements/:id/history', async (req, res) => {
    const timeline = await history.timeline(req.params.id);
    res.json({ ...presentTimelineJson(timeline), succession: (await succession(req.params.id)) ?? null });
  });

  router.get('/api/agreements/:id/compare', async (req, res) => {
    const comparison = await history.compare(req.params.id, {
      from: queryParam(req, 'from'),
      to: queryParam(req, 'to'),
      names: { from: 'from', to: 'to' },
    });
    res.json(presentCompareJson(comparison));
  });

  router.get('/api/agreements/:id/clauses/:clauseId/history', async (req, res) => {
    res.json(presentClauseHistoryJson(await history.clauseHistory(req.params.id, req.params.clauseId)));
  });

  router.get('/api/admin/integrity', gate.admin, async (_req, res) => {
    res.json(await verify());
  });

  router.get('/avtaler/:id/historikk', async (req, res) => {
    const [timeline, clauses] = await Promise.all([
      history.timeline(req.params.id),
      history.clauses(req.params.id),
    ]);
    res.type('html').send(
      render('history', {
        ...presentTimelinePage(timeline, clauses),
        succession: await succession(req.params.id),
        title: `Historikk: ${timeline.title}`,
      }),
    );
  });

  router.get('/avtaler/:id/sammenlign', async (req, res) => {
    const fra = queryParam(req, 'fra');
    const til = queryParam(req, 'til');
    const view = viewParam(req);
    const source = queryParam(req, 'visning') !== undefined;
    const print = queryParam(req, 'utskrift') !== undefined;
    const [comparison, timeline] = await Promise.all([
      history.compare(req.params.id, { from: fra, to: til, names: { from: 'fra', to: 'til' } }),
      history.timeline(req.params.id),
    ]);
    const page = presentComparePage(
      comparison,
      { view: print ? 'linje' : view, source, print, fra, til },
      timeline.entries,
    );
    res.type('html').send(render('compare', { ...page, title: `Sammenlign versjoner: ${comparison.title}` }));
  });

  router.get('/avtaler/:id/punkter/:clauseId/historikk', async (req, res) => {
    const [clause, timeline] = await Promise.all([
      history.clauseHistory(req.params.id, req.params.clauseId),
      history.timeline(req.params.id),
    ]);
    const page = presentClauseHistoryPage(clause, timeline.title);
    res.type('html').send(render('clause-history', { ...page, title: `Historikk for «${clause.title}»` }));
  });

  router.get('/admin/integritet', gate.admin, async (_req, res) => {
    const report = await verify();
    res.type('html').send(render('verify', { ...presentVerifyPage(report), title: 'Integritetskontroll' }));
  });

  return router;
}

function viewParam(req: Request): 'linje' | 'side' {
  const view = queryParam(req, 'visning');
  if (view === undefined || view === 'linje') return 'linje';
  if (view === 'side') return 'side';
  throw parameterError(
    'invalid-input',
    'visning',
    `Ukjent visning: «${view.slice(0, 60)}»`,
    '«visning» må være «linje» (i teksten) eller «side» (side ved side).',
  );
}
