/**
 * The front matter of stored versions, read with js-yaml, for readers of thousands of them (the lookup
 * index at start-up, timelines, the list of agreements, the integrity check): about eight times faster than
 * the validating reader with positions (`yaml`, in ../front-matter.ts). The meaning and every rule are the
 * same function, `readMetaData`; only where a problem is, is not known here, so a version with problems is
 * read again by the validating reader when its messages are wanted.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { VFile } from 'vfile';
import { readFrontMatter, readMetaData, splitFrontMatter } from '../front-matter.js';
import { findInvisibleCharacter } from '../input.js';
import { beyondLimits } from '../limits.js';
import { hasErrors } from '../messages.js';
import { parseAgreement } from '../processor.js';
import type { AgreementMeta } from '../types.js';

/**
 * The values of top-level keys already read, by the text of the key's lines (`parter:` and its items):
 * versions of one agreement differ in a few keys, and a reader of thousands of them reads each part once.
 */
export type YamlParts = Map<string, Record<string, unknown>>;

/** Metadata from the YAML text between the `---` lines, and whether it is free of errors. */
export function readMetaFast(yaml: string, parts?: YamlParts): { meta: AgreementMeta; ok: boolean } {
  let data: unknown;
  // Anchors and aliases (`&a`, `*a`) go through the validating reader, which limits them (alias bombs).
  if (!/[&*]/.test(yaml)) {
    try {
      data = (parts && loadInParts(yaml, parts)) ?? load(yaml, { schema: CORE_SCHEMA });
    } catch {
      data = undefined;
    }
  }
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    let ok = true;
    const meta = readMetaData(data as Record<string, unknown>, {
      error: () => {
        ok = false;
      },
    });
    return { meta, ok };
  }
  // Whatever js-yaml will not read, the validating reader reads (or explains) as it always does.
  const file = new VFile();
  const meta = readFrontMatter(file, { type: 'yaml', value: yaml });
  return { meta, ok: !hasErrors(file) };
}

/** A line that starts a top-level key (`parter:`, `gyldig-fra: 2026-01-01`). */
const topLevelKey = /^[A-Za-z0-9][A-Za-z0-9_-]*:(?: |$)/;

/**
 * The same data as `load(yaml)` gives, read key by key, each key's lines looked up in `parts` first; undefined
 * where reading by keys could differ from reading the whole (then the whole is read): YAML with anything
 * `unusualYaml` names, a line at the margin that does not start a key or a list item, a key twice, a part
 * that is not one key. Without those, a top-level mapping's entries are read independently of each other.
 */
function loadInParts(yaml: string, parts: YamlParts): Record<string, unknown> | undefined {
  if (unusualYaml.test(yaml)) return undefined;
  const lines = yaml.split('\n');
  const data: Record<string, unknown> = {};
  let start = 0;
  while (start < lines.length) {
    if (!topLevelKey.test(lines[start] as string)) return undefined;
    let end = start + 1;
    while (end < lines.length && !topLevelKey.test(lines[end] as string)) {
      const line = lines[end] as string;
      if (line !== '' && !line.startsWith(' ') && !line.startsWith('- ') && line !== '-') return undefined;
      end += 1;
    }
    const text = lines.slice(start, end).join('\n');
    let part = parts.get(text);
    if (!part) {
      const value = load(text, { schema: CORE_SCHEMA });
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      part = value as Record<string, unknown>;
      if (Object.keys(part).length !== 1) return undefined;
      parts.set(text, part);
    }
    const [key, value] = Object.entries(part)[0] as [string, unknown];
    if (Object.hasOwn(data, key)) return undefined;
    data[key] = value;
    start = end;
  }
  return data;
}

/**
 * A stored file's metadata from its front matter alone, and whether that is free of errors: some hundred
 * times cheaper than a full parse. A file without front matter gets the reader's defaults (status
 * `utkast`), as the parser gives them.
 */
export function readFileMetaFast(markdown: string): { meta: AgreementMeta; ok: boolean } {
  const front = splitFrontMatter(markdown);
  if (front) return readMetaFast(front.yaml);
  const file = new VFile();
  const meta = readFrontMatter(file, undefined);
  return { meta, ok: !hasErrors(file) };
}

/**
 * A stored file's metadata from its front matter alone, where that is what reading the file whole gives
 * (`VersionReader`, `parseAgreement`): front matter without errors in a file with no carriage return, byte
 * order mark or other invisible character, within the parser's limits. Undefined otherwise: such a file
 * (only ever committed outside Gjerde) must be read whole for its metadata.
 */
