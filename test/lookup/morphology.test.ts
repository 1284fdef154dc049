/**
 * Norwegian morphology from the bokmål and nynorsk Hunspell dictionaries: forms of one word meet on one
 * term, compounds are known by their parts, particle verbs reach the nouns written in one word, acronyms
 * lose their genitive s, nynorsk and dialect question words are stop words, a bare number is an age, and
 * words speech to text split are joined where the agreements write them as one.
 */
import { describe, expect, it } from '@jest/globals';
import { readDocFacts } from '../../src/lookup/clause-facts.js';
import { lemma } from '../../src/lookup/lexicon.js';
import { compoundParts, particleVerbTerms, term, terms } from '../../src/lookup/norwegian.js';
import { interpret } from '../../src/lookup/question.js';
import { joinSplitWords } from '../../src/lookup/spoken.js';

// Forms of one word, each group one term.
const sameWord: string[][] = [
  ['veileder', 'veilederen', 'veiledere', 'veilederne'],
  ['personalansvar', 'personalansvaret'],
  ['læreplass', 'læreplassen', 'læreplasser', 'læreplassene'],
  ['slutte', 'slutter', 'sluttet'],
  ['fullføre', 'fullfører', 'fullført', 'fullførte'],
  ['elev', 'eleven', 'elever', 'elevene'],
  ['tiltak', 'tiltaket', 'tiltakene'],
  ['kostnad', 'kostnaden', 'kostnader'],
  ['skule', 'skulen'],
  ['utvalg', 'utvalget'],
];

describe('forms of a word', () => {
  it.each(sameWord.map((group) => [group.join(' / '), group]))('%s meet on one term', (_, group) => {
    const found = new Set((group as string[]).map((word) => term(word)));
    expect(found.size).toBe(1);
  });

  it('come from the dictionaries, not from suffix rules of our own', () => {
    expect(lemma('veilederen')).toBeDefined();
    expect(lemma('skulen')).toBeDefined(); // nynorsk
    expect(lemma('xqzv')).toBeUndefined();
  });
});

describe('compound words', () => {
  it.each([
    ['oppfølgingstjenesten', ['oppfølging', 'tjeneste']],
    ['samarbeidsutvalget', ['samarbeid', 'utvalg']],
    ['arbeidsklær', ['arbeid', 'klær']],
    ['læreplasskurset', ['læreplass', 'kurs']],
  ])('%s is known by its parts', (word, expected) => {
    expect(compoundParts(term(word) as string)).toEqual(expected.map((part) => term(part)));
  });

  it('a particle verb reaches the noun written in one word («følger opp» → oppfølging)', () => {
    expect(particleVerbTerms('hvem følger opp ungdommen')).toContain(term('oppfølging'));
  });
});

describe('what is not a content word', () => {
  it('acronyms lose their genitive s («OTs» is OT), other words keep it', () => {
    expect(terms('OTs kontaktperson')).toEqual(terms('OT kontaktperson'));
    expect(terms('NAVs tiltak')).toEqual(terms('NAV tiltak'));
    expect(terms('kurs')).toEqual([term('kurs')]);
  });

  it('nynorsk and dialect question words are stop words', () => {
    expect(terms('kven har ansvaret')).toEqual([]);
    expect(terms('kem ska ta saken')).toEqual(terms('ska ta'));
    expect(terms('kva gjer eg')).toEqual(terms('gjer'));
  });
});

describe('ages', () => {
  it.each([
    ['er 20 og sitter hjemme', 20],
    ['gutt på 18', 18],
    ['jente 17', 17],
    ['fylt 19 og har sluttet', 19],
  ])('«%s» is %i years', (question, age) => {
    expect(interpret(question).age).toEqual({ min: age, max: age });
  });

  it.each([
    ['opplæringslova § 9-4'],
    ['1. september 2024'],
    ['i 2022'],
    ['30 elever'],
    ['Vg2'],
    ['15. mars'],
  ])('«%s» has no age', (question) => {
    expect(interpret(question).age).toBeUndefined();
  });

  it.each([
    ['elev med over 20 prosent fråvær', 'elev med 20 prosent fråvær'],
    ['bur meir enn 12 kilometer frå skulen', 'bur 12 kilometer frå skulen'],
  ])('«%s» is an amount, no age, and its comparison word is not searched for', (question, text) => {
    expect(interpret(question).age).toBeUndefined();
    expect(interpret(question).text).toBe(text);
  });
});

