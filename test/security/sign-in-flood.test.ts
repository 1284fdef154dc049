/**
 * A flood of sign-ins cannot slow a real one down: password checks (argon2id) run at most two at a time,
 * one address has one sign-in in progress at a time, and failed sign-ins are limited per address whatever
 * user names they try; guesses of the current password on «Bytt passord» are limited too.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import {
  hashPassword,
  maxConcurrentPasswordChecks,
  passwordWorkload,
  verifyPassword,
} from '../../src/accounts/passwords.js';
import { failedSignInsPerAddress, wrongCurrentPasswords } from '../../src/web/routes/auth.js';
import { ensurePersona, personas, testPassword } from '../helpers/accounts.js';
import { startTestGjerde } from '../helpers/gjerde.js';

// Every sign-in is a real argon2id check, which takes a second on a busy machine.
jest.setTimeout(120_000);

let server: Awaited<ReturnType<typeof startTestGjerde>>;

beforeAll(async () => {
  // Behind a proxy on loopback, as in production: each client's address is in X-Forwarded-For.
  server = await startTestGjerde({ env: { GJERDE_TRUST_PROXY: 'loopback' } });
  await ensurePersona(server.gjerde.accounts, 'leser');
});
afterAll(async () => {
  await server?.stop();
});

const randomName = () => `x${randomBytes(6).toString('hex')}`;

function signIn(address: string, username: string, password = 'et gjettet passord') {
  return request(server.app)
    .post('/api/session')
    .set('X-Forwarded-For', address)
    .send({ username, password });
}

describe('password checks', () => {
  it(`run at most ${maxConcurrentPasswordChecks} at a time; the rest wait their turn`, async () => {
    const hash = await hashPassword('et passord som sjekkes mange ganger');
    let most = 0;
    const watch = setInterval(() => {
      most = Math.max(most, passwordWorkload().running);
    }, 1);
    try {
      const checks = Array.from({ length: 8 }, (_, n) =>
        verifyPassword(hash, n === 7 ? 'et passord som sjekkes mange ganger' : 'feil'),
      );
      expect(passwordWorkload().running + passwordWorkload().waiting).toBe(8);
      expect(await Promise.all(checks)).toEqual([...Array(7).fill(false), true]);
    } finally {
      clearInterval(watch);
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(maxConcurrentPasswordChecks);
    expect(passwordWorkload()).toEqual({ running: 0, waiting: 0 });
  });
});

describe('failed sign-ins per address', () => {
  it(`stop an address after ${failedSignInsPerAddress} failures with any user names; other addresses sign in`, async () => {
    const attacker = '203.0.113.10';
    for (let n = 0; n < failedSignInsPerAddress; n += 1) await signIn(attacker, randomName()).expect(401);
    const refused = await signIn(attacker, personas.leser.username, testPassword);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/Vent et kvarter/);
    await signIn('203.0.113.11', personas.leser.username, testPassword).expect(201);
  }, 240_000);
});

describe('many clients at one address', () => {
  it('take one place in the queue of password checks: a real sign-in from elsewhere does not wait for them all', async () => {
    // Unknown user names are checked against a decoy hash, made on the first of them: made already.
    await signIn('203.0.113.19', randomName()).expect(401);
    const finished: string[] = [];
    const flood = Array.from({ length: 16 }, (_, n) =>
      signIn('203.0.113.20', randomName()).then((answer) => {
        finished.push(`flood ${n}`);
        return answer;
      }),
    );
    const real = signIn('203.0.113.21', personas.leser.username, testPassword).then((answer) => {
      finished.push('real');
      return answer;
    });
    expect((await real).status).toBe(201);
    // The flood's checks run one after another; the real one gets the next free place.
    expect((await Promise.all(flood)).map((answer) => answer.status)).toEqual(Array(16).fill(401));
    expect(finished.indexOf('real')).toBeLessThan(4);
  });
});

describe('«Bytt passord»', () => {
  it(`refuses after ${wrongCurrentPasswords} wrong current passwords, even the right one; other mistakes do not count`, async () => {
    const agent = await server.as('leser');
    const change = (current: string, password: string) =>
      agent
        .post('/konto/passord')
        .set('X-Forwarded-For', '203.0.113.30')
        .type('form')
        .send({ current, password, repeat: password });
    for (let n = 0; n < 3; n += 1) await change(testPassword, 'kort').expect(422);
    for (let n = 0; n < wrongCurrentPasswords; n += 1) {
      const wrong = await change(`feil passord ${n}`, 'et nytt og langt passord').expect(422);
      expect(wrong.text).toContain('Nåværende passord er feil.');
    }
    const refused = await change(testPassword, 'et nytt og langt passord');
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(/For mange feil passord/);
    // The password is what it was.
    await signIn('203.0.113.31', personas.leser.username, testPassword).expect(201);
  });
});
