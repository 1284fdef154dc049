import { type RequestHandler, Router } from 'express';
import type { Gjerde } from '../../gjerde.js';
import type { Guards } from '../auth/guards.js';
import type { Render } from '../views.js';
import { draftingApi } from './drafting/api.js';
import { approvalPages } from './drafting/approval.js';
import { draftingContext } from './drafting/context.js';
import { editorPages } from './drafting/editor.js';
import { newAgreementPages } from './drafting/new-agreement.js';
import { ownAgreementPages } from './drafting/own-agreement.js';

/**
 * Drafting pages and API: a new agreement from a template or, for a successor county, from a dissolved
 * county's text, the editor, sending to approval and
 * approving, and what needs attention. Each route's handler is in src/web/routes/drafting/ (one module per
 * part of the journey); handlers read the request, call the drafting service and render. Every change is
 * made by the signed-in person (`actorOf`); the gates let editors draft and signed-in people approve, and
 * the service checks the agreement's scope (which county, which party).
 */
/** A handler or gate of the table: every path's parameters are an agreement's `id` or a `template`. */
type Handler = RequestHandler<{ id: string; template: string }>;

export function draftingRoutes(gjerde: Gjerde, render: Render, gate: Guards): Router {
  const context = draftingContext(gjerde, render);
  const api = draftingApi(context);
  const created = newAgreementPages(context);
  const own = ownAgreementPages(context);
  const editor = editorPages(context);
  const approval = approvalPages(context);
  // The area's table: each path with its methods, a method's gate (if any) before its handler.
  const routes: Record<string, Partial<Record<'get' | 'post' | 'put', Handler | [Handler, Handler]>>> = {
    '/api/agreements': { post: [gate.draft, api.createDraft] },
    '/api/agreements/:id': { put: [gate.draft, api.saveDraft] },
    '/api/agreements/:id/submit': { post: [gate.draft, api.submit] },
    '/api/agreements/:id/approvals': { get: api.approvals, post: [gate.signedIn, api.approve] },
    '/api/preview': { post: [gate.draft, api.preview] },
    '/api/check': { post: [gate.draft, api.check] },
    '/api/agreements/:id/clause-check': { post: [gate.draft, api.checkClause] },
    '/api/reviews': { get: api.reviews },
    '/ny': { get: [gate.draft, created.templates] },
    '/ny/:template': { get: [gate.draft, created.form], post: [gate.draft, created.create] },
    '/avtaler/:id/egen-avtale': { get: [gate.draft, own.page], post: [gate.draft, own.create] },
    '/avtaler/:id/utkast': { get: [gate.draft, editor.overview] },
    '/avtaler/:id/rediger': { get: [gate.draft, editor.editor], post: [gate.draft, editor.save] },
    '/avtaler/:id/rediger/konflikt': { post: [gate.draft, editor.resolveConflict] },
    '/avtaler/:id/rediger/punkt': { post: [gate.draft, editor.saveClause] },
    '/avtaler/:id/send': { get: [gate.draft, approval.submitPage], post: [gate.draft, approval.submit] },
    '/avtaler/:id/godkjenn': { get: approval.approvalPage, post: [gate.signedIn, approval.approve] },
  };
  const router = Router();
  for (const [path, methods] of Object.entries(routes))
    for (const [method, handlers] of Object.entries(methods))
      router[method as keyof typeof methods](path, ...[handlers].flat());
  return router;
}