describe('a word of its own is not a genitive', () => {
  it('an entry with inflections of its own is not read as the genitive of a shorter entry', () => {
    // Hunspell reads «kurs» as the genitive of «kur», «reis» as that of «rei», «mens» as that of «men».
    expect(term('kurs')).not.toBe(term('kur'));
    expect(term('kurset')).toBe(term('kurs'));
    expect(term('reise')).not.toBe(term('rei'));
    expect(term('reiser')).toBe(term('reise'));
    expect(term('mens')).not.toBe(term('mene'));
    expect(term('felles')).not.toBe(term('fell'));
  });

  it('a form listed without inflections of its own is still read: passives, compound heads, genitives', () => {
    expect(term('dekkes')).toBe(term('dekke'));
    expect(term('skrives')).toBe(term('skrive'));
    expect(term('arbeids')).toBe(term('arbeid'));
    expect(term('elevens')).toBe(term('elev'));
  });
});

describe('words the dictionaries do not link', () => {
  it('a nynorsk word and its bokmål word are one term', () => {
    expect(term('skulen')).toBe(term('skolen'));
    expect(term('teieplikt')).toBe(term('taushetsplikt'));
    expect(term('heime')).toBe(term('hjemme'));
    expect(term('vidaregåande')).toBe(term('videregående'));
    // Sick leave in nynorsk: «sjukmeld» and «sjukepengar» met nothing (blind-7 b7-60).
    expect(term('sjukmeld')).toBe(term('sykmeldt'));
    expect(term('sjukmeldt')).toBe(term('sykmeldte'));
    expect(term('sjukepengar')).toBe(term('sykepenger'));
  });

  it('an entry the word begins with is its lemma, not another word reached through entries', () => {
    // «klasse» → «klass» → «kle» (clothes) made OT-klassen meet arbeidsklær.
    expect(term('klassen')).toBe(term('klasse'));
    expect(term('klasse')).not.toBe(term('klær'));
  });
});

describe('situation phrases in any tense, spelling and word order', () => {
  it.each([
    ['satt hjemme i fjor', 'utenfor'],
    ['sit heime', 'utenfor'],
    ['har ingen jobb', 'utenfor'],
    ['ikke har jobb', 'utenfor'],
    ['lærling som ikkje fekk plass', 'uten-laereplass'],
    ['fekk ikkje læreplass', 'uten-laereplass'],
    ['går ikke på skole', 'utenfor'],
  ])('«%s» is %s', (question, facet) => {
    expect(interpret(question).facets).toContain(facet);
  });

  it('a phrase that carries a negation needs one: «har jobb» is not outside work', () => {
    expect(interpret('har jobb').facets).not.toContain('utenfor');
    expect(interpret('fikk læreplass').facets).not.toContain('uten-laereplass');
  });

  it('a negation does not reach past a new clause of the sentence', () => {
    expect(interpret('har ikke jobb, men går på skolen').notFacets).not.toContain('elev');
  });

  it('a negation reaches the first situation after it, not the next one', () => {
    for (const question of [
      '23 år, aldri fullført vgs, sitter hjemme uten jobb',
      'ikkje fullført vgs, sit heime',
      'ikke fullført vgs, sitter hjemme',
    ]) {
      const read = interpret(question);
      expect(read.facets).toEqual(expect.arrayContaining(['rett-vgo', 'utenfor']));
      expect(read.notFacets).not.toContain('utenfor');
    }
    // A phrase inside another is no situation between them: «ikke lenger elev» rules out the pupil.
    expect(interpret('ikke lenger elev, 18 år').notFacets).toContain('elev');
  });

  it('a negation before «å» belongs to the verb it follows: a pupil who cannot manage school is a pupil', () => {
    const read = interpret('elev som trenger helsehjelp og ikke klarer å gå på skolen');
    expect(read.notFacets).not.toContain('elev');
    expect(read.facets).toContain('elev');
    expect(read.facets).not.toContain('utenfor');
    expect(interpret('orker ikke å gå på skolen').notFacets).not.toContain('elev');
  });

  it('«går ikke på skole» rules out the pupil', () => {
    expect(interpret('er 17 og går ikke på skole').notFacets).toContain('elev');
  });

  it('a past tense asks who pays as the present does', () => {
    expect(interpret('hvem betalte arbeidsklær').intents).toContain('cost');
  });
});

