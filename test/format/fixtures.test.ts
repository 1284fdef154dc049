/**
 * The agreement format, driven by fixture folders (input and expected output side by side):
 *
 * - `good/<case>/input.md` + `expected.json`: a valid agreement and what it means.
 * - `bad/<case>/input.md` + `expected.txt`: one line per message, `line:column severity rule message`;
 *   an optional `expected.json` pins what could still be read.
 * - `roundtrip/<case>/input.md` (+ `expected.md` when the input is not canonical): parse → save.
 *
 * Adding a folder adds a test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { plainMessages } from '../../src/format/messages.js';
import { type ParsedAgreement, parseAgreement, toCanonicalMarkdown } from '../../src/format/processor.js';
import type { Agreement } from '../../src/format/types.js';

const fixtures = fileURLToPath(new URL('../fixtures/format/', import.meta.url));

function cases(kind: string): string[] {
  return readdirSync(join(fixtures, kind), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function read(...path: string[]): string {
  return readFileSync(join(fixtures, ...path), 'utf8');
}

/** Messages as the lines of `expected.txt`. */
function messageLines(parsed: ParsedAgreement): string[] {
  return plainMessages(parsed.file).map(
    ({ line, column, severity, rule, message }) => `${line}:${column} ${severity} ${rule} ${message}`,
  );
}

/** The agreement as JSON sees it (no `undefined` properties). */
function asJson(agreement: Agreement): unknown {
  return JSON.parse(JSON.stringify(agreement));
}

/** What an agreement means, independent of how it is written and where its clauses stand. */
function meaning(agreement: Agreement) {
  return {
    meta: agreement.meta,
    clauses: agreement.clauses.map(({ markdown: _markdown, position: _position, ...clause }) => clause),
    glossary: agreement.glossary,
  };
}

describe('good agreements', () => {
  it.each(cases('good'))('%s: valid, and means what expected.json says', (name) => {
    const parsed = parseAgreement(read('good', name, 'input.md'), 'input.md');
    expect(messageLines(parsed)).toEqual([]);
    expect(parsed.ok).toBe(true);
    expect(asJson(parsed.agreement)).toEqual(JSON.parse(read('good', name, 'expected.json')));
  });

  it('the complete example in docs/format.md is the good/complete-example fixture', () => {
    const docs = readFileSync(fileURLToPath(new URL('../../docs/format.md', import.meta.url)), 'utf8');
    const example = /## A complete example\n\n```markdown\n([\s\S]*?)```\n/.exec(docs)?.[1];
    expect(example).toBe(read('good', 'complete-example', 'input.md'));
  });

  it('re-ordering clauses and re-numbering sections changes nothing but the order', () => {
    const input = read('good', 'complete-example', 'input.md');
    const blocks = input.match(/^:::ansvar[\s\S]*?^:::$/gm) ?? [];
    expect(blocks).toHaveLength(2);
    const [first = '', second = ''] = blocks;
    const reordered = input
      .replace(first, '\u0000')
      .replace(second, first)
      .replace('\u0000', second)
      .replace(/^## (\d+)\./gm, (_heading, number: string) => `## ${10 - Number(number)}.`);
    expect(reordered).not.toBe(input);

    const original = parseAgreement(input);
    const moved = parseAgreement(reordered);
    expect(messageLines(moved)).toEqual([]);
    const byId = (agreement: Agreement) =>
      [...meaning(agreement).clauses].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(moved.agreement)).toEqual(byId(original.agreement));
    expect(moved.agreement.clauses.map((clause) => clause.id)).toEqual(['arbeidsklaer', 'uten-laereplass']);
  });
});

describe('bad agreements', () => {
  it.each(cases('bad'))('%s: reports exactly the messages in expected.txt', (name) => {
    const parsed = parseAgreement(read('bad', name, 'input.md'), 'input.md');

    const expected = read('bad', name, 'expected.txt').split('\n').filter(Boolean);
    expect(expected.length).toBeGreaterThan(0);
    expect(messageLines(parsed)).toEqual(expected);
    expect(parsed.ok).toBe(!expected.some((line) => line.split(' ')[1] === 'error'));
    if (existsSync(join(fixtures, 'bad', name, 'expected.json'))) {
      expect(asJson(parsed.agreement)).toEqual(JSON.parse(read('bad', name, 'expected.json')));
    }
  });

  it('every message has a line, a column and a rule id', () => {
    for (const name of cases('bad')) {
      const parsed = parseAgreement(read('bad', name, 'input.md'));
      for (const message of plainMessages(parsed.file)) {
        expect(message.line).toBeGreaterThan(0);
        expect(message.column).toBeGreaterThan(0);
        expect(message.rule).toEqual(expect.any(String));
      }
    }
  });

  it('`__proto__` keys in YAML do not reach any prototype', () => {
    parseAgreement(read('bad', 'yaml-proto-keys', 'input.md'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).status).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('never throws, also on input that is not an agreement at all', () => {
    for (const input of [
      '',
      '---',
      '---\n---',
      ':::ansvar',
      ':::ansvar[\n',
      '\u0000\u0001',
      '---\n: : :\n---\n',
    ]) {
      expect(() => parseAgreement(input)).not.toThrow();
      expect(parseAgreement(input).ok).toBe(false);
    }
  });
});

describe('round trip: parse, then save', () => {
  it.each(cases('roundtrip'))('%s', (name) => {
    const input = read('roundtrip', name, 'input.md');
    const canonical = existsSync(join(fixtures, 'roundtrip', name, 'expected.md'))
      ? read('roundtrip', name, 'expected.md')
      : input;

    const parsed = parseAgreement(input);
    expect(messageLines(parsed)).toEqual([]);
    expect(toCanonicalMarkdown(parsed)).toBe(canonical);

    // The canonical form is a fixed point, and saving never changes what the agreement means.
    const saved = parseAgreement(canonical);
    expect(toCanonicalMarkdown(saved)).toBe(canonical);
    expect(meaning(saved.agreement)).toEqual(meaning(parsed.agreement));
  });

  it('an expected.md is only there when the input is not canonical', () => {
    for (const name of cases('roundtrip')) {
      if (existsSync(join(fixtures, 'roundtrip', name, 'expected.md'))) {
        expect(read('roundtrip', name, 'expected.md')).not.toBe(read('roundtrip', name, 'input.md'));
      }
    }
  });
});
