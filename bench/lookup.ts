/**
 * Benchmarks of the lookup (issue 3): cold index build and RSS, in-process latency over 1,000 questions,
 * HTTP throughput (signed in, as every reader is) next to an Express hello-world, and the same questions
 * with `git grep`.
 */
import { type ChildProcess, execFile, fork } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import type { LookupRequest } from '../src/lookup/search.js';
import { signIn } from '../test/crash/service.js';
import { personas } from '../test/helpers/accounts.js';
import { type BenchContext, mb, ms, percentile, type Section } from './harness.js';
import { benchQuestions, grepWords } from './questions.js';

const execFileAsync = promisify(execFile);
const here = import.meta.dirname;
const questionCount = 1000;
const httpSeconds = 10;
const connections = 32;

type Message = { type: string; [key: string]: unknown };

function start(script: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return fork(join(here, script), args, {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

function next(child: ChildProcess, type: string): Promise<Message> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Message) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`benchmark process stopped (${code}) before «${type}»`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function corpusOf(context: BenchContext) {
  if (!context.corpus) throw new Error('the corpus section must run first');
  return context.corpus;
}

function questions(context: BenchContext): LookupRequest[] {
  const cached = context.shared.get('lookup.questions') as LookupRequest[] | undefined;
  if (cached) return cached;
  const made = benchQuestions(corpusOf(context), questionCount);
  context.shared.set('lookup.questions', made);
  return made;
}

async function cannon(
  url: string,
  requests: { method: 'GET'; path: string }[] | undefined,
  headers: Record<string, string> = {},
) {
  const result = await autocannon({
    url,
    connections,
    duration: httpSeconds,
    requests,
    headers,
    timeout: 30,
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    total: result.requests.total,
  };
}

const build: Section = {
  name: 'lookup-build',
  description: 'Kald bygging av oppslagsindeksen i en ny prosess, og RSS etterpå',
  async run(context) {
    const corpus = corpusOf(context);
    const child = start('lookup-server.ts', [corpus.dir]);
    context.shared.set('lookup.server', child);
    context.log('Oppslag: bygger indeksen i en ny prosess …');
    const built = await next(child, 'built');
    const stats = built.stats as {
      versions: number;
      approvedVersions: number;
      documents: number;
      fullParses: number;
    };
    context.shared.set('lookup.buildMs', built.buildMs);
    context.shared.set('lookup.rss', built.rss);
    context.report({
      section: 'oppslag',
      measure: 'kald indeksbygging',
      value: ms(built.buildMs as number),
      target: '≤ 5000 ms',
      met: (built.buildMs as number) <= 5000,
    });
    context.report({
      section: 'oppslag',
      measure: 'RSS etter bygging (etter GC)',
      value: mb(built.rss as number),
      target: '≤ 300 MB',
      met: (built.rss as number) <= 300 * 1024 * 1024,
    });
    context.report({
      section: 'oppslag',
      measure: 'indeksert',
      value: `${stats.versions} versjoner, ${stats.approvedVersions} godkjente, ${stats.documents} søkedokumenter, ${stats.fullParses} fulle parsinger`,
    });
  },
  async cleanup(context) {
    await stop(context.shared.get('lookup.server') as ChildProcess | undefined);
  },
};

const latency: Section = {
  name: 'lookup-latency',
  description: 'Svartid i prosessen over 1 000 varierte spørsmål',
  async run(context) {
    const child = context.shared.get('lookup.server') as ChildProcess;
    const list = questions(context);
    child.send({ type: 'latency', questions: list });
    const result = await next(child, 'latency');
    const times = (result.times as number[]).sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p99 = percentile(times, 99);
    context.shared.set('lookup.p50', p50);
    context.report({
      section: 'oppslag',
      measure: `svartid i prosessen p50 (${times.length} spørsmål)`,
      value: ms(p50),
    });
    context.report({
      section: 'oppslag',
      measure: 'svartid i prosessen p99',
      value: ms(p99),
      target: '≤ 5 ms',
      met: p99 <= 5,
    });
    context.report({ section: 'oppslag', measure: 'svartid i prosessen maks', value: ms(times.at(-1) ?? 0) });
    context.report({
      section: 'oppslag',
      measure: 'spørsmål uten treff',
      value: `${result.empty} av ${result.answered}`,
    });
  },
};

const http: Section = {
  name: 'lookup-http',
  description: `HTTP med ${connections} forbindelser (autocannon), ved siden av Express hello-world`,
  async run(context) {
    const child = context.shared.get('lookup.server') as ChildProcess;
    child.send({ type: 'listen' });
    const { port } = (await next(child, 'listening')) as unknown as { port: number };
    const requests = questions(context)
      .slice(0, 300)
      .map((question) => ({
        method: 'GET' as const,
        path: `/api/lookup?${new URLSearchParams(question as Record<string, string>)}`,
      }));
    const url = `http://127.0.0.1:${port}`;
    const { cookie } = await signIn(url, personas.leser.username);
    context.log(`Oppslag: HTTP-last i ${httpSeconds} s mot Gjerde, innlogget …`);
    const gjerde = await cannon(url, requests, { cookie });
    await stop(child);
    const hello = start('hello-server.ts', []);
    try {
      const { port: helloPort } = (await next(hello, 'listening')) as unknown as { port: number };
      context.log(`Oppslag: HTTP-last i ${httpSeconds} s mot Express hello-world …`);
      const ceiling = await cannon(`http://127.0.0.1:${helloPort}`, undefined);
      const share = gjerde.rps / ceiling.rps;
      context.report({
        section: 'http',
        measure: 'GET /api/lookup, forespørsler/s',
        value: gjerde.rps.toFixed(0),
      });
      context.report({ section: 'http', measure: 'GET /api/lookup, p99', value: `${gjerde.p99} ms` });
      context.report({
        section: 'http',
        measure: 'GET /api/lookup, feil eller ikke-2xx',
        value: String(gjerde.errors),
      });
      context.report({
        section: 'http',
        measure: 'Express hello-world, forespørsler/s',
        value: ceiling.rps.toFixed(0),
      });
      context.report({ section: 'http', measure: 'Express hello-world, p99', value: `${ceiling.p99} ms` });
      context.report({
        section: 'http',
        measure: 'oppslag som andel av hello-world',
        value: `${(share * 100).toFixed(0)} %`,
        target: '≥ 50 %',
        met: share >= 0.5,
      });
    } finally {
      await stop(hello);
    }
  },
};

const gitGrep: Section = {
  name: 'lookup-git-grep',
  description: 'De samme spørsmålene med git grep -i på samme lager',
  async run(context) {
    const corpus = corpusOf(context);
    const list = questions(context).slice(0, 200);
    const times: number[] = [];
    for (const question of list) {
      const words = grepWords(question.q ?? '');
      if (words.length === 0) continue;
      const args = ['grep', '-i', '-l', ...words.flatMap((word) => ['-e', word]), 'HEAD', '--', 'avtaler/'];
      const begin = performance.now();
      await execFileAsync('git', args, { cwd: corpus.dir, maxBuffer: 64 * 1024 * 1024 }).catch(
        () => undefined,
      );
      times.push(performance.now() - begin);
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const lookupP50 = context.shared.get('lookup.p50') as number | undefined;
    context.report({
      section: 'git grep',
      measure: `git grep -i p50 (${times.length} spørsmål, bare HEAD)`,
      value: ms(p50),
    });
    context.report({ section: 'git grep', measure: 'git grep -i p99', value: ms(percentile(times, 99)) });
    if (lookupP50)
      context.report({
        section: 'git grep',
        measure: 'git grep p50 / oppslag p50',
        value: `${(p50 / lookupP50).toFixed(0)} ×`,
      });
  },
};

export const lookupSections: Section[] = [build, latency, http, gitGrep];
