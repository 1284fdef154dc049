import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import { loadConfig, projectRoot } from '../../src/config.js';
import { type Gjerde, openGjerde } from '../../src/gjerde.js';
import { createApp } from '../../src/web/app.js';
import { loadViews } from '../../src/web/views.js';
import { type PersonaName, signedInAgent } from './accounts.js';

const examplesDir = join(projectRoot, 'agreements');
const seededPrefix = 'gjerde-test-seeded-';
const day = 24 * 60 * 60 * 1000;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * The example agreements seeded by Gjerde's own start-up (a commit per revision, a seal per approved
 * version), made once for each version of the examples and the source and then copied: seeding is the
 * slowest part of starting a test Gjerde, and nearly every suite starts several. The copy is the same
 * real git repository a fresh start makes.
 */
export async function seededStore(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(examplesDir), ...filesUnder(join(projectRoot, 'src'))].sort()) {
    hash.update(relative(projectRoot, file));
    hash.update(readFileSync(file));
  }
  const template = join(tmpdir(), `${seededPrefix}${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(template)) {
    const building = await mkdtemp(join(tmpdir(), 'gjerde-test-seeding-'));
    const gjerde = await openGjerde(
      loadConfig({ GJERDE_DATA: join(building, 'store'), GJERDE_EXAMPLES: examplesDir }),
    );
    await gjerde.close();
    // Whole or not at all; when another test process got there first, its copy is the same.
    await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
    for (const name of readdirSync(tmpdir())) {
      const old = join(tmpdir(), name);
      if (name.startsWith(seededPrefix) && old !== template && Date.now() - statSync(old).mtimeMs > day)
        await rm(old, { recursive: true, force: true });
    }
  }
  return join(template, 'store');
}

/** A Gjerde on a fresh data repository in a temporary folder, seeded from the real example agreements. */
export async function startTestGjerde(options: { examplesDir?: string; env?: NodeJS.ProcessEnv } = {}) {
  const root = await mkdtemp(join(tmpdir(), 'gjerde-test-'));
  const config = loadConfig({
    GJERDE_DATA: join(root, 'store'),
    GJERDE_EXAMPLES: options.examplesDir ?? examplesDir,
    ...options.env,
  });
  // A remote or a replica decides itself what an empty repository gets.
  if (!options.examplesDir && !options.env?.GJERDE_REMOTE && !options.env?.GJERDE_READONLY)
    await cp(await seededStore(), config.dataDir, { recursive: true });
  const gjerde: Gjerde = await openGjerde(config);
  const app = createApp(gjerde, await loadViews(config.viewsDir));
  return {
    gjerde,
    app,
    dataDir: config.dataDir,
    /** A supertest agent signed in as one of the test personas (test/helpers/accounts.ts). */
    as: (persona: PersonaName) => signedInAgent(app, gjerde.accounts, persona),
    async stop() {
      await gjerde.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export type TestGjerde = Awaited<ReturnType<typeof startTestGjerde>>;

/**
 * Something every test in the file uses, started before the first and stopped after the last (`timeout`: the
 * start's own bound, in ms). Its fields are there once a test runs.
 */
export function startedForFile<T extends { stop(): Promise<void> }>(
  start: () => Promise<T>,
  timeout?: number,
): T {
  const started = {} as T;
  beforeAll(async () => {
    Object.assign(started, await start());
  }, timeout);
  afterAll(async () => {
    if (started.stop) await started.stop();
  });
  return started;
}

/** One test Gjerde for every test in the file, with `reader`: a signed-in person without a role, who reads and looks up. */
export function testGjerdeForFile(options: Parameters<typeof startTestGjerde>[0] = {}) {
  return startedForFile(async () => {
    const started = await startTestGjerde(options);
    return { ...started, reader: await started.as('leser') };
  });
}

/** A supertest agent signed in as a test persona (`TestGjerde['as']`). */
export type SignedIn = Awaited<ReturnType<TestGjerde['as']>>;

/**
 * Stands in for an agent that is signed in only once the file's Gjerde has started, so that a suite can name
 * its people once at the top; every use goes to the real agent.
 */
function signedInLater(name: PersonaName, signedIn: () => SignedIn | undefined): SignedIn {
  return new Proxy({} as SignedIn, {
    get(_, key) {
      const agent = signedIn();
      if (!agent)
        throw new Error(`${name} is signed in once the file's Gjerde has started: use it in a test`);
      const value: unknown = Reflect.get(agent, key, agent);
      return typeof value === 'function' ? value.bind(agent) : value;
    },
  });
}

/**
 * One test Gjerde for every test in the file and the people who use it, each signed in before the first test:
 * `const server = testGjerdeWithPeople(['kari', 'nina']); const { kari, nina } = server.people;`.
 */
export function testGjerdeWithPeople<Name extends PersonaName>(
  names: Name[],
  options: Parameters<typeof startTestGjerde>[0] = {},
) {
  const agents = new Map<PersonaName, SignedIn>();
  const people = Object.fromEntries(
    names.map((name) => [name, signedInLater(name, () => agents.get(name))]),
  ) as Record<Name, SignedIn>;
  const server = startedForFile(async () => {
    const started = await startTestGjerde(options);
    for (const name of names) agents.set(name, await started.as(name));
    return { ...started, people };
  }, 120_000);
  // There at once, for the suite to name its people; each is signed in before the first test.
  server.people = people;
  return server;
}

/**
 * Submits an agreement's draft and has each party approve it in turn, as the approval page does; returns the
 * last approval's body, whose `complete` says whether the draft is now the agreement.
 */
export async function submitAndApprove(
  agreement: string,
  submitter: SignedIn,
  approvals: Array<{ by: SignedIn; role: string; party: string }>,
): Promise<{ complete: boolean }> {
  await submitter.post(`/api/agreements/${agreement}/submit`).send({}).expect(200);
  let last = { complete: false };
  for (const { by, role, party } of approvals)
    last = (await by.post(`/api/agreements/${agreement}/approvals`).send({ role, party }).expect(201)).body;
  return last;
}
