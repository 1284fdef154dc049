/**
 * A dissolved county's agreement as a successor's editor opens it to continue (docs/format.md, «Counties that
 * were split»), driven by fixture folders: `continuation/<case>/input.md` + `options.json` (the split, which
 * successor, the first day) beside `expected.md`, the text the editor is given. Adding a folder adds a test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import type { CountySplit } from '../../src/domain/county-splits.js';
import { continuationText, ownAgreementText } from '../../src/drafting/continuation.js';

const fixtures = fileURLToPath(new URL('../fixtures/continuation/', import.meta.url));
const read = (...path: string[]) => readFileSync(join(fixtures, ...path), 'utf8');

describe('the continuation a successor’s editor starts from', () => {
  it.each(readdirSync(fixtures).sort())('%s: expected.md', (name) => {
    const options = JSON.parse(read(name, 'options.json')) as {
      split: CountySplit;
      successor: string;
      validFrom: string;
    };
    const successor = options.split.successors.find((one) => one.county === options.successor);
    if (!successor) throw new Error(`${name}: options.json names no such successor`);
    const text = continuationText(read(name, 'input.md'), options.split, successor, options.validFrom);
    expect(text).toBe(read(name, 'expected.md'));
  });
});

describe('a successor’s own agreement from that text, once another successor has continued the file', () => {
  const options = JSON.parse(read('kystfold', 'options.json')) as { split: CountySplit; validFrom: string };
  const { split, validFrom } = options;
  const heiane = split.successors.find((one) => one.county === 'Heiane');
  if (!heiane) throw new Error('kystfold/options.json names no Heiane');
  const input = read('kystfold', 'input.md');

  it('is the continuation under its own id, replacing the dissolved county’s agreement from its first day', () => {
    expect(ownAgreementText(input, split, heiane, validFrom, 'heiane-ramme')).toBe(
      continuationText(input, split, heiane, validFrom)
        .replace('id: kh-ramme\n', 'id: heiane-ramme\n')
        .replace(`gyldig-fra: ${validFrom}\n`, `gyldig-fra: ${validFrom}\nerstatter: kh-ramme\n`),
    );
  });

  it('replaces the dissolved county’s agreement, not the one that agreement replaced', () => {
    const replacing = input.replace('type: ramme\n', 'type: ramme\nerstatter: kh-gammel\n');
    const own = ownAgreementText(replacing, split, heiane, validFrom, 'heiane-ramme');
    expect(own.match(/^erstatter: .*$/gm)).toEqual(['erstatter: kh-ramme']);
  });
});
