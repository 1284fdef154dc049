import { Accounts } from '../../src/accounts/accounts.js';
import { ensurePersona, type PersonaName, personas, testPassword } from '../helpers/accounts.js';

/**
 * Signing in to the real service running in its own process (the logging tests): the persona is added
 * to the accounts file before the service starts, then signs in over HTTP like a script would.
 */

/** Adds the persona to the accounts file the service will read (`GJERDE_ACCOUNTS`). */
export async function addPersona(accountsFile: string, name: PersonaName): Promise<void> {
  await ensurePersona(new Accounts(accountsFile), name);
}

/** Signs in through `POST /api/session`; the headers (session cookie, CSRF token) for every later request. */
export async function signInOverHttp(base: string, name: PersonaName): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: personas[name].username, password: testPassword }),
  });
  if (res.status !== 201) throw new Error(`Sign-in as ${name}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}