describe('words that name no topic', () => {
  it('light verbs and possessives are not searched («gi tiltak» is about the tiltak)', () => {
    expect(terms('kan NAV gi tiltak')).toEqual(terms('NAV tiltak'));
    expect(terms('fekk ikkje plass')).toEqual(terms('ikkje plass'));
    expect(terms('NAV-kontoret vårt')).toEqual(terms('NAV-kontoret'));
  });

  it('a compound beginning with a nynorsk word meets the bokmål compound', () => {
    expect(term('skuleplass')).toBe(term('skoleplass'));
  });
});

describe('what a clause is about', () => {
  it('a title that names an age group makes the clause about that age', () => {
    const group = readDocFacts({
      title: 'Unge voksne 22–24 år',
      keywords: [],
      facets: [],
      ages: { min: 22, max: 24 },
    });
    expect(group).toMatchObject({ namesAge: true, groupAges: [22, 23, 24] });
    expect(readDocFacts({ title: 'Praksisplass', keywords: [], facets: [] }).namesAge).toBe(false);
    // The whole target group is named, but is no age group the clause is about: not listed by age.
    const wide = readDocFacts({
      title: 'Ungdom 15–24 år',
      keywords: [],
      facets: [],
      ages: { min: 15, max: 24 },
    });
    expect(wide.groupAges).toEqual([]);
  });

  it('declared situations are what a clause is about; its title is read only when there are none', () => {
    const declared = readDocFacts({ title: 'Elev som har slutta', keywords: [], facets: ['sluttet'] });
    expect([...declared.facets.keys()]).toEqual(['sluttet']);
    const read = readDocFacts({ title: 'Elev som har slutta', keywords: [], facets: [] });
    expect(read.facets.has('sluttet')).toBe(true);
  });
});

describe('the question frame', () => {
  it('«hvem følger opp» asks who is responsible: «følger opp» is not searched for', () => {
    expect(interpret('kem ska følge opp ein lærling').text).toBe('kem ein lærling');
    expect(interpret('takket nei til Vg3, hvem følger opp').text).toBe('takket nei til Vg3, hvem');
    expect(interpret('OT følger opp ungdommen').text).toBe('OT følger opp ungdommen');
  });
});

describe('dictated words (speech to text)', () => {
  const agreementTerms = new Set(
    terms(
      'Busskort for ungdom i OT-tiltak. Ungdomsgarantien. Kombinasjonsklasse. DPS. Elev som er sjuk over lang tid.',
    ),
  );
  const known = (word: string) => agreementTerms.has(term(word.toLowerCase()) ?? '');

  it.each([
    ['o t tiltak buss kort kven betalar', 'ot tiltak busskort kven betalar'],
    ['d p s for ein på tjue', 'dps for ein på tjue'],
    ['i o t tiltak', 'i ot tiltak'],
    ['ungdoms garantien fast veiledar', 'ungdomsgarantien fast veiledar'],
    ['i kombinasjons klassen', 'i kombinasjonsklassen'],
  ])('«%s» is read as «%s»: halves the agreements use as one word are joined', (spoken, typed) => {
    expect(joinSplitWords(spoken, known)).toBe(typed);
  });

  it.each([
    'elev som er sjuk over lang tid', // «overtid», «langtid»: words of the dictionaries, not of the agreements
    'nav kontoret i sundsbø',
    'e i a',
  ])('«%s» stays as it is', (spoken) => {
    expect(joinSplitWords(spoken, known)).toBe(spoken);
  });
});
