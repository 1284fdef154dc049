/**
 * Sessions outlive the process and are shared: two instances on one git remote behind one address (a
 * round-robin proxy), with the default SQLite store and with Redis (a server of the test's own). A sign-in
 * on one is valid on the other, a restart of both keeps it, signing out through one ends it on both, and
 * a user removed as `gjerde users remove` does it is out on both at the next request.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import request from 'supertest';
import { Accounts } from '../../src/accounts/accounts.js';
import { renewEveryMs } from '../../src/web/auth/session.js';
import { ensurePersona, type PersonaName, signInOverHttp } from '../helpers/accounts.js';
import { bareRepo } from '../helpers/git.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { type ProxyServer, roundRobinProxy } from '../helpers/proxy.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';
import { type Instance, startInstance } from '../sync/instances.js';

const sessionSecret = 'en hemmelighet som alle instansene deler, lang nok';

describe.each(['sqlite', 'redis'] as const)('sessions in %s, two instances behind one address', (kind) => {
  let root: string;
  let remote: string;
  let redis: RedisServer | undefined;
  let env: Record<string, string> = {};
  let instances: Instance[] = [];
  let proxy: ProxyServer;

  const startBoth = async () => {
    instances = [await startInstance(root, 'a', remote, env), await startInstance(root, 'b', remote, env)];
  };
  const stopBoth = () => Promise.all(instances.map((instance) => instance.stop()));
  const session = (base: string, headers: Record<string, string>) =>
    fetch(`${base}/api/session`, { headers });
  const signedInAs = async (base: string, headers: Record<string, string>) => {
    const response = await session(base, headers);
    return response.status === 200
      ? ((await response.json()) as { user: { username: string } }).user.username
      : response.status;
  };
  const signIn = async (persona: PersonaName) => {
    await ensurePersona(instances[0]?.gjerde.accounts as Accounts, persona);
    return signInOverHttp(proxy.url, persona);
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), `gjerde-sessions-${kind}-`));
    remote = bareRepo(join(root, 'felles.git'));
    if (kind === 'redis') {
      redis = await startRedis(root);
      env = { GJERDE_SESSION_STORE: redis.url, GJERDE_SESSION_SECRET: sessionSecret };
    }
    await startBoth();
    proxy = await roundRobinProxy(() => instances.map((instance) => instance.url));
  });

  afterAll(async () => {
    await stopBoth();
    await proxy?.close();
    await redis?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('shares a sign-in: each request goes to the other instance and is still signed in', async () => {
    const headers = await signIn('leser');
    const before = proxy.served.length;
    for (let request = 0; request < 4; request += 1)
      expect(await signedInAs(proxy.url, headers)).toBe('leser');
    expect(new Set(proxy.served.slice(before))).toEqual(new Set(instances.map((instance) => instance.url)));
  });

  it('ends a session on both when the person signs out through one, with the token the other gave', async () => {
    const headers = await signIn('kari');
    expect(await signedInAs(proxy.url, headers)).toBe('kari');
    // The lookup, which keeps the cookies whose signature held (readingSession), has seen this one on both.
    for (const instance of instances)
      expect((await fetch(`${instance.url}/api/lookup?q=OT`, { headers })).status).toBe(200);
    // Without the session's CSRF token, signing out is refused (the token is part of the shared session).
    const forged = await fetch(`${proxy.url}/api/session`, {
      method: 'DELETE',
      headers: { ...headers, 'x-csrf-token': 'feil' },
    });
    expect(forged.status).toBe(403);
    const out = await fetch(`${proxy.url}/api/session`, { method: 'DELETE', headers });
    expect(out.status).toBe(204);
    for (const instance of instances) {
      expect(await signedInAs(instance.url, headers)).toBe(401);
      expect((await fetch(`${instance.url}/api/lookup?q=OT`, { headers })).status).toBe(401);
    }
  });

  it('keeps the sign-in when both instances restart', async () => {
    const headers = await signIn('leser');
    await stopBoth();
    await startBoth();
    for (const instance of instances) expect(await signedInAs(instance.url, headers)).toBe('leser');
  });

  it('signs a removed user out on both at the next request', async () => {
    const headers = await signIn('leser');
    for (const instance of instances) expect(await signedInAs(instance.url, headers)).toBe('leser');
    // As `gjerde users remove leser` does it: through the accounts file, not through either instance.
    await new Accounts(instances[0]?.gjerde.accounts.path as string).remove('leser');
    // The lookup reads its session without express-session (readingSession); it ends it all the same.
    for (const instance of instances)
      expect((await fetch(`${instance.url}/api/lookup?q=OT`, { headers })).status).toBe(401);
    for (const instance of instances) expect(await signedInAs(instance.url, headers)).toBe(401);
  });
});

describe('reading does not write the session', () => {
  let gjerde: Awaited<ReturnType<typeof startTestGjerde>>;
  let db: Database.Database;
  const row = () =>
    db.prepare('SELECT data, expires FROM sessions').get() as { data: string; expires: number } | undefined;
  const write = (sql: string, ...values: number[]) => {
    const writable = new Database(db.name);
    writable.prepare(sql).run(...values);
    writable.close();
  };
  /** As if every session's expiry was last moved longer ago than renewEveryMs. */
  const renewalDue = () =>
    write(
      "UPDATE sessions SET data = json_set(data, '$.renewedAt', json_extract(data, '$.renewedAt') - ?)",
      renewEveryMs + 1000,
    );

  beforeAll(async () => {
    gjerde = await startTestGjerde();
    const store = gjerde.gjerde.config.sessionStore;
    if (store.kind !== 'sqlite') throw new Error('the default store is SQLite');
    db = new Database(store.file, { readonly: true });
  });

  afterAll(async () => {
    db.close();
    await gjerde.stop();
  });

  it('sends no new cookie and writes nothing on signed-in reads until the expiry is due to move', async () => {
    const reader = await gjerde.as('leser');
    // The first request after signing in sets when the expiry was last moved.
    await reader.get('/api/session').expect(200);
    const stored = row();
    for (const path of ['/api/session', '/api/lookup?q=OT', '/', '/api/session']) {
      const response = await reader.get(path).expect(200);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(row()).toEqual(stored);
    // Once the expiry was last moved longer ago than renewEveryMs, the next request moves it and sends a cookie.
    renewalDue();
    const renewed = await reader.get('/api/session').expect(200);
    expect(renewed.headers['set-cookie']?.[0]).toMatch(/^gjerde\.sid=/);
    expect(row()?.expires).toBeGreaterThan(stored?.expires ?? Number.POSITIVE_INFINITY);
  });

  it('moves the expiry on the lookup API too when it is due, and refuses a forged cookie there', async () => {
    // One session in the store, this test's.
    write('DELETE FROM sessions');
    const reader = await gjerde.as('leser');
    await reader.get('/api/session').expect(200);
    const stored = row();
    renewalDue();
    const renewed = await reader.get('/api/lookup?q=OT').expect(200);
    expect(renewed.headers['set-cookie']?.[0]).toMatch(/^gjerde\.sid=/);
    expect(row()?.expires).toBeGreaterThan(stored?.expires ?? Number.POSITIVE_INFINITY);
    // The same session id with another signature is no session.
    const cookie = (renewed.headers['set-cookie']?.[0] ?? '').split(';')[0] as string;
    const forged = `${cookie.slice(0, -4)}${cookie.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await request(gjerde.app).get('/api/lookup?q=OT').set('cookie', forged).expect(401);
    await request(gjerde.app).get('/api/lookup?q=OT').set('cookie', cookie).expect(200);
  });
});
