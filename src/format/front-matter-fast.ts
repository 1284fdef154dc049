/**
 * Front matter read with js-yaml, for readers of thousands of stored versions (the lookup index at
 * start-up, timelines, the repository check): about eight times faster than the validating reader with
 * positions (`yaml`, in front-matter.ts). The meaning and every rule are the same function,
 * `readMetaData`; only where a problem is, is not known here, so a version with problems is read again by
 * the validating reader when its messages are wanted.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { VFile } from 'vfile';
import { readFrontMatter, readMetaData } from './front-matter.js';
import { hasErrors } from './messages.js';
import { parseAgreement } from './processor.js';
import type { AgreementMeta } from './types.js';

/** Metadata from the YAML text between the `---` lines, and whether it is free of errors. */
export function readMetaFast(yaml: string): { meta: AgreementMeta; ok: boolean } {
  let data: unknown;
  // Anchors and aliases (`&a`, `*a`) go through the validating reader, which limits them (alias bombs).
  if (!/[&*]/.test(yaml)) {
    try {
      data = load(yaml, { schema: CORE_SCHEMA });
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

/** The front matter block as remark-frontmatter sees it: `---` on the first line, `---` to close. */
export const frontMatterPattern = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/**
 * A stored file's metadata from its front matter alone, and whether that is free of errors. A file
 * without front matter gets the reader's defaults (status `utkast`), as the parser gives them.
 */
function readFileMetaFast(markdown: string): { meta: AgreementMeta; ok: boolean } {
  const match = frontMatterPattern.exec(markdown);
  if (match) return readMetaFast(match[1] ?? '');
  const file = new VFile();
  const meta = readFrontMatter(file, undefined);
  return { meta, ok: !hasErrors(file) };
}

/** What choosing the version in force on a date reads from a version. */
export type Period = Pick<AgreementMeta, 'status' | 'validFrom' | 'validTo'>;

/**
 * What could make a line starting with `status:` something else than a top-level key, or hide one:
 * quotes and flow collections (a scalar or mapping over several lines), anchors, aliases, tags, block
 * scalars, comments, directives, escapes, tabs, a document end and line breaks YAML and JavaScript count
 * differently.
 */
const unusualYaml = /["'[\]{}&*!|>%@`#\\\t\r\u0085\u2028\u2029]|^\.\.\./m;
const periodLine = /^(?:status|gyldig-fra|gyldig-til):.*$/gm;

/**
 * The status and validity period of a stored file. The three top-level lines are read by the same rules
 * as the whole front matter (`readMetaFast`) from a text of those lines alone, some ten times faster
 * than the whole with its parties, signatories and contacts: «in force on a date» reads every version of
 * an agreement. Front matter where such a line could be something else is read whole.
 */
export function readPeriodFast(markdown: string): Period {
  const yaml = frontMatterPattern.exec(markdown)?.[1];
  // The parser reads a file with carriage returns (as without front matter) or a byte order mark (as
  // without it) otherwise than the pattern: it decides.
  const { meta } = /^\ufeff|\r/.test(markdown)
    ? parseAgreement(markdown).agreement
    : yaml === undefined || unusualYaml.test(yaml)
      ? readFileMetaFast(markdown)
      : readMetaFast(yaml.match(periodLine)?.join('\n') ?? '');
  const period: Period = { status: meta.status, validFrom: meta.validFrom };
  if (meta.validTo !== undefined) period.validTo = meta.validTo;
  return period;
}
