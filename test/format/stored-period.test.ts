/**
 * Status and validity period from three lines of the front matter (what choosing the version in force
 * reads from every version of an agreement) are those the parser reads from the whole file: for every
 * example agreement, every format fixture the parser accepts, a sample of the benchmark corpus and front
 * matter where such a line could be something else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { corpusHistory } from '../../bench/corpus.js';
import { projectRoot } from '../../src/config.js';
import { leadingFrontMatter, splitFrontMatter } from '../../src/format/front-matter.js';
import { parseAgreement } from '../../src/format/processor.js';
import {
  readFileMetaFast,
  readPeriodFast,
  readSpannedFast,
  type YamlParts,
} from '../../src/format/stored/front-matter.js';

function parsedPeriod(markdown: string) {
  const { status, validFrom, validTo } = parseAgreement(markdown).agreement.meta;
  return validTo === undefined ? { status, validFrom } : { status, validFrom, validTo };
}

/** What compare read of each revision between before: the whole front matter, by the fast reader. */
function wholeSpanned(markdown: string) {
  const { status, parties } = readFileMetaFast(markdown).meta;
  return { status, parties };
}

function filesIn(folder: string, name = (file: string) => file.endsWith('.md')): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return filesIn(path, name);
    return name(entry.name) ? [readFileSync(path, 'utf8')] : [];
  });
}

const ramme = readFileSync(join(projectRoot, 'agreements/fjordvik-ramme/2025-06-23.md'), 'utf8');

describe('readPeriodFast', () => {
  it('reads every example agreement and every format fixture the parser accepts as the parser does', () => {
    const files = [
      ...filesIn(join(projectRoot, 'agreements')),
      ...filesIn(join(projectRoot, 'test/fixtures/format'), (file) => file === 'input.md'),
    ].filter((markdown) => parseAgreement(markdown).ok);
    expect(files.length).toBeGreaterThan(30);
    for (const markdown of files) expect(readPeriodFast(markdown)).toEqual(parsedPeriod(markdown));
  });

  it('reads a sample of the benchmark corpus as the parser does', () => {
    const { commits } = corpusHistory({ scale: 1, years: 3 });
    const sample = commits.filter((_, index) => index % 53 === 0);
    expect(sample.length).toBeGreaterThan(30);
    for (const { content } of sample) expect(readPeriodFast(content)).toEqual(parsedPeriod(content));
  });

  it.each([
    ['an expiry date', ramme.replace(/^(gyldig-fra: .*)$/m, '$1\ngyldig-til: 2030-12-31')],
    ['a quoted status', ramme.replace('status: godkjent', 'status: "erstattet"')],
    ['a comment after the status', ramme.replace('status: godkjent', 'status: utlopt # gikk ut')],
    ['a status in a block scalar', ramme.replace(/^(tittel: .*)$/m, 'merknad: |\n  status: utkast\n$1')],
    ['a date in a flow mapping', ramme.replace(/^gyldig-fra: (.*)$/m, 'gyldig: { fra: $1 }\ngyldig-fra: $1')],
    ['no front matter', '# Bare tekst\n\nIngen metadata.\n'],
    ['an empty front matter', '---\n---\n\nTekst.\n'],
    ['Windows line endings', ramme.replace(/\n/g, '\r\n')],
    ['a byte order mark', `\ufeff${ramme}`],
    ['spaces after the status', ramme.replace('status: godkjent', 'status: godkjent   ')],
    ['a status that does not exist', ramme.replace('status: godkjent', 'status: vedtatt')],
    ['a date that is no date', ramme.replace(/^gyldig-fra: .*$/m, 'gyldig-fra: 2025-13-01')],
  ])('reads front matter with %s as the parser does', (_name, markdown) => {
    expect(readPeriodFast(markdown)).toEqual(parsedPeriod(markdown));
  });
});

