/**
 * The fast reader of stored versions gives exactly what the format's parser gives, validity included: for
 * every example version, every format fixture, a sample of the benchmark corpus, and for files outside its
 * plain fast path (which it hands to the parser).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { corpusHistory } from '../../bench/corpus.js';
import { projectRoot } from '../../src/config.js';
import { parseAgreement } from '../../src/format/processor.js';
import { VersionReader } from '../../src/format/stored/version.js';

/** Plain data, as the index and the API use it. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

/** What the parser says of a file, in the fast reader's shape. */
function parsed(markdown: string) {
  const { agreement, ok } = parseAgreement(markdown);
  return plain({ ...agreement, ok });
}

function fixtureFiles(): [string, string][] {
  const root = join(projectRoot, 'test/fixtures/format');
  return ['good', 'bad', 'roundtrip'].flatMap((kind) =>
    readdirSync(join(root, kind)).map((name): [string, string] => [
      `${kind}/${name}`,
      readFileSync(join(root, kind, name, 'input.md'), 'utf8'),
    ]),
  );
}

function exampleVersions(): [string, string][] {
  const root = join(projectRoot, 'agreements');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join(root, entry.name))
        .filter((file) => file.endsWith('.md'))
        .map((file): [string, string] => [
          `${entry.name}/${file}`,
          readFileSync(join(root, entry.name, file), 'utf8'),
        ]),
    );
}

const ramme = readFileSync(join(projectRoot, 'agreements/fjordvik-ramme/2025-06-23.md'), 'utf8');

describe('the fast reader', () => {
  const reader = new VersionReader();

  it.each(exampleVersions())('reads %s as the parser does, without falling back', (_name, markdown) => {
    const before = reader.fullParses;
    expect(plain(reader.read(markdown))).toEqual(parsed(markdown));
    expect(reader.fullParses).toBe(before);
  });

  it.each(fixtureFiles())('reads the fixture %s as the parser does, valid or not', (_name, markdown) => {
    expect(plain(new VersionReader().read(markdown))).toEqual(parsed(markdown));
  });

  it.each([
    ['an age the validator refuses', ramme.replace(/alder=([0-9]+)-([0-9]+)/, 'alder=$1_$2')],
    ['an owner that is not a party', ramme.replace(/ansvarlig=nav-fjordvik/, 'ansvarlig=nav-vestland')],
    ['a date that is no date', ramme.replace(/gyldig-fra: 2025-/, 'gyldig-fra: 2025-13-')],
    ['a status that does not exist', ramme.replace('status: godkjent', 'status: vedtatt')],
    ['a script link in an attribute', ramme.replace('stikkord="livsopphold,', 'stikkord="javascript:x,')],
    ['HTML in the text between clauses', ramme.replace('## 4. Samarbeidsarenaer', '<b>Fet</b>\n\n## 4.')],
    ['two clauses with the same id', ramme.replace('#arbeidsklaer', '#uten-laereplass')],
  ])('takes a version with %s for invalid, as the parser does', (_name, markdown) => {
    expect(parseAgreement(markdown).ok).toBe(false);
    expect(new VersionReader().read(markdown).ok).toBe(false);
  });

  it('reads a sample of the benchmark corpus as the parser does', () => {
    const { commits } = corpusHistory({ scale: 1, years: 3 });
    const sample = commits.filter((_, index) => index % 97 === 0);
    expect(sample.length).toBeGreaterThan(15);
    for (const { content } of sample) {
      expect(parseAgreement(content).ok).toBe(true);
      expect(plain(reader.read(content))).toEqual(parsed(content));
    }
  });

  it.each([
    ['inline Markdown in a clause', ramme.replace('Skolen informerer om', 'Skolen **informerer** om')],
    ['a list in a clause', ramme.replace('Skolen informerer om', '- Skolen informerer om')],
    [
      'a code fence that holds a directive',
      ramme.replace(
        '## 4. Samarbeidsarenaer',
        '```\n:::ansvar[Falsk]{#falsk ansvarlig=ot}\nIkke en klausul.\n:::\n```\n\n## 4. Samarbeidsarenaer',
      ),
    ],
    [
      'an HTML comment',
      ramme.replace(
        '## 4. Samarbeidsarenaer',
        '<!--\n:::ansvar[Skjult]{#skjult ansvarlig=ot}\nSkjult.\n:::\n-->\n\n## 4. Samarbeidsarenaer',
      ),
    ],
    ['Windows line endings', ramme.replace(/\n/g, '\r\n')],
    [
      'a character reference in an attribute',
      ramme.replace('stikkord="livsopphold,', 'stikkord="livsopphold &amp; bolig,'),
    ],
    [
      'a directive inside a list',
      ramme.replace(
        '## 4. Samarbeidsarenaer',
        '- punkt\n  :::ansvar[Inni]{#inni ansvarlig=ot}\n  Inni en liste.\n  :::\n\n## 4. Samarbeidsarenaer',
      ),
    ],
    ['an indented clause body', ramme.replace('\nSkolen informerer om', '\n    Skolen informerer om')],
  ])('hands %s to the parser and still agrees with it', (_name, markdown) => {
    const fallback = new VersionReader();
    expect(plain(fallback.read(markdown))).toEqual(parsed(markdown));
    expect(fallback.fullParses).toBe(1);
  });

  it('shares unchanged clauses between versions', () => {
    const shared = new VersionReader();
    const first = shared.read(ramme);
    const second = shared.read(ramme.replace('status: godkjent', 'status: erstattet'));
    expect(second.clauses[0]).toBe(first.clauses[0]);
    expect(second.meta.status).toBe('erstattet');
  });

  it('knows a draft from its front matter', () => {
    expect(VersionReader.isDraft(ramme)).toBe(false);
    expect(VersionReader.isDraft(ramme.replace('status: godkjent', 'status: utkast'))).toBe(true);
    expect(
      VersionReader.isDraft(ramme.replace('status: godkjent', "status: 'til-godkjenning' # venter")),
    ).toBe(true);
  });

  it('knows a draft from the front matter of its bytes as from the whole file, or says it cannot', () => {
    const draft = ramme.replace('status: godkjent', 'status: utkast');
    const verdict = (text: string) => VersionReader.isDraftBytes(Buffer.from(text, 'utf8'));
    expect(verdict(ramme)).toBe(false);
    expect(verdict(draft)).toBe(true);
    // Long front matter with two-byte characters, and a line of dashes that does not close it.
    expect(verdict(draft.replace('\n---\n', `\n# ${'æ'.repeat(3000)}\n---\n`))).toBe(true);
    const unusual = [
      '---\nstatus: utkast\n---',
      'ingen forside',
      '---\nstatus: utkast\n----\n---\n',
      draft.replace('status: utkast', 'status: utkast\n---x'),
      ramme.replace('\n---\n', '\n'),
    ];
    for (const file of unusual) {
      const fromBytes = verdict(file);
      if (fromBytes !== undefined) expect(fromBytes).toBe(VersionReader.isDraft(file));
    }
    expect(unusual.map(verdict)).toContain(undefined);
  });
});
