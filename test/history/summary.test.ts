import { describe, expect, it } from '@jest/globals';
import { parseAgreement } from '../../src/format/processor.js';
import { summarize } from '../../src/history/compare.js';
import { readSections } from '../../src/history/sections.js';
import { describeInForce } from '../../src/history/wording.js';
import { type FixtureOptions, fixture } from './helpers.js';

function compare(before: FixtureOptions, after: FixtureOptions) {
  const a = fixture(before);
  const b = fixture(after);
  const parsedA = parseAgreement(a);
  const parsedB = parseAgreement(b);
  expect(parsedA.ok).toBe(true);
  expect(parsedB.ok).toBe(true);
  return summarize(parsedA.agreement, a, parsedB.agreement, b);
}

const laereplass = (attributes: string, text?: string) => ({
  id: 'uten-laereplass',
  title: 'Lærling uten læreplass',
  attributes,
  ...(text ? { text } : {}),
});
const kurs = { id: 'laereplasskurs', title: 'Læreplasskurs', attributes: 'ansvarlig=testby-fk' };
const klaer = {
  id: 'arbeidsklaer',
  title: 'Arbeidsklær',
  attributes: 'status=uavklart eskalering=Samarbeidsutvalget stikkord="arbeidsklær, vernesko"',
};

describe('clause-level summary, clauses matched by their stable ids', () => {
  it('says an owner change in plain Norwegian with the parties’ names', () => {
    const summary = compare(
      { clauses: [laereplass('ansvarlig=testby-fk bistand=ot alder=16-21')] },
      { clauses: [laereplass('ansvarlig=nav-testby bistand=ot alder=16-21')] },
    );
    expect(summary.responsibility.map((sentence) => sentence.text)).toEqual([
      'Lærling uten læreplass: ansvarlig endret fra Testby fylkeskommune til NAV Testby',
    ]);
    expect(summary.counts).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 0 });
    expect(summary.clauses[0]?.changes).toEqual([
      {
        field: 'owner',
        category: 'responsibility',
        text: 'ansvarlig endret fra Testby fylkeskommune til NAV Testby',
        from: 'Testby fylkeskommune',
        to: 'NAV Testby',
      },
    ]);
  });

  it('treats re-ordering and re-numbering as no change at all', () => {
    const summary = compare(
      {
        intro: '## 1. Formål\n\nIngen ungdom skal falle mellom to stoler.\n',
        clauses: [laereplass('ansvarlig=nav-testby'), kurs, klaer],
      },
      {
        intro: '## 1.1 Formål\n\nIngen ungdom skal falle mellom to stoler.\n',
        clauses: [klaer, kurs, laereplass('ansvarlig="nav-testby"')],
      },
    );
    expect(summary.clauses).toEqual([]);
    expect(summary.responsibility).toEqual([]);
    expect(summary.sections).toEqual([]);
    expect(summary.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 3 });
    expect(summary.reordered).toBe(true);
    expect(summary.renumbered).toBe(true);
    expect(summary.identical).toBe(false);
  });

  it('reports a grey zone that is settled, and one that becomes grey again', () => {
    const settled = {
      ...klaer,
      attributes: 'ansvarlig=nav-testby kostnad=nav-testby stikkord="arbeidsklær, vernesko"',
    };
    const forward = compare({ clauses: [klaer] }, { clauses: [settled] });
    expect(forward.responsibility.map((sentence) => sentence.text)).toEqual([
      'Arbeidsklær: avklart: NAV Testby har nå ansvaret (var uavklart)',
      'Arbeidsklær: kostnadsansvar satt: NAV Testby dekker kostnaden',
    ]);
    const back = compare({ clauses: [settled] }, { clauses: [klaer] });
    expect(back.responsibility.map((sentence) => sentence.text)).toEqual([
      'Arbeidsklær: gjort uavklart (gråsone), før hadde NAV Testby ansvaret; saken tas til Samarbeidsutvalget',
      'Arbeidsklær: kostnadsansvaret er fjernet (NAV Testby dekket kostnaden)',
    ]);
  });

  it('reports a cost that becomes shared, and a change of the shares, as responsibility changes', () => {
    const cost = (value: string) => laereplass(`ansvarlig=nav-testby kostnad=${value}`);
    const shared = compare({ clauses: [cost('nav-testby')] }, { clauses: [cost('"nav-testby ot"')] });
    expect(shared.responsibility.map((sentence) => sentence.text)).toEqual([
      'Lærling uten læreplass: kostnadsansvar endret fra NAV Testby til delt NAV Testby 50 % / Oppfølgingstjenesten (OT) 50 %',
    ]);
    expect(shared.clauses[0]?.changes).toEqual([
      expect.objectContaining({
        field: 'costBearer',
        category: 'responsibility',
        from: 'NAV Testby',
        to: 'delt NAV Testby 50 % / Oppfølgingstjenesten (OT) 50 %',
      }),
    ]);
    const reshared = compare(
      { clauses: [cost('"nav-testby ot"')] },
      { clauses: [cost('"nav-testby:60 ot:40"')] },
    );
    expect(reshared.responsibility.map((sentence) => sentence.text)).toEqual([
      'Lærling uten læreplass: kostnadsansvar endret fra delt NAV Testby 50 % / Oppfølgingstjenesten (OT) 50 % til delt NAV Testby 60 % / Oppfølgingstjenesten (OT) 40 %',
    ]);
    const set = compare(
      { clauses: [laereplass('ansvarlig=nav-testby')] },
      { clauses: [cost('"nav-testby ot"')] },
    );
    expect(set.responsibility.map((sentence) => sentence.text)).toEqual([
      'Lærling uten læreplass: kostnadsansvar satt: delt NAV Testby 50 % / Oppfølgingstjenesten (OT) 50 %',
    ]);
    // Equal shares written as percentages, or in another order, are the same split: no change.
    const rewritten = compare(
      { clauses: [cost('"nav-testby ot"')] },
      { clauses: [cost('"ot:50 nav-testby:50"')] },
    );
    expect(rewritten.clauses).toEqual([]);
    expect(rewritten.counts.unchanged).toBe(1);
  });

  it('reports condition changes: ages, situation facets, legal basis, and keywords, contact and text', () => {
    const summary = compare(
      {
        clauses: [
          laereplass(
            'ansvarlig=nav-testby alder=15-21 situasjon=uten-laereplass stikkord="læreplass, lærling" hjemmel="opplæringslova § 3-6" kontakt=ot-kontakt',
            'Søkere uten læreplass følges opp av NAV.',
          ),
        ],
      },
      {
        clauses: [
          laereplass(
            'ansvarlig=nav-testby alder=15-24 situasjon="uten-laereplass utenfor" stikkord="læreplass, formidling" hjemmel="opplæringslova § 9-4" kontakt=nav-kontakt bistand=ot',
            'Søkere uten læreplass 1. september følges opp av NAV-kontoret.',
          ),
        ],
      },
    );
    const texts = summary.clauses[0]?.changes.map((change) => change.text);
    expect(texts).toEqual([
      'bistand endret fra ingen til Oppfølgingstjenesten (OT)',
      'alder endret fra 15–21 år til 15–24 år',
      'situasjon: lagt til «Utenfor opplæring og arbeid»',
      'hjemmel endret fra «opplæringslova § 3-6» til «opplæringslova § 9-4»',
      'stikkord: lagt til «formidling»; fjernet «lærling»',
      'kontakt endret fra «Kontaktperson i OT (Oppfølgingstjenesten (OT))» til «Ungdomskontakt i NAV (NAV Testby)»',
      'teksten er endret (3 ord lagt til)',
    ]);
    expect(summary.clauses[0]?.changes.map((change) => change.category)).toEqual([
      'responsibility',
      'condition',
      'condition',
      'condition',
      'other',
      'other',
      'text',
    ]);
  });

  it('reports added and removed clauses with who owned them', () => {
    const summary = compare(
      { clauses: [kurs, klaer] },
      { clauses: [laereplass('ansvarlig=nav-testby'), kurs] },
    );
    expect(summary.responsibility.map((sentence) => [sentence.text, sentence.present])).toEqual([
      ['Lærling uten læreplass: nytt punkt: NAV Testby har ansvaret', true],
      ['Arbeidsklær: punktet er fjernet (var uavklart (gråsone))', false],
    ]);
    expect(summary.counts).toEqual({ added: 1, removed: 1, changed: 0, unchanged: 1 });
  });

  it('reports metadata changes: validity, status, parties and signatories', () => {
    const summary = compare(
      {
        status: 'utkast',
        validFrom: '2017-01-01',
        validTo: '2018-12-31',
        signatories:
          '  - navn: Hilde Strand\n    rolle: Direktør\n    part: nav-testby\n    dato: 2017-01-12',
      },
      {
        status: 'godkjent',
        validFrom: '2019-01-01',
        parties: '  - id: vgs\n    navn: De videregående skolene\n    del-av: testby-fk',
        signatories: '  - navn: Per Vik\n    rolle: Direktør\n    part: nav-testby\n    dato: 2018-12-14',
      },
    );
    expect(summary.meta.map((change) => change.text)).toEqual([
      'Status endret fra Utkast til Godkjent',
      'Gyldighet endret fra 1. januar 2017 – 31. desember 2018 til fra 1. januar 2019',
      'Ny part: De videregående skolene (del av Testby fylkeskommune)',
      'Signert av Per Vik (Direktør, NAV Testby, 14. desember 2018)',
    ]);
    expect(summary.clauses).toEqual([]);
    // A draft's `signatarer` are nobody's signature; between approved versions, a signatory who is gone is said.
    const approved = compare(
      {
        validFrom: '2017-01-01',
        signatories:
          '  - navn: Hilde Strand\n    rolle: Direktør\n    part: nav-testby\n    dato: 2017-01-12',
      },
      {
        validFrom: '2019-01-01',
        signatories: '  - navn: Per Vik\n    rolle: Direktør\n    part: nav-testby\n    dato: 2018-12-14',
      },
    );
    expect(approved.meta.map((change) => change.text)).toContain(
      'Ikke lenger oppført som signatar: Hilde Strand (Direktør, NAV Testby, 12. januar 2017)',
    );
  });

  it('reports changed prose outside the clauses by section heading', () => {
    const summary = compare(
      { intro: '## 1. Formål\n\nIngen ungdom skal falle mellom to stoler.\n' },
      { intro: '## 1. Formål\n\nIngen ungdom skal falle utenfor.\n\n## 1.1 Mål\n\nFlere fullfører.\n' },
    );
    expect(summary.sections.map((change) => change.text)).toEqual([
      'Endret tekst under «1. Formål»',
      'Nytt avsnitt «1.1 Mål»',
    ]);
  });

  it('reads sections around clauses, glossaries and code fences', () => {
    const sections = readSections(
      fixture({ clauses: [kurs], intro: '## 1. Formål\n\n```\n# ikke en overskrift\n```\n' }),
    );
    expect(sections.map((section) => section.key)).toEqual([
      'testavtale',
      'formål',
      'ansvarsdeling',
      'revisjon',
    ]);
    expect(sections[1]?.text).toContain('# ikke en overskrift');
    expect(sections[2]?.text).toBe('');
  });
});

