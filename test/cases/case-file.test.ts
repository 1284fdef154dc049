/** The case file format (src/cases/case-file.ts) and the hints of personal data in what people write. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseCaseFile, writeCaseFile } from '../../src/cases/case-file.js';
import type { UnclearCase } from '../../src/cases/types.js';
import { knownWords, personalHints } from '../../src/domain/personal-hints.js';

const decided: UnclearCase = {
  id: '2026-k3f9x',
  title: 'PC til deltaker i OT-klassen',
  status: 'avgjort',
  agreementId: 'fjordvik-ramme',
  clauseId: 'pc-utstyr',
  county: 'Fjordvik',
  raisedBy: 'ot',
  raised: '2026-03-02',
  ages: { min: 16, max: 18 },
  facets: ['sluttet', 'utenfor'],
  situation: 'Første avsnitt.\n# Ikke en overskrift\n\nAndre avsnitt: med kolon.',
  disagreement: 'Hvem låner ut PC?',
  decision: {
    date: '2026-03-12',
    by: 'Samarbeidsutvalget i Fjordvik',
    owner: 'nav-fjordvik',
    text: 'NAV dekker.',
  },
  amendment: { agreementId: 'fjordvik-ramme', rev: 'a'.repeat(40), date: '2026-03-13' },
};

describe('the case file', () => {
  it('reads back what Gjerde writes, a line starting with # included', () => {
    const text = writeCaseFile(decided);
    expect(text).toContain('\n\\# Ikke en overskrift\n');
    const parsed = parseCaseFile(text, 'saker/2026-k3f9x.md');
    expect(parsed.messages).toEqual([]);
    expect(parsed.case).toEqual(decided);
  });

  it('finds its front matter as an agreement does: «---» lines with spaces after them, Windows line ends', () => {
    const text = writeCaseFile(decided)
      .replace(/^---\n/, '--- \n')
      .replaceAll('\n', '\r\n');
    const parsed = parseCaseFile(text, 'saker/2026-k3f9x.md');
    expect(parsed.messages).toEqual([]);
    expect(parsed.case).toEqual(decided);
    expect(parseCaseFile(text.replace(/^--- /, ''), 'saker/2026-k3f9x.md').messages[0]?.message).toBe(
      'Saken mangler metadata (YAML-blokk mellom «---»-linjer øverst).',
    );
  });

  it('is the format docs/format.md shows', () => {
    const docs = readFileSync(fileURLToPath(new URL('../../docs/format.md', import.meta.url)), 'utf8');
    const example =
      /## Unclear cases \(`saker\/`\)[\s\S]*?```markdown\n([\s\S]*?)```\n/.exec(docs)?.[1] ?? '';
    const parsed = parseCaseFile(example, 'saker/2026-k3f9x.md');
    expect(parsed.messages).toEqual([]);
    expect(parsed.case).toMatchObject({ status: 'avgjort', decision: { owner: 'nav-fjordvik' } });
  });

  it('says what is wrong, with line and column', () => {
    const text = writeCaseFile(decided)
      .replace('status: avgjort', 'status: ferdig')
      .replace('meldt-av: ot', 'meldt-av: ot\nprioritet: høy')
      .replace('## Uenigheten', '## Bakgrunn');
    const parsed = parseCaseFile(text, 'saker/2026-k3f9x.md');
    expect(parsed.ok).toBe(false);
    expect(parsed.messages.map((message) => `${message.line}:${message.column} ${message.message}`)).toEqual([
      '3:9 Ugyldig «status»: apen, eskalert, avgjort, dekket.',
      '8:1 Ukjent nøkkel «prioritet» i saken.',
      '21:1 Saken mangler seksjonen «## Uenigheten».',
      '31:1 Ukjent seksjon «Bakgrunn». Seksjonene er Situasjon, Uenigheten, Til styringsgruppen, Vedtak.',
    ]);
  });

  it('refuses a file whose name is not its id, and one with a fødselsnummer', () => {
    expect(parseCaseFile(writeCaseFile(decided), 'saker/2026-aaaaa.md').messages[0]?.message).toContain(
      'Filnavnet skal være saker/2026-k3f9x.md',
    );
    const withNumber = writeCaseFile({ ...decided, situation: 'Gjelder 150704 12397.' });
    const [refused] = parseCaseFile(withNumber).messages;
    expect(refused?.message).toContain('Personopplysninger om ungdom');
    // At the number, so that it can be found and taken out of the file.
    const line = withNumber.split('\n').findIndex((text) => text.includes('150704 12397')) + 1;
    expect(refused).toMatchObject({ line, column: 9 });
  });
});

describe('hints of personal data', () => {
  const known = knownWords([
    'NAV Fjordvik',
    'Fjordvik fylkeskommune',
    'Oppfølgingstjenesten (OT) i Fjordvik',
  ]);
  const hints = (text: string) => personalHints(text, known).map((hint) => `${hint.kind}: ${hint.found}`);

  it('finds names, addresses, telephone numbers and e-mail addresses', () => {
    expect(hints('Ola Hansen har sluttet.')).toEqual(['navn: Ola Hansen']);
    expect(hints('Eleven, kalt Ida, har sluttet.')).toEqual(['navn: Ida']);
    expect(hints('Han snakket med Kristoffersen om saken.')).toEqual(['navn: Kristoffersen']);
    expect(hints('Bor i Storgata 12, 6800 Førde.')).toEqual(['adresse: Storgata 12', 'adresse: 6800 Førde']);
    expect(hints('Ring 912 34 567 eller +47 91 23 45 67.')).toEqual([
      'telefon: 912 34 567',
      'telefon: +47 91 23 45 67',
    ]);
    expect(hints('Skriv til ida.h@example.no.')).toEqual(['e-post: ida.h@example.no']);
  });

  it('leaves the words of the field alone: parties, services, places the agreement names, sentence starts', () => {
    for (const text of [
      'Deltaker i OT-klassen, 17 år, har sluttet på Vg2 og er i arbeidspraksis gjennom NAV.',
      'NAV Fjordvik og Fjordvik fylkeskommune er uenige. Oppfølgingstjenesten mener noe annet.',
      'Per uke har deltakeren to dager praksis. Lånekassen gir ikke stipend.',
      'Kostnaden er 300 kr for busskort i 2026, og saken kom 12.03.2026.',
    ])
      expect(hints(text)).toEqual([]);
  });
});
