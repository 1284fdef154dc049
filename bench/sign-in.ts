/**
 * A sign-in flood (issue 12): 16 anonymous clients, each at an address of its own, try random user names
 * as fast as the service answers, each try an argon2id check (against a decoy hash for an unknown name). Meanwhile a real
 * person at another address signs in and reads: how long that takes, against the same without the flood.
 * The service runs behind «a proxy» on loopback (`GJERDE_TRUST_PROXY`), so the addresses come from
 * `X-Forwarded-For`.
 *
 * Run on its own: `node --import tsx bench/sign-in.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../src/config.js';
import { addAccounts, type Service, startService } from '../test/crash/service.js';
import { personas, testPassword } from '../test/helpers/accounts.js';
import { ms, percentile, type Section } from './harness.js';

export interface SignInFigures {
  quiet: { signInMs: number; readMs: number };
  flood: { signInMs: number; signInMaxMs: number; readMs: number; readMaxMs: number; tries: number };
}

const floodClients = 16;

async function timed<T>(task: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

export async function signInBenchmark(log: (line: string) => void): Promise<SignInFigures> {
  const root = await mkdtemp(join(tmpdir(), 'gjerde-bench-sign-in-'));
  let service: Service | undefined;
  let flooding = false;
  try {
    const env = {
      GJERDE_DATA: join(root, 'lager'),
      GJERDE_EXAMPLES: join(projectRoot, 'agreements'),
      GJERDE_TRUST_PROXY: 'loopback',
    };
    await addAccounts(env, [personas.leser]);
    service = await startService(env);
    const url = service.url;
    const signIn = (address: string, username: string, password: string) =>
      fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ username, password }),
      });
    const realSignIn = async () => {
      const answer = await signIn('198.51.100.2', personas.leser.username, testPassword);
      if (answer.status !== 201) throw new Error(`The real sign-in got ${answer.status}`);
      return answer.headers
        .getSetCookie()
        .map((cookie) => cookie.split(';')[0])
        .join('; ');
    };
    const cookie = await realSignIn();
    const read = async () => {
      const answer = await fetch(`${url}/api/agreements`, {
        headers: { cookie, 'x-forwarded-for': '198.51.100.2' },
      });
      if (answer.status !== 200) throw new Error(`The read got ${answer.status}`);
      await answer.text();
    };
    const measure = async (rounds: number) => {
      const signIns: number[] = [];
      const reads: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        signIns.push(await timed(realSignIn));
        for (let n = 0; n < 4; n += 1) reads.push(await timed(read));
      }
      return { signIns: signIns.sort((a, b) => a - b), reads: reads.sort((a, b) => a - b) };
    };
    const quiet = await measure(5);
    log(
      `Uten flom: innlogging p50 ${ms(percentile(quiet.signIns, 50))}, lesing p50 ${ms(percentile(quiet.reads, 50))}`,
    );
    flooding = true;
    let tries = 0;
    const flood = Array.from({ length: floodClients }, async (_, client) => {
      while (flooding) {
        const name = `x${randomBytes(6).toString('hex')}`;
        const answer = await signIn(`198.51.100.${10 + client}`, name, 'et gjettet passord');
        await answer.text();
        tries += 1;
      }
    });
    // Measured once every flooding client has been answered twice (its address has failed to sign in).
    while (tries < 2 * floodClients) await new Promise((resolve) => setTimeout(resolve, 100));
    const during = await measure(5);
    flooding = false;
    await Promise.all(flood);
    const figures: SignInFigures = {
      quiet: { signInMs: percentile(quiet.signIns, 50), readMs: percentile(quiet.reads, 50) },
      flood: {
        signInMs: percentile(during.signIns, 50),
        signInMaxMs: percentile(during.signIns, 100),
        readMs: percentile(during.reads, 50),
        readMaxMs: percentile(during.reads, 100),
        tries,
      },
    };
    log(
      `Under flom fra ${floodClients} klienter (${tries} forsøk): innlogging p50 ${ms(figures.flood.signInMs)} ` +
        `(maks ${ms(figures.flood.signInMaxMs)}), lesing p50 ${ms(figures.flood.readMs)} (maks ${ms(figures.flood.readMaxMs)})`,
    );
    return figures;
  } finally {
    flooding = false;
    await service?.kill();
    await rm(root, { recursive: true, force: true });
  }
}

export const signInSection: Section = {
  name: 'sign-in-flood',
  description: `Innlogging og lesing mens ${floodClients} klienter prøver tilfeldige brukernavn`,
  async run(context) {
    const figures = await signInBenchmark(context.log);
    const section = 'innlogging';
    context.report({ section, measure: 'innlogging p50, uten flom', value: ms(figures.quiet.signInMs) });
    context.report({
      section,
      measure: 'innlogging p50 (maks), under flom',
      value: `${ms(figures.flood.signInMs)} (${ms(figures.flood.signInMaxMs)})`,
      target: 'under 1 s',
      met: figures.flood.signInMaxMs < 1000,
    });
    context.report({
      section,
      measure: 'lesing p50 (maks), under flom',
      value: `${ms(figures.flood.readMs)} (${ms(figures.flood.readMaxMs)})`,
    });
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await signInBenchmark((line) => console.log(line));
}
