/**
 * The registry of split counties (`felles/fylker.yaml`), driven by fixture folders:
 *
 * - `good/<case>/fylker.yaml` + `expected.json`: no messages, and the splits it records.
 * - `bad/<case>/fylker.yaml` + `expected.txt`: one line per message, `line:column severity message`, and no
 *   split recorded from a county with a problem.
 *
 * Adding a folder adds a test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { readCountyRegistry } from '../../src/domain/county-splits.js';

const fixtures = fileURLToPath(new URL('../fixtures/county-splits/', import.meta.url));
const cases = (kind: string) => readdirSync(join(fixtures, kind)).sort();
const read = (...path: string[]) => readFileSync(join(fixtures, ...path), 'utf8');

describe('a registry Gjerde can read', () => {
  it.each(cases('good'))('%s: the splits in expected.json, without messages', (name) => {
    const registry = readCountyRegistry(read('good', name, 'fylker.yaml'));
    expect(registry.messages).toEqual([]);
    expect(registry.splits).toEqual(JSON.parse(read('good', name, 'expected.json')));
  });
});

describe('a registry with mistakes', () => {
  it.each(cases('bad'))('%s: the messages in expected.txt, and the split left out', (name) => {
    const registry = readCountyRegistry(read('bad', name, 'fylker.yaml'));
    const lines = registry.messages.map(
      ({ line, column, severity, message }) => `${line}:${column} ${severity} ${message}`,
    );
    expect(lines).toEqual(read('bad', name, 'expected.txt').trimEnd().split('\n'));
    expect(registry.splits).toEqual([]);
  });
});
