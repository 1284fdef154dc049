/**
 * The text of clauses and sections as a reader sees it (what compare's redline compares) comes from a
 * plain-paragraph reader when the Markdown has no syntax, and from the parser otherwise: both must give the
 * same text for every clause and section of the example agreements, a sample of the benchmark corpus and
 * texts made to sit on the border between the two.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { corpusHistory } from '../../bench/corpus.js';
import { projectRoot } from '../../src/config.js';
import { parseAgreement } from '../../src/format/processor.js';
import { parsedReadableText, readableText } from '../../src/format/readable.js';
import { readSections } from '../../src/history/sections.js';

const examples = readdirSync(join(projectRoot, 'agreements'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((folder) =>
    readdirSync(join(projectRoot, 'agreements', folder.name))
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(join(projectRoot, 'agreements', folder.name, name), 'utf8')),
  );

/** Every clause body and prose section of a file: the texts compare reads. */
function textsOf(markdown: string): string[] {
  return [
    ...parseAgreement(markdown).agreement.clauses.map((clause) => clause.markdown),
    ...readSections(markdown).map((section) => section.markdown),
  ];
}

describe('readableText', () => {
  it('reads every clause and section of the example agreements as the parser does', () => {
    const texts = examples.flatMap(textsOf);
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) expect(readableText(text)).toBe(parsedReadableText(text));
  });

  it('reads a sample of the benchmark corpus as the parser does', () => {
    const { commits } = corpusHistory({ scale: 1, years: 2 });
    const texts = commits.filter((_, index) => index % 101 === 0).flatMap(({ content }) => textsOf(content));
    expect(texts.length).toBeGreaterThan(200);
    for (const text of texts) expect(readableText(text)).toBe(parsedReadableText(text));
  });

  it.each([
    ['two paragraphs', 'Første linje\nfortsetter her.\n\nAndre avsnitt.'],
    ['blank lines around', '\n\nTekst.\n\n\n'],
    ['nothing', ''],
    ['a time with a colon', 'Møtet er kl. 10:30 hver mandag.'],
    ['a word after a colon', 'Merk:viktig tekst'],
    ['a text directive', 'Se :ansvar[punktet] nedenfor.'],
    ['a container fence', ':::ansvar[Tittel]{#t ansvarlig=nav}\nTekst.\n:::'],
    ['emphasis', 'Dette er *viktig* og _like viktig_.'],
    ['a link', 'Les [avtalen](https://nav.no).'],
    ['a bare address', 'Se www.nav.no og https://nav.no/ung for mer.'],
    ['an e-mail address', 'Skriv til post@fjordvik.kommune.no.'],
    ['a character reference', 'NAV &amp; OT samarbeider.'],
    ['a hard break with spaces', 'Linje en  \nlinje to'],
    ['a hard break with a backslash', 'Linje en\\\nlinje to'],
    ['a list', '- første\n- andre'],
    ['a numbered list', '1. første\n2. andre'],
    ['a year that looks like a list', '2019. Avtalen ble fornyet.'],
    ['a heading', '# Formål\n\nTekst.'],
    ['a setext heading', 'Formål\n======'],
    ['a quote', '> sitat'],
    ['a table', '| a | b |\n| - | - |\n| 1 | 2 |'],
    ['indented code', '    kode her'],
    ['a fence', '```\nkode\n```'],
    ['html', '<b>fet</b> tekst'],
    ['a tab inside', 'Ord\tog ord.'],
    ['a non-breaking space first', '\u00a0Tekst med hardt mellomrom.'],
    ['carriage returns', 'Linje en\r\nlinje to\r\n'],
    ['strikethrough', 'Dette ~~gjelder ikke~~ lenger.'],
    ['a footnote', 'Tekst[^1]\n\n[^1]: Fotnote.'],
    ['an exclamation mark', 'Viktig! Les dette.'],
  ])('reads %s as the parser does', (_name, text) => {
    expect(readableText(text)).toBe(parsedReadableText(text));
  });
});
