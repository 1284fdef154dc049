import type { Express } from 'express';
import request from 'supertest';
import type { AccountInput, Accounts } from '../../src/accounts/accounts.js';

/**
 * The people the tests sign in as: real local accounts in the test's data folder, signed in through
 * the real `POST /api/session`, with the CSRF token the service hands out set on every request.
 */

export const testPassword = 'et langt testpassord som ingen bruker';

export const personas = {
  /** Any signed-in person: reads, looks up, compares. */
  leser: { username: 'leser', name: 'Lise Leser', email: 'lise@fjordvik.example', roles: [] },
  /** An editor for the example county and the templates' Eksempelfylket. */
  redaktor: {
    username: 'redaktor',
    name: 'Rita Redaktør',
    email: 'rita@fjordvik.example',
    roles: ['redaktor'],
    counties: ['Fjordvik', 'Eksempelfylket'],
  },
  /** NAV's representative: edits and approves for NAV, and sits on the cooperation committee. */
  kari: {
    username: 'kari',
    name: 'Kari Nordmann',
    email: 'kari@nav.example',
    roles: ['redaktor', 'godkjenner', 'utvalg'],
    parties: ['nav-fjordvik', 'nav-eksempelfylket', 'nav-strandby'],
  },
  /** The county's representative: edits and approves for the county (and so for OT). */
  ola: {
    username: 'ola',
    name: 'Ola Nordmann',
    email: 'ola@fjordvik.example',
    roles: ['redaktor', 'godkjenner'],
    parties: ['fjordvik-fk', 'eksempelfylket-fk'],
  },
  /** NAV's director: approves for NAV and writes nothing, so she approves what others drafted (four eyes). */
  nina: {
    username: 'nina',
    name: 'Nina Holm',
    email: 'nina@nav.example',
    roles: ['godkjenner'],
    parties: ['nav-fjordvik', 'nav-eksempelfylket', 'nav-strandby'],
  },
  /** The county's director of education: approves for the county (and so for OT), writes nothing. */
  jonas: {
    username: 'jonas',
    name: 'Jonas Haugland',
    email: 'jonas@fjordvik.example',
    roles: ['godkjenner'],
    parties: ['fjordvik-fk', 'eksempelfylket-fk'],
  },
  /** An editor for another county: may read Fjordvik's agreements, not change them. */
  utenfor: {
    username: 'utenfor',
    name: 'Una Utenfor',
    email: 'una@nordland.example',
    roles: ['redaktor', 'godkjenner'],
    counties: ['Nordfylket'],
    parties: ['nav-nordfylket'],
  },
  /** A member of the cooperation committee (samarbeidsutvalget) for the example county and Eksempelfylket. */
  utvalg: {
    username: 'utvalg',
    name: 'Unni Utvalg',
    email: 'unni@fjordvik.example',
    roles: ['utvalg'],
    counties: ['Fjordvik', 'Eksempelfylket'],
  },
  admin: { username: 'admin', name: 'Adam Admin', email: 'admin@fjordvik.example', roles: ['admin'] },
} satisfies Record<string, AccountInput>;

export type PersonaName = keyof typeof personas;

/** Adds the account with `testPassword` instead of a one-time password (if it is not there yet). */
export async function ensureAccount(accounts: Accounts, input: AccountInput): Promise<void> {
  if (await accounts.get(input.username)) return;
  const oneTime = await accounts.add(input);
  await accounts.changePassword(input.username, oneTime, testPassword);
}

export function ensurePersona(accounts: Accounts, name: PersonaName): Promise<void> {
  return ensureAccount(accounts, personas[name]);
}

/**
 * Signs in to a service running in its own process through `POST /api/session`, as a script would;
 * returns the headers (session cookie, CSRF token) for every later request.
 */
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

/** A supertest agent signed in as the persona; every request carries the session cookie and CSRF token. */
export function signedInAgent(app: Express, accounts: Accounts, name: PersonaName) {
  return signedInAs(app, accounts, personas[name]);
}

/** A supertest agent signed in as an account of the test's own (added if it is not there yet). */
export async function signedInAs(app: Express, accounts: Accounts, input: AccountInput) {
  await ensureAccount(accounts, input);
  const agent = request.agent(app);
  const response = await agent
    .post('/api/session')
    .send({ username: input.username, password: testPassword })
    .expect(201);
  agent.set('x-csrf-token', (response.body as { csrfToken: string }).csrfToken);
  return agent;
}

/** A reader of one county only (no roles): how a case worker of that county asks the lookup. */
export function countyReaderAccount(county: string): AccountInput {
  const username = `leser-${county.toLowerCase()}`;
  return {
    username,
    name: `Leser i ${county}`,
    email: `${username}@kystfold.example`,
    roles: [],
    counties: [county],
  };
}

/** A reader signed in for one county only (no roles): how a case worker of that county asks the lookup. */
export function countyReader(app: Express, accounts: Accounts, county: string) {
  return signedInAs(app, accounts, countyReaderAccount(county));
}
