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
