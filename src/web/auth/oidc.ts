import type { Configuration, IDToken } from 'openid-client';
import type { OidcSettings } from '../../config.js';
import { log } from '../../log.js';

/**
 * Signing in through OpenID Connect (ID-porten, Entra ID…): the authorization code flow with PKCE,
 * state and nonce, by openid-client. Gives the validated ID token's claims and nothing else: tokens
 * are never kept, and what the claims grant is the mapping's business (src/accounts/claims.ts).
 */

/** What the session holds between sending the person to the provider and their return. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go after signing in: already a safe local path. */
  next: string;
}

declare module 'express-session' {
  interface SessionData {
    oidcSignIn: OidcTransaction;
  }
}

/** A sign-in that cannot go on, with the status and the Norwegian message to show. */
export class OidcFailure extends Error {
  constructor(
    readonly status: 400 | 403 | 502,
    message: string,
  ) {
    super(message);
  }
}

const unavailable =
  'Innloggingstjenesten svarer ikke som den skal. Prøv igjen om litt, eller logg inn med brukernavn og passord.';
const denied = 'Innloggingen ble avbrutt eller avvist hos innloggingstjenesten.';
const rejected = 'Svaret fra innloggingstjenesten kunne ikke godtas. Start innloggingen på nytt.';

/** openid-client's codes for an answer that fails validation (state, nonce, issuer, signature, expiry). */
const invalidAnswer = new Set([
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
]);

export interface OidcClient {
  /** A fresh transaction for the session and the provider's address to send the person to. */
  begin(next: string): Promise<{ transaction: OidcTransaction; url: URL }>;
  /** The validated ID token's claims, from the query string the provider sent the person back with. */
  finish(search: string, transaction: OidcTransaction): Promise<Record<string, unknown>>;
}

type OpenIdClient = typeof import('openid-client');
let openIdClient: Promise<OpenIdClient> | undefined;

/**
 * openid-client (and jose below it, ≈8 MB of a process's memory) is imported at the first sign-in through a
 * provider, not at start.
 */
function loadOpenIdClient(): Promise<OpenIdClient> {
  openIdClient ??= import('openid-client');
  return openIdClient;
}

export function oidcClient(settings: OidcSettings): OidcClient {
  // Discovered at the first sign-in, not at start: a provider that is down must not stop Gjerde
  // (local accounts still work); a failed discovery is tried again at the next sign-in.
  let discovered: Promise<Configuration> | undefined;
  const configuration = () => {
    discovered ??= discover(settings).catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };

  return {
    async begin(next) {
      try {
        const client = await loadOpenIdClient();
        const config = await configuration();
        const transaction = {
          state: client.randomState(),
          nonce: client.randomNonce(),
          codeVerifier: client.randomPKCECodeVerifier(),
          next,
        };
        const url = client.buildAuthorizationUrl(config, {
          redirect_uri: settings.redirectUri,
          scope: settings.scope,
          code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
          code_challenge_method: 'S256',
          state: transaction.state,
          nonce: transaction.nonce,
          ui_locales: 'nb',
        });
        return { transaction, url };
      } catch (error) {
        // Only discovery talks to the provider here: whatever fails, the provider could not be used.
        throw failure(error, 502, unavailable);
      }
    },

    async finish(search, transaction) {
      const client = await loadOpenIdClient();
      try {
        const answer = new URL(settings.redirectUri);
        answer.search = search;
        const tokens = await client.authorizationCodeGrant(await configuration(), answer, {
          pkceCodeVerifier: transaction.codeVerifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
        });
        // Never undefined: with `expectedNonce`, an answer without an ID token is refused above.
        return tokens.claims() as IDToken;
      } catch (error) {
        if (error instanceof client.AuthorizationResponseError && error.error === 'access_denied')
          throw failure(error, 403, denied);
        if (error instanceof client.ClientError && invalidAnswer.has(error.code ?? ''))
          throw failure(error, 400, rejected);
        throw failure(error, 502, unavailable);
      }
    },
  };
}

async function discover(settings: OidcSettings): Promise<Configuration> {
  const client = await loadOpenIdClient();
  const issuer = new URL(settings.issuer);
  return client.discovery(
    issuer,
    settings.clientId,
    settings.clientSecret,
    settings.clientSecret === undefined ? client.None() : undefined,
    {
      timeout: 10,
      // The configuration allows http only for a provider on this machine (development and tests).
      ...(issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
    },
  );
}

/** Logs what went wrong (the message and code only: causes may hold claims) and says it in Norwegian. */
function failure(error: unknown, status: OidcFailure['status'], message: string): OidcFailure {
  const { name, message: reason, code, error: providerError } = Object(error) as Record<string, unknown>;
  log.warn({ name, reason, code, providerError, status }, 'OpenID Connect sign-in failed');
  return new OidcFailure(status, message);
}
