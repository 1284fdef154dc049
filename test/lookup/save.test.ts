/** The index follows every save, without a restart. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile();
const author = { name: 'Nina Holm', email: 'nina.holm@nav-strandby.eksempel.no' };

const newClause = `:::ansvar[Ungdom som trenger førerkort for å få jobb]{#forerkort ansvarlig=nav-strandby bistand=ot stikkord="førerkort, lappen, kjøretimer" kontakt=nav-ungdom}
NAV Strandby vurderer støtte til førerkort når det trengs for å få eller beholde en jobb.
:::

`;

beforeAll(async () => {
  await gjerde.gjerde.lookup.ready();
});

/** The questions are about Fjordvik's agreements; the store holds other counties' examples too. */
async function ask(q: string, at: string): Promise<LookupAnswer> {
  // Every part of each result: the revision that answers.
  const response = await gjerde.reader.get('/api/lookup').query({ q, at, county: 'Fjordvik', full: '1' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

async function withNewClause(status: string, validFrom: string): Promise<string> {
  const current = (await gjerde.gjerde.agreements.get('strandby-lokal')).markdown;
  return current
    .replace(/:::ansvar\[Ungdom som trenger førerkort[\s\S]*?\n:::\n\n/, '')
    .replace(/^status: .*$/m, `status: ${status}`)
    .replace(/^gyldig-fra: .*$/m, `gyldig-fra: ${validFrom}`)
    .replace('## 4. Samarbeidsarenaer', `${newClause}## 4. Samarbeidsarenaer`);
}

describe('saving', () => {
  it('a draft does not answer', async () => {
    await gjerde.gjerde.agreements.save(await withNewClause('utkast', '2026-01-01'), {
      author,
      reason: 'Utkast: førerkort',
    });
    expect(hits(await ask('førerkort', '2026-02-01'))).not.toContain('strandby-lokal#forerkort');
  });

  it('an approved version answers from its first day, at once', async () => {
    // Approval is a change of the latest version (as the approval flow commits it).
    const saved = await gjerde.gjerde.agreements.change('strandby-lokal', {
      author,
      build: (latest) => ({
        markdown: latest.markdown.replace(/^status: .*$/m, 'status: godkjent'),
        message: 'Nytt punkt om førerkort, godkjent i ledermøtet',
      }),
    });
    const answer = await ask('hvem hjelper med lappen', '2026-02-01');
    expect(hits(answer)[0]).toBe('strandby-lokal#forerkort');
    expect(answer.results[0]).toMatchObject({
      owner: { id: 'nav-strandby', name: 'NAV Strandby' },
      revision: { rev: saved.revision.rev },
    });
    // Before its first day, the version before it still answers, without the new clause.
    expect(hits(await ask('førerkort', '2025-11-01'))).not.toContain('strandby-lokal#forerkort');
    const earlier = await ask('OT-dag', '2025-11-01');
    expect(earlier.results.find((result) => result.agreementId === 'strandby-lokal')?.validity.from).toBe(
      '2025-01-15',
    );
  });
});
