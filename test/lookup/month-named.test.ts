/**
 * A date's month that is also a clause's case (src/lookup/question.ts, `names`; src/lookup/search.ts,
 * `namingQuery`): an årshjul's July clause is named by «juli» in its title and keywords, so a question dated
 * «i juli 2022» is about it as well as dated by it. A month that a clause's text only dates something by
 * («drøftet 8. juni 2022») does not pull that clause up for a question dated «i juni 2024».
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-month-named') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('a month with its year', () => {
  it('is the case of the clause it names, and the date asked about', async () => {
    const contact = await ask('Heimdal: ungdom som tok kontakt med NAV i juli 2023');
    expect(contact.date).toBe('2023-07-01');
    expect(hits(contact)[0]).toBe('heimdal-arshjul#juli');
    expect(contact.results[0]?.status).toBe('grey');
    const outside = await ask('Heimdal: 19 år utenfor, juli 2023');
    expect(hits(outside)[0]).toBe('heimdal-arshjul#juli');
  });

  it('only dates a question about a clause whose text mentions the month', async () => {
    const answer = await ask('Heimdal: 24 år og verken skole eller jobb i juni 2024');
    expect(answer.date).toBe('2024-06-01');
    expect(hits(answer)[0]).toBe('heimdal-arshjul#unge-voksne');
  });
});
