/** What the check pool (check-pool.ts) runs in its worker threads: the same functions, on plain data. */
import type { MessagePort } from 'node:worker_threads';
import { type PlainMessage, plainMessages } from '../../format/messages.js';
import { parseAgreement } from '../../format/processor.js';
import { type Analysis, analyze, type CheckContext } from './analyze.js';

/** Every task says on `started` when it starts: the pool's time budget counts from there. */
export interface Task {
  started: MessagePort;
}

export interface AnalyzeTask extends Task {
  markdown: string;
  context: CheckContext;
  path?: string;
}

export interface ValidateTask extends Task {
  markdown: string;
}

export interface Verdict {
  ok: boolean;
  messages: PlainMessage[];
}

export function analyzeTask({ started, markdown, context, path }: AnalyzeTask): Analysis {
  started.postMessage('started');
  return analyze(markdown, context, path);
}

/** The validator's verdict, as a save would reach it. */
export function validateTask({ started, markdown }: ValidateTask): Verdict {
  started.postMessage('started');
  const parsed = parseAgreement(markdown);
  return { ok: parsed.ok, messages: plainMessages(parsed.file) };
}
