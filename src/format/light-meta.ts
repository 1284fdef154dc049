import type { Yaml } from 'mdast';
import { VFile } from 'vfile';
import { readFrontMatter } from './front-matter.js';
import { frontMatterPattern } from './front-matter-fast.js';
import type { AgreementMeta } from './types.js';

/**
 * The metadata of an agreement file without parsing its Markdown: the YAML front matter read by the
 * format's own reader. Timelines and "in force on a date" need only status and validity of every revision,
 * and this is some hundred times cheaper than a full parse. A file without front matter gets the reader's
 * defaults (status `utkast`), exactly as the full parse gives it.
 */
export function readMetaOnly(markdown: string): AgreementMeta {
  const match = frontMatterPattern.exec(markdown);
  const file = new VFile({ value: markdown });
  if (!match) return readFrontMatter(file, undefined);
  const node: Yaml = {
    type: 'yaml',
    value: match[1] ?? '',
    position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
  };
  return readFrontMatter(file, node);
}
