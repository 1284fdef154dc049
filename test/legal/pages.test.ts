/**
 * Outdated legal references and passed follow-ups where people meet them: the table is in the data
 * repository, the agreement page and the lookup flag a clause in force whose `hjemmel` was repealed on the
 * date, the review list and the front page list it with the follow-ups whose date has passed, and a change
 * to the table committed to the data repository counts at once.
 */
import { describe, expect, it } from '@jest/globals';
import { legalTablePath } from '../../src/domain/legal-references.js';
import { COMMITTER } from '../../src/store/store.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const gjerde = testGjerdeForFile();

/** Innmark's umbrella agreement of 2021–2024 cited the old act's OT section until it ended on 31 December 2024. */
const innmark = '/avtaler/innmark-samarbeidsavtale';

describe('the table in the data repository', () => {
  it('is committed when the data repository is seeded, with its sources', async () => {
    const text = await gjerde.gjerde.store.readFile(legalTablePath);
    expect(text).toContain('hjemmel: opplæringslova § 3-6');
    expect(text).toContain('kilder:');
    expect((await gjerde.gjerde.legal.current()).source).toBe('repository');
  });
});

describe('the agreement page', () => {
  it('flags the clause from the day the provision was repealed, not before', async () => {
    const after = await gjerde.reader.get(innmark).query({ at: '2024-09-01' }).expect(200);
    expect(after.text).toContain('Hjemmel opphevet');
    expect(after.text).toContain(
      'Hjemmelen «opplæringslova § 3-6» er opphevet fra 1. august 2024; nå: opplæringslova § 9-4.',
    );
    const before = await gjerde.reader.get(innmark).query({ at: '2024-06-01' }).expect(200);
    expect(before.text).not.toContain('Hjemmel opphevet');
  });
});

describe('lookup cards', () => {
  it('say that the legal basis is repealed, and what applies now', async () => {
    const response = await gjerde.reader.get('/api/lookup').query({
      q: 'ungdom utenfor opplæring og arbeid',
      county: 'Innmark',
      at: '2024-09-01',
      limit: 50,
      fields: 'legalBasis,legalBasisRepealed',
    });
    expect(response.status).toBe(200);
    const flagged = (
      response.body.results as { legalBasis: string | null; legalBasisRepealed: string[] }[]
    ).filter((result) => result.legalBasisRepealed.length > 0);
    expect(flagged.length).toBeGreaterThan(0);
    for (const result of flagged) expect(result.legalBasis).toContain('§ 3-6');
    expect(flagged[0]?.legalBasisRepealed[0]).toContain('nå: opplæringslova § 9-4');
    const page = await gjerde.reader
      .get('/oppslag')
      .query({ q: 'ungdom utenfor opplæring og arbeid', county: 'Innmark', at: '2024-09-01' })
      .expect(200);
    expect(page.text).toContain('Hjemmelen «opplæringslova § 3-6» er opphevet');
  });
});

describe('what needs attention', () => {
  it('lists a grey zone whose promised follow-up has passed, for the review list and the editor’s front page', async () => {
    // Fjordvik's grey zone about pupils who think of leaving, as if it still said «tas opp igjen i 2025» (it
    // did until 2025): committed to the data repository as a plain commit would.
    const path = 'avtaler/fjordvik-ramme.md';
    const text = (await gjerde.gjerde.store.readFile(path)) as string;
    const promised = text.replace(
      /(:::ansvar\[Elev som vurderer å slutte\][^\n]*\n[^\n]*?)\n:::/,
      '$1 Utvalget ble ikke enige i 2023; saken tas opp igjen i 2025.\n:::',
    );
    expect(promised).not.toBe(text);
    await gjerde.gjerde.store.commitFile(path, promised, {
      author: COMMITTER,
      reason: 'Prøve: et løfte om oppfølging',
    });
    const editor = await gjerde.as('redaktor');
    const reviews = await editor.get('/api/reviews').expect(200);
    const item = (reviews.body.items as { id: string; kind: string; text: string; href: string }[]).find(
      (entry) => entry.kind === 'follow-up-passed' && entry.id === 'fjordvik-ramme',
    );
    expect(item).toMatchObject({ href: '/avtaler/fjordvik-ramme#forebygging-elever' });
    expect(item?.text).toContain('saken tas opp igjen i 2025');
    const front = await editor.get('/').expect(200);
    expect(front.text).toContain(
      'Gråsonen «Elev som vurderer å slutte» lovet en oppfølging innen 31. desember 2025',
    );
    // A case worker, who has no work list, sees it by the agreement in the list, as a passed review date.
    const reader = await (await gjerde.as('leser')).get('/').expect(200);
    expect(reader.text).toMatch(
      /<div class="front-follow-up"><span class="ds-tag" data-color="warning" data-size="sm">Oppfølging passert<\/span> Gråsonen «Elev som vurderer å slutte» lovet en oppfølging innen 31\. desember 2025: [^<]*<a class="ds-link" href="\/avtaler\/fjordvik-ramme#forebygging-elever">Les punktet<\/a><\/div>/,
    );
  });

  it('follows the table as it is changed in the data repository', async () => {
    const table = (await gjerde.gjerde.store.readFile(legalTablePath)) as string;
    await gjerde.gjerde.store.commitFile(
      legalTablePath,
      `${table}  - hjemmel: barneloven § 66\n    opphevet: 2025-01-01\n    erstattet-av: barnelova § 66\n    kilder: [https://lovdata.no/]\n`,
      { author: COMMITTER, reason: 'Prøve: en hjemmel til' },
    );
    const reviews = await (await gjerde.as('redaktor')).get('/api/reviews').expect(200);
    const flagged = (reviews.body.items as { kind: string; text: string }[]).filter(
      (entry) => entry.kind === 'legal-basis-repealed',
    );
    expect(flagged.map((entry) => entry.text).join('\n')).toContain(
      'Hjemmelen «barneloven § 66» er opphevet',
    );
  });
});
