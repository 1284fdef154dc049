import { Router } from 'express';
import type { Gjerde } from '../../gjerde.js';
import { presentSummary, presentVersion } from '../present.js';
import { versionQuery } from '../query.js';

export function apiRoutes(gjerde: Gjerde): Router {
  const router = Router();
  router.get('/agreements', async (_req, res) => {
    const summaries = await gjerde.agreements.summaries();
    res.json({ agreements: summaries.map((summary) => presentSummary(summary)) });
  });
  router.get('/agreements/:id', async (req, res) => {
    const version = await gjerde.agreements.get(req.params.id, versionQuery(req));
    res.json(presentVersion(version));
  });
  return router;
}