describe('the redline of a clause as it reads', () => {
  const part = (op: 'same' | 'ins' | 'del', text: string) => ({ op, text });

  it('marks a new owner as a whole name and the changed words of the text, without Markdown', () => {
    const summary = compare(
      {
        clauses: [
          laereplass('ansvarlig=testby-fk alder=16-21', 'OT følger opp.\n\n- Ring eleven\n- Skriv *plan*'),
        ],
      },
      {
        clauses: [
          laereplass(
            'ansvarlig=nav-testby alder=16-21',
            'OT følger opp sammen med NAV.\n\n- Ring eleven\n- Skriv *plan*',
          ),
        ],
      },
    );
    const redline = summary.clauses[0]?.redline;
    expect(redline?.verdict).toEqual([
      part('del', 'Ansvarlig: Testby fylkeskommune'),
      part('same', ' '),
      part('ins', 'Ansvarlig: NAV Testby'),
    ]);
    expect(redline?.facts).toEqual([{ label: 'Gjelder', parts: [part('same', '16–21 år')] }]);
    const newText = redline?.body
      .filter((piece) => piece.op !== 'del')
      .map((piece) => piece.text)
      .join('');
    expect(newText).toBe('OT følger opp sammen med NAV.\n\n• Ring eleven\n• Skriv plan');
    expect(redline?.body.filter((piece) => piece.op === 'ins').map((piece) => piece.text.trim())).toEqual([
      'sammen med NAV',
    ]);
  });

  it('shows a new clause all inserted and a removed one all deleted', () => {
    const summary = compare({ clauses: [klaer] }, { clauses: [kurs] });
    const added = summary.clauses.find((clause) => clause.kind === 'added')?.redline;
    const removed = summary.clauses.find((clause) => clause.kind === 'removed')?.redline;
    expect(added?.title).toEqual([part('ins', 'Læreplasskurs')]);
    expect(added?.body).toEqual([part('ins', 'Teksten i punktet.')]);
    expect(removed?.grey).toBe(true);
    expect(removed?.verdict).toEqual([part('del', 'Uavklart – ta saken til: Samarbeidsutvalget')]);
  });

  it('gives each metadata change a label and its values before and after, one row per signatory', () => {
    const summary = compare(
      {
        validFrom: '2017-01-01',
        signatories:
          '  - navn: Per Vik\n    rolle: Direktør, NAV Testby\n    part: nav-testby\n    dato: 2017-01-12',
      },
      {
        validFrom: '2019-01-01',
        signatories:
          '  - navn: Per Vik\n    rolle: Direktør, NAV Testby\n    part: nav-testby\n    dato: 2018-12-14',
      },
    );
    expect(summary.meta.map(({ label, from, to }) => ({ label, from, to }))).toEqual([
      { label: 'Gyldig', from: 'fra 1. januar 2017', to: 'fra 1. januar 2019' },
      // The role names the party already: it is not said twice.
      {
        label: 'Signatar: Per Vik',
        from: 'Direktør, NAV Testby, 12. januar 2017',
        to: 'Direktør, NAV Testby, 14. desember 2018',
      },
    ]);
  });

  it('marks the changed words of prose outside the clauses as the reader sees them', () => {
    const summary = compare(
      { intro: '## 1. Formål\n\nIngen ungdom skal falle mellom to stoler.\n' },
      { intro: '## 1. Formål\n\nIngen **ungdom** skal falle utenfor.\n' },
    );
    const changed = summary.sections[0]?.redline ?? [];
    expect(
      changed
        .filter((piece) => piece.op !== 'del')
        .map((piece) => piece.text)
        .join(''),
    ).toBe('Ingen ungdom skal falle utenfor.');
  });
});

