import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';

/** Rule ids of the validator; documented in docs/format.md. */
export type RuleId =
  | 'front-matter'
  | 'missing-metadata'
  | 'invalid-value'
  | 'invalid-date'
  | 'unknown-party'
  | 'party-kind'
  | 'unknown-key'
  | 'clause-id'
  | 'clause-owner'
  | 'owner-supports'
  | 'grey-zone'
  | 'clause-conflict'
  | 'clause-attribute'
  | 'clause-marker'
  | 'cost-share'
  | 'glossary'
  | 'unknown-directive'
  | 'unsafe-content'
  | 'invisible-character'
  | 'too-deep'
  | 'too-large'
  | 'personal-data'
  | 'county-spelling'
  | 'status-wording';

export const messageSource = 'gjerde';

/** An error blocks saving and approval. */
export function reportError(
  file: VFile,
  reason: string,
  place: Point | Position | undefined,
  ruleId: RuleId,
) {
  const message = file.message(reason, { place, ruleId, source: messageSource });
  message.fatal = true;
  return message;
}

/** A warning is shown but never blocks. */
export function reportWarning(
  file: VFile,
  reason: string,
  place: Point | Position | undefined,
  ruleId: RuleId,
) {
  const message = file.message(reason, { place, ruleId, source: messageSource });
  message.fatal = false;
  return message;
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true);
}

export interface PlainMessage {
  line?: number;
  column?: number;
  severity: 'error' | 'warning';
  rule?: string;
  message: string;
}

/** Messages as plain data for JSON and views, in source order. */
/** Messages in the order of the text they are about: by line, then column. */
export function bySource(
  a: { line?: number | null | undefined; column?: number | null | undefined },
  b: { line?: number | null | undefined; column?: number | null | undefined },
): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

export function plainMessages(file: VFile): PlainMessage[] {
  return [...file.messages].sort(bySource).map((message) => ({
    line: message.line ?? undefined,
    column: message.column ?? undefined,
    severity: message.fatal ? 'error' : 'warning',
    rule: message.ruleId ?? undefined,
    message: message.reason,
  }));
}
