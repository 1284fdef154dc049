/**
 * Outdated legal references: the table's format (messages with line and column), which `hjemmel` cites a
 * provision and from when it is repealed, and promised follow-ups read from a clause's text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { readLegalTable, repealedCitations } from '../../src/domain/legal-references.js';
import { followUps, passedFollowUps } from '../../src/drafting/follow-ups.js';
import { madeUpNationalIdNumber } from '../lookup/helpers.js';

const shipped = readLegalTable(readFileSync(join(projectRoot, 'reference/hjemler.yaml'), 'utf8'));

describe('the table Gjerde ships', () => {
  it('reads without problems, every provision with its sources', () => {
    expect(shipped.messages).toEqual([]);
    expect(shipped.provisions.map((provision) => provision.provision)).toEqual([
      'opplæringslova § 3-6',
      'forskrift til opplæringslova § 6A-9',
      'NAV-loven § 14 a',
    ]);
    for (const provision of shipped.provisions) expect(provision.sources.length).toBeGreaterThan(0);
  });

  it('sends OT from § 3-6 to § 9-4 from 1 August 2024, with the age limit 24', () => {
    const [citation] = repealedCitations(shipped, 'opplæringslova § 3-6', '2024-08-01');
    expect(citation?.text).toMatch(
      /^Hjemmelen «opplæringslova § 3-6» er opphevet fra 1\. august 2024; nå: opplæringslova § 9-4\. .*24 år/,
    );
    expect(repealedCitations(shipped, 'opplæringslova § 3-6', '2024-07-31')).toEqual([]);
  });

  it('says when what applies now is not established (forskrift § 6A-9)', () => {
    const [citation] = repealedCitations(shipped, 'forskrift til opplæringslova § 6A-9', '2025-01-01');
    expect(citation?.text).toContain('hva som gjelder nå, er ikke fastslått');
  });

  it('never flags NAV-loven § 14 a, which the research found in force', () => {
    expect(repealedCitations(shipped, 'NAV-loven § 14 a', '2030-01-01')).toEqual([]);
    expect(repealedCitations(shipped, 'NAV-lova § 14 a', '2030-01-01')).toEqual([]);
  });
});

describe('which legal basis cites a provision', () => {
  const table = readLegalTable(
    [
      'hjemler:',
      '  - hjemmel: NAV-loven § 14',
      '    opphevet: 2020-01-01',
      '    erstattet-av: NAV-loven § 15',
      '    kilder: [https://lovdata.no/]',
      '  - hjemmel: opplæringslova § 3-6',
      '    også: [oppll. § 3-6]',
      '    opphevet: 2024-08-01',
      '    kilder: [https://lovdata.no/]',
    ].join('\n'),
  );
  const cited = (basis: string) =>
    repealedCitations(table, basis, '2025-01-01').map((citation) => citation.provision.provision);

  it('finds the provision however the act is named and spaced', () => {
    expect(cited('opplæringsloven §3-6')).toEqual(['opplæringslova § 3-6']);
    expect(cited('Opplæringslova (1998) § 3-6 og NAV-lova § 14')).toEqual([
      'NAV-loven § 14',
      'opplæringslova § 3-6',
    ]);
    expect(cited('oppll. § 3-6')).toEqual(['opplæringslova § 3-6']);
  });

  it('does not take a longer number or a lettered section for the one repealed', () => {
    expect(cited('NAV-loven § 14 a')).toEqual([]);
    expect(cited('NAV-loven § 14a')).toEqual([]);
    expect(cited('opplæringslova § 3-61')).toEqual([]);
    expect(cited('forskrift til opplæringslova § 3-6-1')).toEqual([]);
    expect(cited('')).toEqual([]);
  });
});

describe('a table with problems', () => {
  it('reports each with line and column, and leaves that provision out', () => {
    const table = readLegalTable(
      [
        'hjemler:',
        '  - hjemmel: opplæringslova § 3-6',
        '    opphevet: 1. august 2024',
        '    kilder: [https://lovdata.no/]',
        '  - hjemmel: NAV-loven § 14 a',
        '    erstatet-av: NAV-loven § 15',
        '  - hjemmel: sosialtjenesteloven § 18',
        '    opphevet: 2030-01-01',
        '    kilder: [https://lovdata.no/]',
      ].join('\n'),
    );
    expect(table.messages).toEqual([
      expect.objectContaining({
        line: 3,
        column: 15,
        message: expect.stringContaining('«opphevet» må være en dato'),
      }),
      expect.objectContaining({ line: 5, column: 5, message: expect.stringContaining('«kilder» mangler') }),
      expect.objectContaining({
        line: 6,
        column: 5,
        message: expect.stringContaining('Ukjent nøkkel «erstatet-av»'),
      }),
    ]);
    expect(table.provisions.map((provision) => provision.provision)).toEqual(['sosialtjenesteloven § 18']);
  });

  it('is not read at all with a fødselsnummer in it', () => {
    const table = readLegalTable(
      `hjemler:\n  - hjemmel: NAV-loven § 14\n    opphevet: 2020-01-01\n    merknad: Gjaldt ${madeUpNationalIdNumber()}\n    kilder: [https://lovdata.no/]\n`,
    );
    expect(table.provisions).toEqual([]);
    // At the number, so that it can be found and taken out (not «1:1»).
    expect(table.messages).toEqual([
      expect.objectContaining({ rule: 'personal-data', severity: 'error', line: 4, column: 21 }),
    ]);
  });

  it('says what is wrong with YAML that is not a table', () => {
    expect(readLegalTable('hjemler: [').messages[0]?.message).toContain('ikke gyldig YAML');
    // In Norwegian, as every message a person editing by hand gets (the parser's own are English).
    expect(readLegalTable('navn: Lov: ny').messages[0]?.message).toBe(
      'Filen er ikke gyldig YAML: en verdi med kolon og mellomrom («: ») må stå i anførselstegn, for eksempel tittel: "Avtale: ny".',
    );
    expect(readLegalTable('andre: 1').messages[0]?.message).toContain('Ukjent nøkkel «andre»');
    expect(readLegalTable('{}').messages[0]?.message).toBe('Tabellen må ha en liste «hjemler:».');
  });
});

describe('follow-ups a clause promised', () => {
  it.each([
    ['Utvalget ble ikke enige i 2023; saken tas opp igjen i 2025.', '2025-12-31'],
    ['Samarbeidsutvalget tar saken opp i 2026.', '2026-12-31'],
    ['Saka skal avklarast innan hausten 2025.', '2025-12-31'],
    ['Ordningen evalueres innen 1. mars 2025.', '2025-03-01'],
    ['Dette vert teke opp att i mai 2025.', '2025-05-31'],
    ['Vurderes på nytt våren 2024.', '2024-06-30'],
  ])('«%s» → %s', (text, deadline) => {
    expect(followUps({ text }).map((followUp) => followUp.deadline)).toEqual([deadline]);
  });

  it('reads no promise from a date that is only history', () => {
    expect(
      followUps({ text: 'Avtalen ble inngått i 2019. Utvalget ble ikke enige i 2023; saken tas opp igjen.' }),
    ).toEqual([]);
  });

  it('has passed only after its last day', () => {
    const clause = { text: 'Saken tas opp igjen i 2025.' };
    expect(passedFollowUps(clause, '2025-12-31')).toEqual([]);
    expect(passedFollowUps(clause, '2026-01-01')).toHaveLength(1);
  });
});