describe('readSpannedFast (what compare reads of the revisions between)', () => {
  const shared: YamlParts = new Map();
  const parsed = (markdown: string) => {
    const { status, parties } = parseAgreement(markdown).agreement.meta;
    return { status, parties };
  };

  it('reads every example version and every format fixture as the whole front matter, with parts shared', () => {
    const files = [
      ...filesIn(join(projectRoot, 'agreements')),
      ...filesIn(join(projectRoot, 'test/fixtures'), (file) => file.endsWith('.md')),
    ];
    expect(files.length).toBeGreaterThan(100);
    for (const markdown of files) {
      expect(readSpannedFast(markdown, shared)).toEqual(wholeSpanned(markdown));
      if (parseAgreement(markdown).ok) expect(readSpannedFast(markdown)).toEqual(parsed(markdown));
    }
  });

  it('reads a sample of the benchmark corpus as the parser does', () => {
    const { commits } = corpusHistory({ scale: 1, years: 3 });
    const sample = commits.filter((_, index) => index % 53 === 0);
    for (const { content } of sample) expect(readSpannedFast(content, shared)).toEqual(parsed(content));
  });

  it.each([
    ['a party after the signatories', ramme.replace(/^(parter:)$/m, 'signatarer: []\n$1')],
    ['an empty line among the parties', ramme.replace(/^(parter:\n.*\n)/m, '$1\n')],
    ['parties as a flow sequence', ramme.replace(/^parter:\n(?:[ -].*\n)*/m, 'parter: []\n')],
    ['no parties', ramme.replace(/^parter:\n(?:[ -].*\n)*/m, '')],
    ['a status in a block scalar', ramme.replace(/^(tittel: .*)$/m, 'merknad: |\n  status: utkast\n$1')],
    ['YAML that does not read elsewhere', ramme.replace(/^(eskalering: .*)$/m, '$1: se punkt 6')],
    ['an anchor', ramme.replace(/^(tittel: .*)$/m, '$1\nmerknad: &a x')],
    ['a key twice', ramme.replace(/^(status: .*)$/m, '$1\nstatus: utkast')],
    ['Windows line endings', ramme.replace(/\n/g, '\r\n')],
    ['no front matter', '# Bare tekst\n\nIngen metadata.\n'],
  ])('reads front matter with %s as the whole front matter', (_name, markdown) => {
    expect(readSpannedFast(markdown, shared)).toEqual(wholeSpanned(markdown));
  });
});

describe('leadingFrontMatter (the front matter of a revision between, decoded without the rest)', () => {
  /** What reading the whole text gives: the head it is a prefix of, its YAML and the spanned metadata. */
  const expectSameReading = (markdown: string) => {
    const head = leadingFrontMatter(Buffer.from(markdown, 'utf8'));
    if (head === undefined) return;
    expect(markdown.startsWith(head)).toBe(true);
    expect(splitFrontMatter(head)?.yaml).toBe(splitFrontMatter(markdown)?.yaml);
    expect(readSpannedFast(head)).toEqual(readSpannedFast(markdown));
  };

  it('reads every example version and every format fixture as the whole text', () => {
    const files = [
      ...filesIn(join(projectRoot, 'agreements')),
      ...filesIn(join(projectRoot, 'test/fixtures'), (file) => file.endsWith('.md')),
    ];
    for (const markdown of files) expectSameReading(markdown);
    expect(
      files.filter((markdown) => leadingFrontMatter(Buffer.from(markdown)) !== undefined).length,
    ).toBeGreaterThan(100);
  });

  it.each([
    ['Windows line endings', ramme.replace(/\n/g, '\r\n'), true],
    ['spaces after the closing line', ramme.replace(/\n---\n/, '\n---  \n'), true],
    ['a longer dash line before the closing one', ramme.replace(/^(status: .*)$/m, '$1\n----'), false],
    ['the closing line last, without a line break', ramme.slice(0, ramme.indexOf('\n---\n') + 4), true],
    ['an empty front matter', '---\n---\n\nTekst.\n', true],
    ['a byte order mark', `\ufeff${ramme}`, false],
    ['no front matter', '# Bare tekst\n\nIngen metadata.\n', false],
    ['no closing line', '---\nid: x\n', false],
  ])('with %s', (_name, markdown, found) => {
    expect(leadingFrontMatter(Buffer.from(markdown, 'utf8')) !== undefined).toBe(found);
    expectSameReading(markdown);
  });
});
