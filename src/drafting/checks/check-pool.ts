import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import Tinypool from 'tinypool';
import { GjerdeError } from '../../domain/errors.js';
import { plainMessages } from '../../format/messages.js';
import { type ParsedAgreement, refuseAgreement, refuseBeyondLimits } from '../../format/processor.js';
import { type Analysis, type CheckContext, refusedAnalysis } from './analyze.js';
import type { AnalyzeTask, ValidateTask, Verdict } from './analyze-worker.js';

/**
 * Built, the worker is analyze-worker.js. Run from the TypeScript source (development, tests), a worker
 * thread on Node 20 does not get tsx from `--import`, so a small module registers it and loads the source.
 */
const fromSource = import.meta.url.endsWith('.ts');
const workerFile = new URL(
  fromSource ? './analyze-worker.source.mjs' : './analyze-worker.js',
  import.meta.url,
);

/**
 * Checks that may wait for a thread before new ones are refused with 503. Each waiting check holds one text
 * (at most 200,000 characters: src/format/limits.ts), so 256 hold at most ~100 MB; it must stay well above
 * the number of people saving at once (20 concurrent savers on a 2-core machine waited for one thread).
 */
const queueLimit = 256;

export interface CheckPoolOptions {
  /** Worker threads (default: the cores but one, at least one). */
  threads?: number;
  /** How long one check may take before its worker is stopped (default 10 s). */
  budgetMs?: number;
}

/**
 * Parsing and checking agreement text off the event loop. Markdown's parser is synchronous and, even within
 * the limits checked before it (src/format/limits.ts), a large text takes it a second or more on a loaded
 * machine; in the request's thread that second would hold every other request. Here each check runs in a
 * worker thread (tinypool), with a time budget: a check that takes longer has its worker stopped and is
 * answered with a message instead. Text beyond the limits is refused at once, without a worker.
 */
export class CheckPool {
  private readonly pool: Tinypool;
  private readonly budgetMs: number;

  constructor(options: CheckPoolOptions = {}) {
    const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
    this.budgetMs = options.budgetMs ?? 10_000;
    this.pool = new Tinypool({
      filename: workerFile.href,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
      maxQueue: queueLimit,
    });
  }

  /** `analyze` (the validator, the checks for short and clear, coverage) in a worker. */
  analyze(markdown: string, context: CheckContext, path?: string): Promise<Analysis> {
    const task: Omit<AnalyzeTask, 'started'> =
      path === undefined ? { markdown, context } : { markdown, context, path };
    return this.run('analyzeTask', task, (refused) => refusedAnalysis(refused, context));
  }

  /** The validator's verdict on a text about to be saved, in a worker. */
  validate(markdown: string): Promise<Verdict> {
    return this.run('validateTask', { markdown }, (refused) => ({
      ok: false,
      messages: plainMessages(refused.file),
    }));
  }

  private async run<T>(
    name: string,
    task: Omit<AnalyzeTask, 'started'> | Omit<ValidateTask, 'started'>,
    refusedAs: (refused: ParsedAgreement) => T,
  ): Promise<T> {
    const beyond = refuseBeyondLimits(task.markdown);
    if (beyond) return refusedAs(beyond);
    if (this.pool.queueSize >= this.pool.options.maxQueue)
      throw new GjerdeError('busy', 'Gjerde sjekker mange avtaler akkurat nå. Prøv igjen om litt.');
    // The budget counts from when a thread starts the task, not the wait for one or a thread's start.
    const { port1: started, port2 } = new MessageChannel();
    const budget = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    started.once('message', () => {
      timer = setTimeout(() => budget.abort(), this.budgetMs);
    });
    try {
      return (await this.pool.run(
        { ...task, started: port2 },
        { name, signal: budget.signal, transferList: [port2] },
      )) as T;
    } catch (error) {
      if (!budget.signal.aborted) throw error;
      const seconds = Math.max(1, Math.round(this.budgetMs / 1000));
      return refusedAs(
        refuseAgreement(
          task.markdown,
          `Avtaleteksten tok for lang tid å lese (over ${seconds} ${seconds === 1 ? 'sekund' : 'sekunder'}) og er ikke sjekket. Del den opp i en rammeavtale med delavtaler, eller fjern mye formatering.`,
          { line: 1, column: 1 },
          'too-large',
        ),
      );
    } finally {
      clearTimeout(timer);
      started.close();
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
