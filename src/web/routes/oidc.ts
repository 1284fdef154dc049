import { type Request, type Response, Router } from 'express';
import { principalFromClaims } from '../../accounts/claims.js';
import type { OidcSettings } from '../../config.js';
import { redactNationalIds } from '../../domain/personal-data.js';
import { log } from '../../log.js';
import { OidcFailure, oidcClient } from '../auth/oidc.js';
import { regenerate, saveSession } from '../auth/session.js';
import type { Render } from '../views.js';
import { safeReturnPath } from './auth.js';

/**
 * Signing in through OpenID Connect (docs/oidc.md): `/logg-inn/oidc` sends the person to the provider,
 * `/logg-inn/oidc/tilbake` takes them back. The session then holds the person's rights, mapped from
 * the ID token's claims, and no token. Without `GJERDE_OIDC_ISSUER` there are no such routes.
 */
export function oidcRoutes(settings: OidcSettings | undefined, render: Render): Router {
  const router = Router();
  if (!settings) return router;
  const oidc = oidcClient(settings);

  const sendProblem = (res: Response, status: number, heading: string, message: string) => {
    res
      .status(status)
      .type('html')
      .send(render('error', { title: heading, heading, message }));
  };
  const sendFailure = (res: Response, error: unknown) => {
    if (!(error instanceof OidcFailure)) throw error;
    sendProblem(res, error.status, 'Innloggingen ble ikke fullført', error.message);
  };

  router.get('/logg-inn/oidc', async (req, res) => {
    const next = safeReturnPath(req.query.neste);
    if (req.principal) {
      res.redirect(303, next);
      return;
    }
    try {
      const { transaction, url } = await oidc.begin(next);
      req.session.oidcSignIn = transaction;
      await saveSession(req);
      res.redirect(303, url.href);
    } catch (error) {
      sendFailure(res, error);
    }
  });

  router.get('/logg-inn/oidc/tilbake', async (req, res) => {
    const transaction = req.session.oidcSignIn;
    // One use: the answer is checked against this transaction once, whatever the outcome.
    delete req.session.oidcSignIn;
    if (!transaction) {
      sendProblem(
        res,
        400,
        'Innloggingen ble ikke fullført',
        'Innloggingen er utløpt, eller den ble startet i en annen nettleser. Start innloggingen på nytt.',
      );
      return;
    }
    try {
      const claims = await oidc.finish(searchOf(req), transaction);
      const principal = principalFromClaims(claims, settings.mapping);
      if (!principal) {
        log.info(
          { sub: redactNationalIds(String(claims.sub)) },
          'OpenID Connect sign-in refused: no rule of the mapping matches',
        );
        sendProblem(
          res,
          403,
          'Du har ikke tilgang til Gjerde',
          `Du er logget inn hos ${settings.label}, men har ikke tilgang til Gjerde. Be en administrator om tilgang hvis du trenger det.`,
        );
        return;
      }
      await regenerate(req);
      req.session.external = principal;
      await saveSession(req);
      res.redirect(303, transaction.next);
    } catch (error) {
      sendFailure(res, error);
    }
  });

  return router;
}

/** The query string exactly as the provider sent it (`?code=…&state=…&iss=…`). */
function searchOf(req: Request): string {
  return new URL(req.originalUrl, 'http://gjerde.invalid').search;
}
