/** What the check pool (check-pool.ts) runs in its worker threads: the same functions, on plain data. */
import type { MessagePort } from 'node:worker_threads';
import type { Saveable } from '../../domain/agreements.js';
import { saveVerdict } from '../../domain/personal-data-shown.js';
import type { PlainMessage } from '../../format/messages.js';
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
  /** For a valid text: its canonical form and metadata, so the thread that saves it does not parse it again. */
  saveable?: Saveable;
}

export function analyzeTask({ started, markdown, context, path }: AnalyzeTask): Analysis {
  started.postMessage('started');
  return analyze(markdown, context, path);
}

/** The validator's verdict, as a save would reach it. */
export function validateTask({ started, markdown }: ValidateTask): Verdict {
  started.postMessage('started');
  return saveVerdict(markdown);
}
