/**
 * Approvals signed with the key the instances share (`GJERDE_APPROVAL_KEY`, src/store/approval-signature.ts).
 * Each instance's register of approvals is its own (`.git/gjerde-godkjenninger`), so an approval made on
 * one instance and synchronized to another was unconfirmed there. Now: four real instances on one bare
 * remote, over real HTTP: `a` and `b` share a key, `c` has another and `d` none. An approval made on `a`
 * is agreed on `a` and `b`, unconfirmed on `c` and `d` with a Norwegian reason; a commit made with plain git
 * in a clone of the remote, carrying the real approval's message and signature on another text, is
 * unconfirmed everywhere, until an administrator confirms it on `a` (403 for anyone else), which then counts on
 * `a` and `b` only; a restart keeps every verdict.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { personas } from '../helpers/accounts.js';
import { authorEnv, bareRepo, gitWithEnv } from '../helpers/git.js';
import { git, type Instance, settled, startInstance, webhook } from './instances.js';

jest.setTimeout(240_000);

const id = 'nokkel-ramme';
const file = `avtaler/${id}.md`;
const key = 'a'.repeat(24) + '-felles-godkjenningsnokkel';
const otherKey = 'b'.repeat(24) + '-en-helt-annen-nokkel-her';

function agreement(owner: string): string {
  return `---
id: ${id}
tittel: Samarbeidsavtale for nøkkeltest
type: ramme
fylke: Fjordvik
status: utkast
gyldig-fra: 2030-01-01
parter:
  - id: nav-fjordvik
    navn: NAV Fjordvik
  - id: fjordvik-fk
    navn: Fjordvik fylkeskommune
---

# Samarbeidsavtale for nøkkeltest

## 1. Formål

Avtalen brukes i tester av godkjenninger på flere instanser.

## 2. Ansvarsdeling

:::ansvar[Ungdom uten skoleplass]{#uten-skoleplass ansvarlig=${owner} stikkord="skoleplass, inntak"}
Den ansvarlige følger opp ungdom uten skoleplass.
:::
`;
}

let root: string;
let remote: string;
const instances: Record<'a' | 'b' | 'c' | 'd', Instance> = {} as never;
let approval: string;

function start(name: 'a' | 'b' | 'c' | 'd'): Promise<Instance> {
  const keys = { a: key, b: key, c: otherKey, d: undefined };
  const chosen = keys[name];
  return startInstance(root, name, remote, chosen ? { GJERDE_APPROVAL_KEY: chosen } : {});
}

async function latest(instance: Instance) {
  const reader = await instance.as('leser');
  return (await reader.get(`/api/agreements/${id}`).expect(200)).body as {
    revision: { rev: string };
    meta: { status: string };
    approvalWarning: null | { changedIn?: { rev: string } };
  };
}

async function historyOf(instance: Instance, rev: string) {
  const reader = await instance.as('leser');
  const { revisions } = (await reader.get(`/api/agreements/${id}/history`).expect(200)).body as {
    revisions: { rev: string; approval: { complete: boolean } | null; trailers: Record<string, string[]> }[];
  };
  return revisions.find((revision) => revision.rev === rev);
}

async function syncAll(): Promise<void> {
  for (const name of ['b', 'c', 'd'] as const) expect((await webhook(instances[name])).status).toBe(200);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-approval-key-'));
  remote = bareRepo(join(root, 'felles.git'));
  instances.a = await start('a');
  const redaktor = personas.redaktor;
  await instances.a.gjerde.agreements.save(agreement('fjordvik-fk'), {
    author: { name: redaktor.name, email: redaktor.email },
    reason: 'Første utkast',
  });
  await settled(instances.a);
  // Started before the approval: what a first start adopts from the remote counts as recorded.
  instances.b = await start('b');
  instances.c = await start('c');
  instances.d = await start('d');

  const a = instances.a;
  await (await a.as('redaktor')).post(`/api/agreements/${id}/submit`).send({}).expect(200);
  await (await a.as('nina'))
    .post(`/api/agreements/${id}/approvals`)
    .send({ role: 'Direktør', party: 'nav-fjordvik' })
    .expect(201);
  const done = await (await a.as('jonas'))
    .post(`/api/agreements/${id}/approvals`)
    .send({ role: 'Fylkesdirektør', party: 'fjordvik-fk' })
    .expect(201);
  expect(done.body.complete).toBe(true);
  approval = git(a.dataDir, 'rev-parse', 'HEAD');
  await settled(a);
  await syncAll();
});

afterAll(async () => {
  await Promise.allSettled(Object.values(instances).map((instance) => instance.stop()));
  await rm(root, { recursive: true, force: true });
});

describe('an approval made on one instance', () => {
  it('carries a signature in its commit', () => {
    const message = git(instances.a.dataDir, 'log', '-1', '--format=%B', approval);
    expect(message).toMatch(/^Godkjent-av: /m);
    expect(message).toMatch(/^Gjerde-signatur: v1 [0-9a-f]{64}$/m);
  });

  it('is agreed on the instance that made it and on another with the same key', async () => {
    for (const instance of [instances.a, instances.b]) {
      const version = await latest(instance);
      expect(version.revision.rev).toBe(approval);
      expect(version.meta.status).toBe('godkjent');
      expect(version.approvalWarning).toBeNull();
      expect((await historyOf(instance, approval))?.approval?.complete).toBe(true);
    }
  });

  it('is unconfirmed, with the reason, on an instance with another key or none', async () => {
    const reasons = {
      c: 'Signaturen stemmer ikke: godkjenningen er laget med en annen nøkkel',
      d: 'denne Gjerde-instansen har ingen godkjenningsnøkkel (GJERDE_APPROVAL_KEY)',
    };
    for (const name of ['c', 'd'] as const) {
      const version = await latest(instances[name]);
      expect(version.revision.rev).toBe(approval);
      expect(version.approvalWarning).not.toBeNull();
      const revision = await historyOf(instances[name], approval);
      expect(revision?.approval).toBeNull();
      expect(revision?.trailers['Uregistrert-Godkjent-av']).toHaveLength(2);
      expect(revision?.trailers['Uregistrert-grunn']?.[0]).toContain(reasons[name]);
    }
  });
});

let forged: string;
const forgedRev = () => forged;

describe('a commit made with plain git carrying a copied approval and signature', () => {
  beforeAll(async () => {
    // Someone with push access to the remote: a clone, the real approval's whole message (its signature
    // included), the approver's name and date, and another owner of the clause.
    const clone = join(root, 'klone');
    gitWithEnv(root, ['clone', '--quiet', remote, clone]);
    const message = git(clone, 'log', '-1', '--format=%B', approval);
    const [name, email, date] = git(clone, 'log', '-1', '--format=%an%x00%ae%x00%aI', approval).split('\0');
    const text = git(clone, 'show', `${approval}:${file}`).replace(
      'ansvarlig=fjordvik-fk',
      'ansvarlig=nav-fjordvik',
    );
    await writeFile(join(clone, file), `${text}\n`);
    const messageFile = join(root, 'melding');
    await writeFile(messageFile, message);
    const person = { name: name as string, email: email as string };
    gitWithEnv(clone, ['commit', '--quiet', '-a', '-F', messageFile], {
      ...authorEnv(person),
      GIT_AUTHOR_DATE: date as string,
    });
    forged = git(clone, 'rev-parse', 'HEAD');
    expect(git(clone, 'log', '-1', '--format=%B')).toContain('Gjerde-signatur: v1 ');
    gitWithEnv(clone, ['push', '--quiet', 'origin', 'main']);
    expect((await webhook(instances.a)).status).toBe(200);
    await syncAll();
  });

  it('is unconfirmed on every instance, the key or not', async () => {
    for (const instance of Object.values(instances)) {
      const version = await latest(instance);
      expect(version.revision.rev).toBe(forged);
      expect(version.approvalWarning?.changedIn?.rev).toBe(forged);
    }
    const revision = await historyOf(instances.b, forged);
    expect(revision?.trailers['Uregistrert-grunn']?.[0]).toContain('Signaturen stemmer ikke');
  });
});

describe('an administrator who confirms the hand-made approval after checking it', () => {
  const reason = 'Sjekket med begge parter: signert papirkopi 3. desember, arkivert i sak 26/101';

  it('may not be anyone but an administrator', async () => {
    await (await instances.a.as('leser'))
      .post(`/api/admin/approvals/${forgedRev()}/confirm`)
      .send({ reason })
      .expect(403);
    await (await instances.a.as('kari')).get('/admin/godkjenninger').expect(403);
  });

  it('is refused for a commit that is no approval, or one that already counts', async () => {
    const admin = await instances.a.as('admin');
    const first = git(instances.a.dataDir, 'rev-list', '--max-parents=0', 'HEAD');
    const none = await admin.post('/admin/godkjenninger').type('form').send({ rev: first, reason });
    expect(none.status).toBe(400);
    expect(none.text).toContain('har ingen godkjenning');
    const counted = await admin.post(`/api/admin/approvals/${approval}/confirm`).send({ reason }).expect(409);
    expect(counted.body.error).toContain('regnes allerede som godkjent');
  });

  it('makes it agreed on every instance with the key, recorded in git with who and why', async () => {
    const admin = await instances.a.as('admin');
    expect((await admin.get(`/admin/godkjenninger?commit=${forgedRev()}`).expect(200)).text).toContain(
      forgedRev(),
    );
    const done = await admin.post(`/api/admin/approvals/${forgedRev()}/confirm`).send({ reason }).expect(201);
    expect(done.body.confirmed).toBe(forgedRev());
    const logged = git(instances.a.dataDir, 'log', '-1', '--format=%an <%ae>%n%B', done.body.rev);
    expect(logged).toContain(`${personas.admin.name} <${personas.admin.email}>`);
    expect(logged).toContain(reason);
    expect(logged).toContain(`Bekreftet-godkjenning: ${forgedRev()}`);
    expect(logged).toMatch(/^Gjerde-signatur: v1 [0-9a-f]{64}$/m);
    expect((await latest(instances.a)).approvalWarning).toBeNull();
    await settled(instances.a);
    await syncAll();
    expect((await latest(instances.b)).approvalWarning).toBeNull();
    for (const name of ['c', 'd'] as const)
      expect((await latest(instances[name])).approvalWarning).not.toBeNull();
  });
});

describe('a restart', () => {
  it('keeps every verdict', async () => {
    for (const name of ['b', 'c'] as const) {
      await instances[name].stop();
      instances[name] = await start(name);
    }
    const b = await historyOf(instances.b, approval);
    expect(b?.approval?.complete).toBe(true);
    expect((await latest(instances.b)).approvalWarning).toBeNull();
    const c = await historyOf(instances.c, approval);
    expect(c?.approval).toBeNull();
    expect(c?.trailers['Uregistrert-grunn']?.[0]).toContain('Signaturen stemmer ikke');
    expect((await latest(instances.c)).approvalWarning).not.toBeNull();
  });
});
