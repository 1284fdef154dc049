import { type Request, type Response, Router } from 'express';
import { authorOf, type Principal } from '../../access/principal.js';
import { confirmApproval } from '../../domain/approval-confirmation.js';
import { GjerdeError, httpStatusOf } from '../../domain/errors.js';
import type { Gjerde } from '../../gjerde.js';
import type { Guards } from '../auth/guards.js';
import { bodyObject, jsonBody } from '../drafting-input.js';
import type { Render } from '../views.js';

/**
 * Administrators confirm an approval Gjerde did not record (docs/security.md, «Approvals recorded in
 * Gjerde»): `POST /api/admin/approvals/:rev/confirm` and the page `/admin/godkjenninger`. The confirmation
 * is a commit by the administrator with why, pushed like a save.
 */
export function approvalConfirmationRoutes(gjerde: Gjerde, render: Render, gate: Guards): Router {
  const router = Router();
  router.use(['/admin/godkjenninger', '/api/admin/approvals'], gate.admin);

  async function confirm(req: Request, rev: string, reason: string) {
    const done = await confirmApproval(gjerde.store, authorOf(req.principal as Principal), rev, reason);
    gjerde.sync?.committed();
    return done;
  }

  router.post('/api/admin/approvals/:rev/confirm', async (req: Request<{ rev: string }>, res) => {
    const body = jsonBody(req, ['reason']);
    const done = await confirm(req, req.params.rev, typeof body.reason === 'string' ? body.reason : '');
    res.status(201).json(done);
  });

  const page = (res: Response, status: number, view: Record<string, unknown>) =>
    res
      .status(status)
      .type('html')
      .send(render('admin-approvals', { title: 'Bekreft godkjenning', ...view }));

  router.get('/admin/godkjenninger', (req, res) => {
    const rev = typeof req.query.commit === 'string' ? req.query.commit.slice(0, 40) : '';
    page(res, 200, { form: { rev, reason: '' } });
  });

  router.post('/admin/godkjenninger', async (req, res) => {
    const body = bodyObject(req);
    const form = {
      rev: typeof body.rev === 'string' ? body.rev.trim() : '',
      reason: typeof body.reason === 'string' ? body.reason : '',
    };
    try {
      const done = await confirm(req, form.rev, form.reason);
      page(res, 201, { done, form: { rev: '', reason: '' } });
    } catch (error) {
      if (!(error instanceof GjerdeError)) throw error;
      page(res, httpStatusOf[error.code], { error: error.message, form });
    }
  });

  return router;
}
