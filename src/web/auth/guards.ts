import type { NextFunction, Request, Response } from 'express';
import { mayAdminister, mayDraft } from '../../access/policy.js';
import { urls } from '../urls.js';
import type { Render } from '../views.js';

/**
 * The gates in front of the routes. Who may do what, route by route, is the table in docs/security.md;
 * test/security/roles.test.ts holds every route to it. Scope (which agreements an editor may change,
 * which party an approver approves for) is checked by the domain, which knows the agreement.
 */

const signInMessage = 'Du må logge inn for å bruke Gjerde.';
const forbiddenMessage = 'Du har ikke tilgang til dette. Be en administrator om tilgang hvis du trenger det.';

function isApi(req: Request): boolean {
  return req.originalUrl.startsWith('/api/');
}

/** Pages send the person to the sign-in page and back; the API answers 401. */
function unauthenticated(req: Request, res: Response) {
  if (isApi(req)) {
    res.status(401).json({ error: signInMessage });
    return;
  }
  const back = req.method === 'GET' ? req.originalUrl : '/';
  res.redirect(303, urls.signIn(back));
}

function forbidden(render: Render, req: Request, res: Response, message = forbiddenMessage) {
  res.status(403);
  if (isApi(req)) res.json({ error: message });
  else res.type('html').send(render('error', { title: 'Ingen tilgang', heading: 'Ingen tilgang', message }));
}

export interface Guards {
  /** Reading, lookup, history and compare: anyone signed in, or anyone at all with anonymous reading. */
  read: (req: Request, res: Response, next: NextFunction) => void;
  /** Drafting and editing (the agreement's scope is checked when saving). */
  draft: (req: Request, res: Response, next: NextFunction) => void;
  /** Any signed-in person (approving: the party is checked against the person's own). */
  signedIn: (req: Request, res: Response, next: NextFunction) => void;
  admin: (req: Request, res: Response, next: NextFunction) => void;
  /** With a one-time password, nothing but changing it (and signing out) until it is changed. */
  passwordChanged: (req: Request, res: Response, next: NextFunction) => void;
}

export function guards(render: Render, options: { anonymousRead: boolean }): Guards {
  const requiring =
    (allowed: (req: Request) => boolean) => (req: Request, res: Response, next: NextFunction) => {
      if (!req.principal) unauthenticated(req, res);
      else if (!allowed(req)) forbidden(render, req, res);
      else next();
    };
  return {
    read: (req, res, next) => {
      if (req.principal || options.anonymousRead) next();
      else unauthenticated(req, res);
    },
    draft: requiring((req) => req.principal !== undefined && mayDraft(req.principal)),
    signedIn: requiring(() => true),
    admin: requiring((req) => req.principal !== undefined && mayAdminister(req.principal)),
    passwordChanged: (req, res, next) => {
      if (!req.session?.mustChangePassword) {
        next();
        return;
      }
      if (isApi(req)) forbidden(render, req, res, 'Du må bytte engangspassordet før du kan bruke Gjerde.');
      else res.redirect(303, urls.password());
    },
  };
}