export function readWholeMetaFast(markdown: string): AgreementMeta | undefined {
  if (markdown.includes('\r') || findInvisibleCharacter(markdown) || beyondLimits(markdown)) return undefined;
  const front = splitFrontMatter(markdown);
  if (!front) return undefined;
  const { meta, ok } = readMetaFast(front.yaml);
  return ok ? meta : undefined;
}

/** What choosing the version in force on a date reads from a version. */
export type Period = Pick<AgreementMeta, 'status' | 'validFrom' | 'validTo'>;
/** What sealing an approved version reads from a version. */
export type ApprovalMeta = Pick<AgreementMeta, 'id' | 'status' | 'validFrom' | 'validTo'>;

/**
 * What could make a line starting with a key something else than a top-level key, or hide one: quotes
 * and flow collections (a scalar or mapping over several lines), anchors, aliases, tags, block scalars,
 * comments, directives, escapes, tabs, a document end and line breaks YAML and JavaScript count
 * differently.
 */
const unusualYaml = /["'[\]{}&*!|>%@`#\\\t\r\u0085\u2028\u2029]|^\.\.\./m;
const periodLines = /^(?:status|gyldig-fra|gyldig-til):.*$/gm;
const approvalLines = /^(?:id|status|gyldig-fra|gyldig-til):.*$/gm;

/**
 * The metadata a few top-level lines give, read by the same rules as the whole front matter
 * (`readMetaFast`) from a text of those lines alone: some ten times faster than the whole with its
 * parties, signatories and contacts, for readers of every version of every agreement. Front matter where
 * such a line could be something else is read whole.
 */
function readLinesFast(markdown: string, lines: RegExp): AgreementMeta {
  const yaml = splitFrontMatter(markdown)?.yaml;
  // The parser reads a file with carriage returns (as without front matter) or a byte order mark (as
  // without it) otherwise than the pattern: it decides.
  if (/^\ufeff|\r/.test(markdown)) return parseAgreement(markdown).agreement.meta;
  if (yaml === undefined || unusualYaml.test(yaml)) return readFileMetaFast(markdown).meta;
  return readMetaFast(yaml.match(lines)?.join('\n') ?? '').meta;
}

/** The status and validity period of a stored file («in force on a date» reads every version). */
export function readPeriodFast(markdown: string): Period {
  const meta = readLinesFast(markdown, periodLines);
  const period: Period = { status: meta.status, validFrom: meta.validFrom };
  if (meta.validTo !== undefined) period.validTo = meta.validTo;
  return period;
}

/** The id, status and validity period of a stored file (`gjerde verify` reads every version). */
export function readApprovalFast(markdown: string): ApprovalMeta {
  const meta = readLinesFast(markdown, approvalLines);
  const approval: ApprovalMeta = { id: meta.id, status: meta.status, validFrom: meta.validFrom };
  if (meta.validTo !== undefined) approval.validTo = meta.validTo;
  return approval;
}

/** What a comparison shows of each revision it spans. */
export type SpannedMeta = Pick<AgreementMeta, 'status' | 'parties'>;

/**
 * The status and parties of a stored file (a comparison reads them for every revision between its two),
 * as `readFileMetaFast` reads them: the whole front matter is read key by key, each key's lines once for
 * all the versions that share them (`parts`; the versions of one agreement differ in a status or a date),
 * and only those two keys are given meaning. Front matter that is not plain key by key is read whole.
 */
export function readSpannedFast(markdown: string, parts: YamlParts = new Map()): SpannedMeta {
  const yaml = splitFrontMatter(markdown)?.yaml;
  let data: Record<string, unknown> | undefined;
  if (yaml !== undefined && !/[&*]/.test(yaml)) {
    try {
      data = loadInParts(yaml, parts);
    } catch {
      data = undefined;
    }
  }
  if (!data) {
    const { status, parties } = readFileMetaFast(markdown).meta;
    return { status, parties };
  }
  // `parter` read from the same lines is the same object (from `parts`): given meaning once per status.
  const parties = data.parter;
  const byStatus =
    typeof parties === 'object' && parties !== null ? spannedByParties.get(parties) : undefined;
  const known = byStatus?.get(data.status);
  if (known) return known;
  const meta = readMetaData(
    Object.fromEntries(Object.entries(data).filter(([key]) => key === 'status' || key === 'parter')),
    { error: () => undefined },
  );
  const spanned = { status: meta.status, parties: meta.parties };
  if (byStatus) byStatus.set(data.status, spanned);
  else if (typeof parties === 'object' && parties !== null)
    spannedByParties.set(parties, new Map([[data.status, spanned]]));
  return spanned;
}

/** What `readSpannedFast` made of the `parter` values in `parts`, by status: kept as long as the parts are. */
const spannedByParties = new WeakMap<object, Map<unknown, SpannedMeta>>();
