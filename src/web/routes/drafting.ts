import { Router } from 'express';
import type { Gjerde } from '../../gjerde.js';
import type { Guards } from '../auth/guards.js';
import type { Render } from '../views.js';
import { draftingApi } from './drafting/api.js';
import { approvalPages } from './drafting/approval.js';
import { draftingContext } from './drafting/context.js';
import { editorPages } from './drafting/editor.js';
import { newAgreementPages } from './drafting/new-agreement.js';

/**
 * Drafting pages and API: a new agreement from a template, the editor, sending to approval and
 * approving, and what needs attention. Each route's handler is in src/web/routes/drafting/ (one module per
 * part of the journey); handlers read the request, call the drafting service and render. Every change is
 * made by the signed-in person (`actorOf`); the gates let editors draft and signed-in people approve, and
 * the service checks the agreement's scope (which county, which party).
 */
export function draftingRoutes(gjerde: Gjerde, render: Render, gate: Guards): Router {
  const context = draftingContext(gjerde, render);
  const api = draftingApi(context);
  const created = newAgreementPages(context);
  const editor = editorPages(context);
  const approval = approvalPages(context);
  const router = Router();
  router.post('/api/agreements', gate.draft, api.createDraft);
  router.put('/api/agreements/:id', gate.draft, api.saveDraft);
  router.post('/api/agreements/:id/submit', gate.draft, api.submit);
  router.get('/api/agreements/:id/approvals', api.approvals);
  router.post('/api/agreements/:id/approvals', gate.signedIn, api.approve);
  router.post('/api/preview', gate.draft, api.preview);
  router.post('/api/check', gate.draft, api.check);
  router.post('/api/agreements/:id/clause-check', gate.draft, api.checkClause);
  router.get('/api/reviews', api.reviews);
  router.get('/ny', gate.draft, created.templates);
  router.get('/ny/:template', gate.draft, created.form);
  router.post('/ny/:template', gate.draft, created.create);
  router.get('/avtaler/:id/utkast', gate.draft, editor.overview);
  router.get('/avtaler/:id/rediger', gate.draft, editor.editor);
  router.post('/avtaler/:id/rediger', gate.draft, editor.save);
  router.post('/avtaler/:id/rediger/konflikt', gate.draft, editor.resolveConflict);
  router.post('/avtaler/:id/rediger/punkt', gate.draft, editor.saveClause);
  router.get('/avtaler/:id/send', gate.draft, approval.submitPage);
  router.post('/avtaler/:id/send', gate.draft, approval.submit);
  router.get('/avtaler/:id/godkjenn', approval.approvalPage);
  router.post('/avtaler/:id/godkjenn', gate.signedIn, approval.approve);
  return router;
}
