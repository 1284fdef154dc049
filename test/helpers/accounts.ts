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
  /** NAV's representative: edits and approves for NAV. */
  kari: {
    username: 'kari',
    name: 'Kari Nordmann',
    email: 'kari@nav.example',
    roles: ['redaktor', 'godkjenner'],
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
  /** An editor for another county: may read Fjordvik's agreements, not change them. */
  utenfor: {
    username: 'utenfor',
    name: 'Una Utenfor',
    email: 'una@nordland.example',
    roles: ['redaktor', 'godkjenner'],
    counties: ['Nordfylket'],
    parties: ['nav-nordfylket'],
  },
  admin: { username: 'admin', name: 'Adam Admin', email: 'admin@fjordvik.example', roles: ['admin'] },
} satisfies Record<string, AccountInput>;

export type PersonaName = keyof typeof personas;

/** Adds the persona with `testPassword` (if it is not there yet). */
export async function ensurePersona(accounts: Accounts, name: PersonaName): Promise<void> {
  const persona = personas[name];
  if (await accounts.get(persona.username)) return;
  const oneTime = await accounts.add(persona);
  await accounts.changePassword(persona.username, oneTime, testPassword);
}

/** A supertest agent signed in as the persona; every request carries the session cookie and CSRF token. */
export async function signedInAgent(app: Express, accounts: Accounts, name: PersonaName) {
  await ensurePersona(accounts, name);
  const agent = request.agent(app);
  const response = await agent
    .post('/api/session')
    .send({ username: personas[name].username, password: testPassword })
    .expect(201);
  agent.set('x-csrf-token', (response.body as { csrfToken: string }).csrfToken);
  return agent;
}
