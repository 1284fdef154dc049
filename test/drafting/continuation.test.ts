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
import { continuationText } from '../../src/drafting/continuation.js';

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
