import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { type Principal, roleNames } from '../../access/principal.js';
import { urls } from '../urls.js';
import type { Render } from '../views.js';
import { csrfToken } from './csrf.js';

/**
 * What every page's layout shows about the request: who is signed in (and the sign-out button), and the
 * CSRF token for its forms. Kept per request so that routes render views without passing it along.
 */

interface PageContext {
  principal?: Principal;
  csrfToken?: string;
  /** For someone not signed in: signing in, and back to this page. */
  signIn?: string;
}

const pageContext = new AsyncLocalStorage<PageContext>();

export function withPageContext(req: Request, res: Response, next: NextFunction) {
  // Anonymous readers get no session (and no token): they have no forms that change anything.
  const context: PageContext = req.principal
    ? { principal: req.principal, csrfToken: csrfToken(req) }
    : { signIn: req.path === '/logg-inn' ? undefined : urls.signIn(req.originalUrl) };
  // What a signed-in person saw must not come back from the browser's cache after signing out
  // (the Back button) or to the next person at a shared computer.
  if (req.principal) res.set('Cache-Control', 'no-store');
  pageContext.run(context, next);
}

/**
 * The signed-in person for the header, and whether the header offers the site's navigation: not to someone
 * signed out, who can use none of it (unless anonymous reading is on).
 */
export function withSignedInUser(render: Render, options: { anonymousRead: boolean }): Render {
  return (view, data) => {
    const { principal, csrfToken, signIn } = pageContext.getStore() ?? {};
    const roles = principal && roleNames(principal.roles).join(', ');
    const currentUser = principal && {
      name: principal.name,
      // «Administrator (Administrator)» says nothing twice.
      roles: roles === principal.name ? undefined : roles,
      admin: principal.roles.includes('admin'),
      editor: principal.roles.includes('redaktor'),
    };
    const showNavigation = principal !== undefined || options.anonymousRead;
    // An anonymous reader (the only one signed out who sees the navigation) is offered to sign in.
    const signInLink = showNavigation && !principal ? signIn : undefined;
    return render(view, { currentUser, csrfToken, showNavigation, signInLink, ...data });
  };
}
