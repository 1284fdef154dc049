/**
 * Whose agreements answer someone signed in to a successor county (felles/fylker.yaml): Kystfold og Heiane was
 * split on 1 January 2024; its agreement answers for Heiane on every day it was in force (before the split it
 * governed Heiane as part of the merged county) until Heiane's own agreement, which
 * replaces it (`erstatter`), is in force on 1 April 2024, and for Kystfold until Kystfold's continuation of the
 * same agreement on 1 August. Nobody elsewhere is answered by it. Real git (committed by hand, with the
 * approvals' trailers), real HTTP, signed-in accounts.
 */
import { describe, expect, it } from '@jest/globals';
import { countyRegistryPath } from '../../src/domain/county-splits.js';
import { agreement, commitFileByHand, registryText } from '../counties/helpers.js';
import { countyReader } from '../helpers/accounts.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const server = testGjerdeForFile();

const approvedBy = (countyParty: string, day: string) =>
  `Godkjent-av: Nils Nav | Direktør, NAV Kystfold og Heiane | nav-kh | ${day}\nGodkjent-av: Frida Fylke | Fylkesdirektør | ${countyParty} | ${day}`;

async function commitTheSplit() {
  const commit = (path: string, text: string, message: string) =>
    commitFileByHand(server.dataDir, path, text, message);
  const kh = { id: 'kh-fk', name: 'Kystfold og Heiane fylkeskommune' };
  const kystfold = { id: 'kystfold-fk', name: 'Kystfold fylkeskommune' };
  const heiane = { id: 'heiane-fk', name: 'Heiane fylkeskommune' };
  const title = 'Samarbeidsavtale mellom NAV og Kystfold og Heiane fylkeskommune';
  await commit(
    'avtaler/kh-ramme.md',
    agreement({
      id: 'kh-ramme',
      title,
      county: 'Kystfold og Heiane',
      countyParty: kh,
      status: 'godkjent',
      from: '2020-01-01',
      signed: '2019-12-10',
    }),
    `Rammeavtale 2020\n\n${approvedBy('kh-fk', '2019-12-10')}`,
  );
  await commit(countyRegistryPath, registryText('2024-01-01'), 'Kystfold og Heiane delt 1. januar 2024');
  await commit(
    'avtaler/heiane-ramme.md',
    agreement({
      id: 'heiane-ramme',
      title: 'Samarbeidsavtale mellom NAV og Heiane fylkeskommune',
      county: 'Heiane',
      countyParty: heiane,
      status: 'godkjent',
      from: '2024-04-01',
      replaces: 'kh-ramme',
      signed: '2024-03-01',
    }),
    `Heianes egen avtale\n\n${approvedBy('heiane-fk', '2024-03-01')}`,
  );
  await commit(
    'avtaler/kh-ramme.md',
    agreement({
      id: 'kh-ramme',
      title,
      county: 'Kystfold',
      countyParty: kystfold,
      status: 'godkjent',
      from: '2024-08-01',
      signed: '2024-07-01',
    }),
    `Videreført av Kystfold\n\n${approvedBy('kystfold-fk', '2024-07-01')}`,
  );
}

/** The agreements that answer `q` («læreplass» unless given) for a person of `county` on `at`. */
async function answeredBy(county: string, at: string, q = 'lærling uten læreplass'): Promise<string[]> {
  const person = await countyReader(server.app, server.gjerde.accounts, county);
  const answer = await person.get('/api/lookup').query({ q, at }).expect(200);
  return [...new Set((answer.body.results as { agreementId: string }[]).map((result) => result.agreementId))];
}

describe('a person signed in to a successor county', () => {
  it('is answered by the dissolved county’s agreement from the split until their county’s own replaces it', async () => {
    await commitTheSplit();
    expect(await answeredBy('Heiane', '2024-02-01')).toEqual(['kh-ramme']);
    expect(await answeredBy('Heiane', '2024-03-31')).toEqual(['kh-ramme']);
    expect(await answeredBy('Heiane', '2024-04-01')).toEqual(['heiane-ramme']);
    expect(await answeredBy('Heiane', '2024-09-01')).toEqual(['heiane-ramme']);
  });

  it('asking about a day before the split, is answered by the merged county’s agreement that governed then', async () => {
    expect(await answeredBy('Heiane', '2022-06-01')).toEqual(['kh-ramme']);
    expect(await answeredBy('Kystfold', '2020-01-01')).toEqual(['kh-ramme']);
    expect(await answeredBy('Heiane', '2019-12-31')).toEqual([]);
  });

  it('in the other successor, until its own continuation and after', async () => {
    expect(await answeredBy('Kystfold', '2024-05-01')).toEqual(['kh-ramme']);
    expect(await answeredBy('Kystfold', '2024-09-01')).toEqual(['kh-ramme']);
  });

  it('a question that names a successor county is answered as its people are', async () => {
    expect(await answeredBy('Fjordvik', '2022-06-01', 'lærling uten læreplass i Heiane')).toEqual([
      'kh-ramme',
    ]);
    expect(await answeredBy('Fjordvik', '2024-02-01', 'lærling uten læreplass i Heiane')).toEqual([
      'kh-ramme',
    ]);
    expect(await answeredBy('Fjordvik', '2024-09-01', 'lærling uten læreplass i Heiane')).toEqual([
      'heiane-ramme',
    ]);
  });

  // Found by a first-time user: the unknown county's message offered the dissolved county, not its successors.
  it('an unknown county is told the counties there are on the day: the successors after the split', async () => {
    const unknown = async (at: string) =>
      (await server.reader.get('/api/lookup').query({ q: 'elev', county: 'Atlantis', at }).expect(400)).body
        .error as string;
    const after = await unknown('2024-09-01');
    expect(after).toMatch(/^Ukjent fylke «Atlantis»\. Fylker med avtaler: .*\bHeiane, .*Kystfold\b/);
    expect(after).not.toContain('Kystfold og Heiane');
    expect(await unknown('2022-06-01')).toContain('Kystfold og Heiane');
  });

  it('never elsewhere', async () => {
    expect(await answeredBy('Fjordvik', '2024-02-01')).not.toContain('kh-ramme');
  });
});
