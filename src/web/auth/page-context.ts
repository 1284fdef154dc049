import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { type Principal, roleNames } from '../../access/principal.js';
import type { Render } from '../views.js';
import { csrfToken } from './csrf.js';

/**
 * What every page's layout shows about the request: who is signed in (and the sign-out button), and the
 * CSRF token for its forms. Kept per request so that routes render views without passing it along.
 */

interface PageContext {
  principal?: Principal;
  csrfToken?: string;
}

const pageContext = new AsyncLocalStorage<PageContext>();

export function withPageContext(req: Request, res: Response, next: NextFunction) {
  // Anonymous readers get no session (and no token): they have no forms that change anything.
  const context: PageContext = req.principal ? { principal: req.principal, csrfToken: csrfToken(req) } : {};
  // What a signed-in person saw must not come back from the browser's cache after signing out
  // (the Back button) or to the next person at a shared computer.
  if (req.principal) res.set('Cache-Control', 'no-store');
  pageContext.run(context, next);
}

export function withSignedInUser(render: Render): Render {
  return (view, data) => {
    const { principal, csrfToken } = pageContext.getStore() ?? {};
    const currentUser = principal && {
      name: principal.name,
      roles: roleNames(principal.roles).join(', '),
      admin: principal.roles.includes('admin'),
      editor: principal.roles.includes('redaktor'),
    };
    return render(view, { currentUser, csrfToken, ...data });
  };
}
