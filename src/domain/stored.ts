/**
 * A stored file as the domain judges it: valid when the validator accepts it and it is where its agreement
 * belongs. Gjerde only ever commits such files, but anyone with git can commit others; they are shown with
 * their problems and never answer as in force.
 */
import { type PlainMessage, plainMessages } from '../format/messages.js';
import { type ParsedAgreement, parseAgreement } from '../format/processor.js';
import type { ReadVersion, VersionReader } from '../format/stored/version.js';
import type { Agreement } from '../format/types.js';
import { placementProblem } from './placement.js';

export interface Judgement {
  valid: boolean;
  /** The validator's errors and where the file should be; empty when valid. */
  problems: PlainMessage[];
}

/** The judgement of a fully parsed file, with its messages. */
export function judgeStored(path: string, parsed: ParsedAgreement): Judgement {
  const problems = plainMessages(parsed.file).filter((message) => message.severity === 'error');
  const misplaced = placementProblem(path, String(parsed.file.value), parsed.agreement.meta);
  if (misplaced) problems.push(misplaced);
  return { valid: problems.length === 0, problems };
}

/** Whether a file read by the fast reader (read-version.ts) is valid; the messages need `judgeStored`. */
export function isValidStored(path: string, markdown: string, read: ReadVersion): boolean {
  return read.ok && placementProblem(path, markdown, read.meta) === undefined;
}

/**
 * A stored file read by the fast reader of stored versions, or, when the validator refuses it, by the
 * parser, whose messages say why (a full parse costs ≈50 ms of a national agreement; the fast reader a few).
 * `read` is the fast reader's result when the caller has it already.
 */
export function readStoredVersion(
  reader: VersionReader,
  path: string,
  markdown: string,
  read = reader.read(markdown),
): Judgement & { agreement: Agreement } {
  if (isValidStored(path, markdown, read)) {
    const { meta, clauses, glossary } = read;
    return { agreement: { meta, clauses, glossary }, valid: true, problems: [] };
  }
  const parsed = parseAgreement(markdown, path);
  return { agreement: parsed.agreement, ...judgeStored(path, parsed) };
}
