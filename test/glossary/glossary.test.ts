/**
 * The shared glossary (src/glossary): the file in the data repository with messages by line and column, one
 * commit per change by the signed-in editor, its names as the lookup's synonyms and as terms the drafting
 * checks know, and the terms found in a text as a page marks them.
 */
import { describe, expect, it } from '@jest/globals';
import type { Principal } from '../../src/access/principal.js';
import { glossaryPath, parseGlossaryFile, writeGlossaryFile } from '../../src/domain/glossary-file.js';
import { analyze, checkContext } from '../../src/drafting/checks/analyze.js';
import { TermFinder } from '../../src/glossary/find-terms.js';
import { mergeGlossaries } from '../../src/glossary/glossary.js';
import { terms } from '../../src/lookup/norwegian.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { nationalId } from '../security/hostile-cases.js';

const editor: Principal = {
  username: 'rita',
  name: 'Rita Redaktør',
  email: 'rita@fjordvik.example',
  roles: ['redaktor'],
  parties: [],
  counties: ['Nordfylket'],
};
const reader: Principal = { ...editor, username: 'lise', name: 'Lise Leser', roles: [] };

describe('the glossary file', () => {
  it('says what is wrong, with line and column', () => {
    const text = [
      'begreper:',
      '  - begrep: OT',
      '    forklaring: Oppfølgingstjenesten.',
      '  - begrep: Oppfølgingstjenesten',
      '    andre-navn: [ot]',
      '    forklaring: Det samme.',
      '    farge: blå',
      '',
    ].join('\n');
    const parsed = parseGlossaryFile(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.messages).toEqual([
      expect.objectContaining({
        line: 5,
        column: 17,
        message: expect.stringContaining('«ot» står allerede i begrepslisten (under «OT»)'),
      }),
      expect.objectContaining({
        line: 7,
        column: 5,
        message: expect.stringContaining('Ukjent nøkkel «farge»'),
      }),
    ]);
  });

  it('refuses a fødselsnummer anywhere', () => {
    const parsed = parseGlossaryFile(`begreper:\n  - begrep: OT\n    forklaring: Som ${nationalId(3)}.\n`);
    expect(parsed.ok).toBe(false);
    expect(parsed.messages[0]?.message).toContain('fødselsnummer');
  });

  it('reads back what Gjerde writes, terms in alphabetical order', () => {
    const written = writeGlossaryFile([
      {
        term: 'Ungdomsrett',
        aliases: [],
        definition: 'Retten til videregående opplæring.',
        source: 'opplæringslova § 5-1',
      },
      { term: 'Aktivitetsplan', aliases: ['plan: NAV'], definition: 'NAVs plan: «med kolon».' },
    ]);
    const parsed = parseGlossaryFile(written);
    expect(parsed.messages).toEqual([]);
    expect(parsed.terms.map((entry) => entry.term)).toEqual(['Aktivitetsplan', 'Ungdomsrett']);
    expect(parsed.terms[0]?.aliases).toEqual(['plan: NAV']);
  });
});