describe('when a version is in force, said the same way everywhere', () => {
  const today = '2026-12-06';
  const say = (facts: Parameters<typeof describeInForce>[0]) => describeInForce(facts, today);

  it('past, current and coming periods, with «gjaldt»-time for the past', () => {
    expect(
      say({ kind: 'approved', date: '2017-01-16', periods: [{ from: '2017-01-01', to: '2018-12-31' }] }),
    ).toEqual({
      text: 'Var i kraft 1. januar 2017 – 31. desember 2018.',
      upcoming: false,
    });
    expect(say({ kind: 'approved', date: '2025-06-23', periods: [{ from: '2025-08-01' }] }).text).toBe(
      'I kraft fra 1. august 2025 (gjeldende i dag).',
    );
    expect(say({ kind: 'approved', date: '2026-11-01', periods: [{ from: '2027-01-01' }] })).toEqual({
      text: 'Godkjent – trer i kraft 1. januar 2027.',
      upcoming: true,
    });
  });

  it('a signed version replaced from the same start date was in force as saved, never «aldri i kraft»', () => {
    const text = say({
      kind: 'approved',
      date: '2017-01-16T10:15:00+01:00',
      periods: [],
      validFrom: '2017-01-01',
      supersededOn: '2017-09-04T13:05:00+02:00',
    }).text;
    expect(text).toBe(
      'I kraft fra 1. januar 2017 slik den ble lagret 16. januar 2017; senere erstattet med tilbakevirkende kraft av versjonen lagret 4. september 2017.',
    );
  });
});
