/**
 * Benchmark for the auditors' features (issue 4), on an existing data repository: compare two revisions
 * about ten years apart of the largest agreement, the timeline of an agreement with about 40 revisions,
 * and one clause's history, each next to the git command that answers the nearest question on the same
 * repository in the same run (`git diff --word-diff`, `git log --follow`, `git log --follow -p`).
 *
 * "cold" is a fresh AgreementHistory (nothing parsed or cached yet; the store's cat-file process is
 * running, as in the service); "warm" is the same request again on the same instance, as a second visitor
 * gets it. Every figure is the median of several runs; ratios are Gjerde ÷ git (target: ≤ 1), for compare
 * the median of the ratios of cold runs taken in turn with git's.
 *
 * Run on its own: `node --import tsx bench/compare.ts [data-repository]`; without a folder it measures a
 * temporary copy of the example agreements, and with `--korpus [scale]` a synthetic national corpus.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Comparer } from '../src/history/compare.js';
import { AgreementHistory } from '../src/history/history.js';
import { seedStore } from '../src/store/seed.js';
import { type Revision, Store } from '../src/store/store.js';
import { ms, type Section } from './harness.js';

export interface Measurement {
  task: string;
  detail: string;
  coldMs: number;
  warmMs: number;
  git: string;
  gitMs: number;
  /** For compare, the median of the ratios of runs in turn with git (`inTurn`). */
  coldRatio: number;
  warmRatio: number;
  /** Compare only: versions already parsed, summary and redline computed again (another pair, same visitor). */
  recomputeMs?: number;
}

