/**
 * Every example agreement under `agreements/` (except README.md) must be valid and canonical, so that
 * seeding the store never commits a file Gjerde would refuse, and saving never makes a spurious diff.
 * While the folder is empty, this passes and covers the files once they are there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { plainMessages } from '../../src/format/messages.js';
import { parseAgreement, toCanonicalMarkdown } from '../../src/format/processor.js';

const root = fileURLToPath(new URL('../../agreements/', import.meta.url));

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return markdownFiles(path);
      return entry.isFile() && entry.name.endsWith('.md') && entry.name !== 'README.md' ? [path] : [];
    })
    .sort();
}

const files = markdownFiles(root).map((path) => relative(root, path));

describe('example agreements', () => {
  it('are all found (none yet is fine)', () => {
    expect(files.every((file) => file.endsWith('.md') && basename(file) !== 'README.md')).toBe(true);
  });

  if (files.length === 0) return;

  it.each(files)('%s parses without errors and is canonical', (file) => {
    const markdown = readFileSync(join(root, file), 'utf8');
    const parsed = parseAgreement(markdown, file);
    const errors = plainMessages(parsed.file)
      .filter((message) => message.severity === 'error')
      .map(({ line, column, rule, message }) => `${line}:${column} ${rule} ${message}`);
    expect(errors).toEqual([]);
    expect(toCanonicalMarkdown(parsed)).toBe(markdown);
  });

  it.each(files.filter((file) => dirname(file) !== '.'))(
    '%s lies in the folder named after its id',
    (file) => {
      const parsed = parseAgreement(readFileSync(join(root, file), 'utf8'), file);
      expect(parsed.agreement.meta.id).toBe(basename(dirname(file)));
    },
  );
});
