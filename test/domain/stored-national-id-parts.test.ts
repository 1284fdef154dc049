/**
 * The index build's reader of stored versions looks for a fødselsnummer part by part (each distinct block once,
 * per version only the text outside blocks): it must judge every version as asking the whole text does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { holdsNationalId } from '../../src/domain/personal-data-shown.js';
import { isValidStored, storedVersionReader } from '../../src/domain/stored.js';
import { VersionReader } from '../../src/format/stored/version.js';

const path = 'avtaler/fjordvik-ramme.md';
const clean = readFileSync(join(projectRoot, 'agreements/fjordvik-ramme/2025-06-23.md'), 'utf8');
/** A made-up number with right check digits (the personal-data tests' own). */
const number = '15070412397';

const changed = (pattern: RegExp, replacement: string) => {
  const text = clean.replace(pattern, replacement);
  expect(text).not.toBe(clean);
  return text;
};

const versions: [string, () => string][] = [
  [
    'in a clause, as written',
    () => changed(/(:::ansvar\[Elev som spør[^\n]*\n)/, `$1Saken gjelder ${number}.\n`),
  ],
  [
    'in a clause, over two lines of a paragraph',
    () => changed(/(:::ansvar\[Elev som spør[^\n]*\n)/, `$1Saken gjelder 150704\n12397 og mer.\n`),
  ],
  ['in a clause attribute', () => changed(/stikkord="livsopphold, /, `stikkord="${number}, livsopphold, `)],
  ['in the text before the first block', () => changed(/(\n## [^\n]*\n)/, `$1\nSaken gjelder ${number}.\n`)],
  ['in the glossary', () => changed(/(:::ordliste\n)/, `$1- **Sak** (saken): Eleven ${number}.\n`)],
  ['in the front matter', () => changed(/^tittel: .*$/m, `tittel: Avtale for eleven ${number}`)],
  ['in a YAML escape', () => changed(/^tittel: .*$/m, 'tittel: "Avtale for eleven 15070\\x3412397"')],
  ['last in the file', () => `${clean.replace(/\n$/, '')}\n\nSaken gjelder ${number}.\n`],
];

describe('a fødselsnummer looked for part by part', () => {
  it('finds none in the example agreement, and the version is valid', () => {
    const read = storedVersionReader().read(clean);
    expect(read.nationalIdFree).toBe(true);
    expect(isValidStored(path, clean, read)).toBe(true);
  });

  it.each(versions)(
    'is found %s: the version is not valid, as when the whole text is asked',
    (_name, make) => {
      const text = make();
      expect(holdsNationalId(text)).toBe(true);
      // One reader for the clean version, this one and the clean one again: blocks it knew are judged again.
      const reader = storedVersionReader();
      expect(isValidStored(path, clean, reader.read(clean))).toBe(true);
      const read = reader.read(text);
      expect(read.nationalIdFree).not.toBe(true);
      expect(isValidStored(path, text, read)).toBe(false);
      expect(isValidStored(path, text, new VersionReader().read(text))).toBe(false);
      expect(isValidStored(path, clean, reader.read(clean))).toBe(true);
    },
  );
});