const runs = 7;
/** Compare against `git diff --word-diff`, in turn: the figure with a target gets more runs. */
const pairedRuns = 21;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function time(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

function git(dir: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
    const child = spawn('git', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', () => undefined);
    child.stderr.on('data', () => undefined);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git ${args[0]} failed (${code})`)),
    );
  });
}

async function medianOf(task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) times.push(await time(task));
  return median(times);
}

/**
 * Gjerde and git in turn, pair by pair: on a shared machine the load moves within seconds, and seven runs of
 * one then seven of the other put the two in different minutes (the ratio moved 4–15× between runs of the
 * same code at load 20–25). The ratio is the median of the pairs' ratios.
 */
async function inTurn(
  ours: () => Promise<unknown>,
  theirs: () => Promise<unknown>,
): Promise<{ oursMs: number; theirsMs: number; ratio: number }> {
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < pairedRuns; run += 1) {
    oursMs.push(await time(ours));
    theirsMs.push(await time(theirs));
    ratios.push((oursMs.at(-1) as number) / (theirsMs.at(-1) as number));
  }
  return { oursMs: median(oursMs), theirsMs: median(theirsMs), ratio: median(ratios) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function idOf(path: string): string {
  return path.replace(/^avtaler\//, '').replace(/\.md$/, '');
}

/** The revision about ten years after the oldest (or the newest, when the history is shorter). */
function tenYearsApart(revisions: Revision[]): [Revision, Revision] {
  const oldest = revisions[revisions.length - 1] as Revision;
  const target = Date.parse(oldest.date) + 10 * 365.25 * 24 * 3600 * 1000;
  let best = revisions[0] as Revision;
  for (const revision of revisions) {
    if (Math.abs(Date.parse(revision.date) - target) < Math.abs(Date.parse(best.date) - target))
      best = revision;
  }
  return [oldest, best];
}

export async function compareBenchmark(
  storeDir: string,
  log: (line: string) => void,
): Promise<Measurement[]> {
  const store = await Store.open(storeDir);
  try {
    const histories = await store.allHistory();
    const sizes = await Promise.all(
      [...histories.entries()].map(async ([path, revisions]) => ({
        path,
        revisions,
        bytes: (await store.readFile(path))?.length ?? 0,
      })),
    );
    const present = sizes.filter((entry) => entry.bytes > 0 && entry.path.split('/').length === 2);
    const largest = present.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const forty = present.reduce((a, b) =>
      Math.abs(b.revisions.length - 40) < Math.abs(a.revisions.length - 40) ? b : a,
    );
    log(
      `Historikk-benchmark på ${storeDir}: ${histories.size} avtaler, ${[...histories.values()].reduce((sum, list) => sum + list.length, 0)} versjoner.`,
    );
    const results: Measurement[] = [];
    const record = (measurement: Omit<Measurement, 'coldRatio' | 'warmRatio'> & { coldRatio?: number }) => {
      const full: Measurement = {
        ...measurement,
        coldMs: round(measurement.coldMs),
        warmMs: round(measurement.warmMs),
        gitMs: round(measurement.gitMs),
        coldRatio: round(measurement.coldRatio ?? measurement.coldMs / measurement.gitMs),
        warmRatio: round(measurement.warmMs / measurement.gitMs),
      };
      if (measurement.recomputeMs !== undefined) full.recomputeMs = round(measurement.recomputeMs);
      results.push(full);
      const recompute =
        full.recomputeMs !== undefined ? `, tolket men ikke sammenlignet ${full.recomputeMs} ms` : '';
      log(
        `${full.task} (${full.detail}): Gjerde kald ${full.coldMs} ms, varm ${full.warmMs} ms${recompute}; ` +
          `${full.git} ${full.gitMs} ms; forhold kald ${full.coldRatio}, varm ${full.warmRatio} (mål ≤ 1)`,
      );
    };

    // 1. Compare two revisions about ten years apart of the largest agreement.
    const [from, to] = tenYearsApart(largest.revisions);
    const id = idOf(largest.path);
    const compare = (history: AgreementHistory) => history.compare(id, { from: from.rev, to: to.rev });
    const sample = await compare(new AgreementHistory(store));
    const diffArgs =
      from.path === to.path
        ? ['diff', '--word-diff', from.rev, to.rev, '--', to.path]
        : ['diff', '--word-diff', `${from.rev}:${from.path}`, `${to.rev}:${to.path}`];
    const warmCompare = new AgreementHistory(store);
    await compare(warmCompare);
    const cold = await inTurn(
      () => compare(new AgreementHistory(store)),
      () => git(store.dir, diffArgs),
    );
    record({
      task: 'Sammenligning',
      detail: `${id}, ${largest.bytes} byte, ${from.date.slice(0, 10)} → ${to.date.slice(0, 10)}, ${sample.summary.clauses.length} endrede punkter, redline ${sample.redline.status}, ${sample.between.length} revisjoner mellom`,
      coldMs: cold.oursMs,
      coldRatio: cold.ratio,
      warmMs: await medianOf(() => compare(warmCompare)),
      recomputeMs: await medianOf(() =>
        new Comparer(warmCompare.reader).compare(id, { from: from.rev, to: to.rev }),
      ),
      git: 'git diff --word-diff',
      gitMs: cold.theirsMs,
    });

    // 2. The timeline of an agreement with about 40 revisions.
    const timelineId = idOf(forty.path);
    const warmTimeline = new AgreementHistory(store);
    await warmTimeline.timeline(timelineId);
    record({
      task: 'Tidslinje',
      detail: `${timelineId}, ${forty.revisions.length} revisjoner`,
      coldMs: await medianOf(() => new AgreementHistory(store).timeline(timelineId)),
      warmMs: await medianOf(() => warmTimeline.timeline(timelineId)),
      git: 'git log --follow',
      gitMs: await medianOf(() =>
        git(store.dir, ['log', '--follow', '--format=%H%x00%aI%x00%an%x00%B', '--', forty.path]),
      ),
    });

    // 3. One clause's history in the same agreement: the clause that changed most often.
    const catalog = await new AgreementHistory(store).clauses(timelineId);
    let clauseId = catalog[0]?.id ?? '';
    let most = -1;
    const probe = new AgreementHistory(store);
    for (const clause of catalog.slice(0, 30)) {
      const changes = (await probe.clauseHistory(timelineId, clause.id)).entries.length;
      if (changes > most) [clauseId, most] = [clause.id, changes];
    }
    const warmClause = new AgreementHistory(store);
    await warmClause.clauseHistory(timelineId, clauseId);
    record({
      task: 'Punkthistorikk',
      detail: `${timelineId}#${clauseId}, ${most} endringer i ${forty.revisions.length} revisjoner`,
      coldMs: await medianOf(() => new AgreementHistory(store).clauseHistory(timelineId, clauseId)),
      warmMs: await medianOf(() => warmClause.clauseHistory(timelineId, clauseId)),
      git: 'git log --follow -p',
      gitMs: await medianOf(() =>
        git(store.dir, ['log', '--follow', '-p', '--format=%H%x00%aI%x00%an%x00%B', '--', forty.path]),
      ),
    });
    return results;
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const log = (line: string) => console.log(line);
  if (args[0] && args[0] !== '--korpus') {
    await compareBenchmark(args[0], log);
    return;
  }
  const root = await mkdtemp(join(tmpdir(), 'gjerde-bench-history-'));
  try {
    if (args[0] === '--korpus') {
      const { generateCorpus } = await import('./corpus.js');
      const scale = Number(args[1] ?? 1);
      const started = performance.now();
      const corpus = await generateCorpus(join(root, 'korpus'), { scale, onProgress: log });
      log(`Korpus laget på ${Math.round(performance.now() - started)} ms: ${corpus.versions} versjoner.`);
      const store = await Store.open(corpus.dir);
      await store.maintain();
      await store.close();
      await compareBenchmark(corpus.dir, log);
    } else {
      const store = await Store.open(join(root, 'store'));
      await seedStore(store, join(import.meta.dirname, '..', 'agreements'));
      await store.close();
      await compareBenchmark(join(root, 'store'), log);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

/** `npm run bench`: the same measurements on the corpus, compare cold against `git diff --word-diff`. */
export const compareSection: Section = {
  name: 'compare',
  description: 'Sammenligning av to revisjoner ti år fra hverandre, tidslinje og punkthistorikk, mot git',
  async run(context) {
    if (!context.corpus) throw new Error('the corpus section must run first');
    for (const measurement of await compareBenchmark(context.corpus.dir, context.log)) {
      const compare = measurement.task === 'Sammenligning';
      context.report({
        section: 'historikk',
        measure: `${measurement.task} kald / varm mot ${measurement.git}`,
        value: `${ms(measurement.coldMs)} / ${ms(measurement.warmMs)} mot ${ms(measurement.gitMs)} (kald ${measurement.coldRatio} ×)`,
        ...(compare ? { target: '≤ 1 × git', met: measurement.coldRatio <= 1 } : {}),
      });
    }
  },
};