describe('the shared glossary in the data repository', () => {
  const server = testGjerdeWithPeople([]);

  it('is seeded with the terms of the field, with their history', async () => {
    const names = (await server.gjerde.glossary.terms()).map((entry) => entry.term);
    expect(names).toEqual(
      expect.arrayContaining([
        'OT',
        'Ungdomsrett',
        'Lærekandidat',
        'NEET',
        'Arbeidsrettet oppfølging',
        'Samarbeidsutvalg',
      ]),
    );
    expect((await server.gjerde.glossary.history()).length).toBeGreaterThanOrEqual(2);
  });

  it('is changed by an editor, one commit in their name per change', async () => {
    const { glossary, store } = server.gjerde;
    await glossary.save(
      undefined,
      {
        term: 'Hospitering',
        aliases: 'hospitere, jobbskygging',
        definition: 'Å følge en kollega hos den andre parten en dag.',
      },
      editor,
    );
    let [last] = await store.history(glossaryPath);
    expect(last?.author.name).toBe('Rita Redaktør');
    expect(last?.reason).toBe('Begrepslisten: nytt begrep «Hospitering»');
    await glossary.save(
      'Hospitering',
      {
        term: 'Hospitering',
        aliases: ['hospitere'],
        definition: 'Å følge en kollega en dag.',
        source: 'Samarbeidsavtalen punkt 5',
      },
      editor,
    );
    [last] = await store.history(glossaryPath);
    expect(last?.reason).toBe('Begrepslisten: «Hospitering» endret');
    expect((await glossary.terms()).find((entry) => entry.term === 'Hospitering')).toEqual({
      term: 'Hospitering',
      aliases: ['hospitere'],
      definition: 'Å følge en kollega en dag.',
      source: 'Samarbeidsavtalen punkt 5',
    });
    await glossary.remove('hospitering', editor);
    expect((await glossary.terms()).some((entry) => entry.term === 'Hospitering')).toBe(false);
  });

  it('refuses a reader, a name explained twice and a fødselsnummer, and writes nothing', async () => {
    const { glossary, store } = server.gjerde;
    const head = await store.head();
    await expect(glossary.save(undefined, { term: 'X', definition: 'Y' }, reader)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      glossary.save(
        undefined,
        { term: 'Tjenesten', aliases: 'oppfølgingstjenesten', definition: 'Y' },
        editor,
      ),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      details: {
        problems: [
          {
            variable: 'aliases',
            message: '«oppfølgingstjenesten» står allerede i begrepslisten (under «OT»).',
          },
        ],
      },
    });
    await expect(
      glossary.save(undefined, { term: 'Nytt', definition: `Gjelder ${nationalId(5)}` }, editor),
    ).rejects.toMatchObject({ code: 'personal-data' });
    await expect(
      glossary.save(undefined, { term: 'Nytt', aliases: [`a ${nationalId(6)}`], definition: 'Y' }, editor),
    ).rejects.toMatchObject({ code: 'personal-data' });
    expect(await store.head()).toBe(head);
  });

  it('gives the lookup its names as synonyms', async () => {
    await server.gjerde.lookup.search({ q: 'NEET', county: 'Fjordvik' });
    const index = await server.gjerde.lookup.ready();
    expect(index.synonyms.expand(terms('NEET'))).toEqual(
      expect.arrayContaining(terms('utenfor opplæring og arbeid')),
    );
  });
});

describe('the drafting checks', () => {
  const markdown = (glossary: string) => `---
id: ordtest
tittel: Ordtest
type: ramme
fylke: Fjordvik
status: utkast
gyldig-fra: 2026-01-01
parter:
  - id: nav-fjordvik
    navn: NAV Fjordvik
  - id: fjordvik-fk
    navn: Fjordvik fylkeskommune
---

# Ordtest

En lærekandidat følges opp av fagopplæringen.
${glossary}`;
  const unknownTerms = (text: string, shared = parseGlossaryFile('begreper: []\n').terms) =>
    analyze(text, { ...checkContext(undefined, 'ramme'), sharedTerms: shared })
      .messages.filter((message) => message.rule === 'unknown-term')
      .map((message) => message.message);

  it('know what the shared glossary explains, as the agreement’s own', () => {
    expect(unknownTerms(markdown(''))).toEqual([expect.stringContaining('«lærekandidat» er et fagord')]);
    expect(
      unknownTerms(markdown(':::ordliste\n- **Lærekandidat**: Lærling mot kompetansebevis.\n:::\n')),
    ).toEqual([]);
    expect(
      unknownTerms(markdown(''), [{ term: 'Lærekandidat', aliases: [], definition: 'Mot kompetansebevis.' }]),
    ).toEqual([]);
  });
});

describe('finding terms in a text', () => {
  const entries = mergeGlossaries(
    [
      { term: 'OT', aliases: ['oppfølgingstjenesten'], definition: 'Felles.' },
      { term: 'Samarbeidsutvalg', aliases: [], definition: 'Utvalget.' },
    ],
    [{ term: 'OT-klasse', aliases: [], definition: 'Avtalens egen.' }],
  );
  const finder = new TermFinder(entries);
  const found = (text: string) => finder.find(text).map((match) => text.slice(match.start, match.end));

  it('finds whole words, acronyms only in capitals, the longest name first, and each term once', () => {
    expect(found('OT-klasse og OT følger opp; ot er ikke et ord her. Kontoret')).toEqual(['OT-klasse', 'OT']);
    expect(found('Saken går til samarbeidsutvalget, så til Samarbeidsutvalg igjen.')).toEqual([
      'samarbeidsutvalget',
    ]);
    expect(found('Oppfølgingstjenesten')).toEqual(['Oppfølgingstjenesten']);
  });

  it('takes the agreement’s own explanation before the shared one', () => {
    expect(
      mergeGlossaries(
        [{ term: 'OT', aliases: [], definition: 'Felles.' }],
        [{ term: 'OT', aliases: [], definition: 'Egen.' }],
      ),
    ).toEqual([{ term: 'OT', aliases: [], definition: 'Egen.', origin: 'avtale' }]);
  });
});
