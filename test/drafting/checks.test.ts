import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/drafting/checks/analyze.js';
import { splitSentences } from '../../src/drafting/text.js';

/** A valid agreement with the given body text after the front matter. */
function agreement(body: string, glossary = ''): string {
  return `---
id: testavtale
tittel: Testavtale
type: ramme
fylke: Testfylket
status: utkast
gyldig-fra: 2030-01-01
parter:
  - id: nav-test
    navn: NAV Test
  - id: test-fk
    navn: Testfylket fylkeskommune
  - id: ot
    navn: Oppfølgingstjenesten (OT)
    del-av: test-fk
---

# Testavtale

${body}
${glossary ? `\n## Ordliste\n\n:::ordliste\n${glossary}\n:::\n` : ''}`;
}

function warnings(markdown: string, wordBudget = 1000) {
  const analysis = analyze(markdown, { wordBudget, coverage: [] });
  expect(analysis.ok).toBe(true);
  return analysis.messages.filter((message) => message.severity === 'warning');
}

const rule = (markdown: string, id: string, wordBudget?: number) =>
  warnings(markdown, wordBudget).filter((message) => message.rule === id);

describe('checks for short and clear agreements', () => {
  it('too-long: over the word budget, at the first line of the body', () => {
    const text = agreement('Ord '.repeat(40).trim());
    const [message] = rule(text, 'too-long', 30);
    expect(message).toMatchObject({ line: 18, column: 1 });
    expect(message?.message).toContain('høyst 30');
    expect(rule(text, 'too-long', 100)).toEqual([]);
  });

  it('long-sentence: over 30 words, at the sentence', () => {
    const long = `Ord ${'ord '.repeat(30).trim()}.`;
    const found = rule(agreement(`Kort setning her. ${long}`), 'long-sentence');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 20, column: 19 });
    expect(found[0]?.message).toContain('31 ord');
    expect(rule(agreement(`${'ord '.repeat(29).trim()}.`), 'long-sentence')).toEqual([]);
  });

  it('long-paragraph: over 120 words, at the paragraph', () => {
    const sentence = 'NAV-kontoret følger opp ungdommen innen fire uker. ';
    const found = rule(agreement(sentence.repeat(18)), 'long-paragraph');
    expect(found).toEqual([expect.objectContaining({ line: 20, column: 1 })]);
    expect(rule(agreement(sentence.repeat(10)), 'long-paragraph')).toEqual([]);
  });

  it('unknown-term: an acronym not in the glossary, once, ignoring party names and common ones', () => {
    const text = agreement(
      'PPT vurderer saken. PPT svarer innen to uker. OT og NAV deltar. IKT-avdelingen hjelper.',
    );
    const found = rule(text, 'unknown-term');
    expect(found.map((message) => message.message.match(/«([^»]+)»/)?.[1])).toEqual(['PPT', 'IKT']);
    expect(found[0]).toMatchObject({ line: 20, column: 1 });
    const explained = agreement(
      'PPT vurderer saken. IKT-avdelingen hjelper.',
      '- **PPT** (pedagogisk-psykologisk tjeneste): Vurderer behov for tilrettelegging.\n- **IKT**: Data og nett.',
    );
    expect(rule(explained, 'unknown-term')).toEqual([]);
  });

  it('unknown-term: professional jargon («fagsjargong») unless the glossary explains it', () => {
    const text = agreement('Deltakerne har ikke elevstatus.');
    expect(rule(text, 'unknown-term')[0]?.message).toContain('«elevstatus»');
    const explained = agreement(
      'Deltakerne har ikke elevstatus.',
      '- **Elevstatus**: At en er elev ved en skole.',
    );
    expect(rule(explained, 'unknown-term')).toEqual([]);
  });

  it('no-owner-phrase: duties that do not say whose they are', () => {
    const found = rule(
      agreement(
        'Det skal sørges for at ungdommen får svar. Saken skal følges opp. Man bør ringe OT. OT og NAV skal møtes hver uke. Saken skal følges opp av NAV-kontoret. Vi avtaler hva som skal gjøres.',
      ),
      'no-owner-phrase',
    );
    expect(found.map((message) => message.message.match(/«([^»]+)»/)?.[1])).toEqual([
      'Det skal sørges for',
      'skal følges',
      'Man bør',
    ]);
    expect(found[1]).toMatchObject({ line: 20, column: 50 });
  });

  it('repeated-text: the same sentence twice, at the second', () => {
    const sentence = 'NAV-kontoret følger opp ungdommen innen fire uker.';
    const found = rule(agreement(`${sentence}\n\nOT bistår.\n\n${sentence}`), 'repeated-text');
    expect(found).toEqual([expect.objectContaining({ line: 24, column: 1 })]);
    expect(found[0]?.message).toContain('linje 20');
    expect(rule(agreement('Saken tas opp. Saken tas opp.'), 'repeated-text')).toEqual([]);
  });

  it('never blocks: an agreement with only warnings is ok', () => {
    const analysis = analyze(agreement(`${'ord '.repeat(40).trim()}. Det bør ringes.`), {
      wordBudget: 10,
      coverage: [],
    });
    expect(analysis.ok).toBe(true);
    expect(analysis.messages.length).toBeGreaterThan(1);
  });

  it('counts words and reading time of the body, not the front matter', () => {
    const analysis = analyze(agreement('Én to tre fire fem.'), { wordBudget: 1000, coverage: [] });
    expect(analysis.stats).toEqual({ words: 6, readingMinutes: 1, wordBudget: 1000 });
  });
});

describe('sentences', () => {
  it('splits at full stops before a capital, not after abbreviations or ordinals', () => {
    const text =
      'Saken meldes f.eks. NAV innen 1. september. Den 3. Mai kommer. OT svarer! Hvem gjør det? Ja.';
    expect(splitSentences(text).map((sentence) => sentence.text)).toEqual([
      'Saken meldes f.eks. NAV innen 1. september.',
      'Den 3. Mai kommer.',
      'OT svarer!',
      'Hvem gjør det?',
      'Ja.',
    ]);
  });

  it('treats list items as sentences of their own', () => {
    expect(splitSentences('- En ting\n- En annen ting').map((sentence) => sentence.text)).toEqual([
      '- En ting',
      '- En annen ting',
    ]);
  });
});
