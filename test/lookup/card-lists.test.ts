/**
 * A clause whose body is a list (terse agreements are written so) keeps its items apart in the lookup's
 * answer cards: a list on the page, items on lines of their own in the API's text, and the words at the
 * items' edges searchable on their own («jobbmentor» is not «jobbmentorfagopplæringen»).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const gjerde = testGjerdeForFile();
const author = { name: 'Nina Holm', email: 'nina.holm@nav-strandby.eksempel.no' };
const prose =
  'Søkere uten læreplass 1. september som ikke tar imot Vg3 i skole, følges opp av NAV-kontoret med arbeidspraksis, lønnstilskudd eller mentor. Fagopplæringen fortsetter formidlingen.';
const list = [
  '- NAV-kontoret følger opp søkere uten læreplass med jobbmentor',
  '- Fagopplæringen fortsetter formidlingen',
  '- Skolen melder til OT.',
].join('\n');
const question = { q: 'fikk ikke læreplass' };

beforeAll(async () => {
  await gjerde.gjerde.agreements.change('fjordvik-ramme', {
    author,
    build: (latest) => ({ markdown: latest.markdown.replace(prose, list), message: 'Punktliste' }),
  });
});

describe('a clause written as a bullet list', () => {
  it('is a list in the answer card on the page', async () => {
    const html = (await gjerde.reader.get('/oppslag').query(question).expect(200)).text;
    const card = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    expect(card).toContain('Lærling uten læreplass');
    const text = card.slice(card.indexOf('<blockquote'), card.indexOf('</blockquote>'));
    // The items as a reader sees them (terms are marked inside them, with their explanations).
    const items = [...text.matchAll(/<li>(.*?)<\/li>/g)].map(([, item]) =>
      (item as string)
        .replace(/<span class="term__explanation".*?<\/span><\/span>/g, '')
        .replace(/<[^>]+>/g, ''),
    );
    expect(text).toMatch(/^<blockquote class="lookup-result__text"><ul class="ds-list"><li>/);
    expect(items).toEqual([
      'NAV-kontoret følger opp søkere uten læreplass med jobbmentor',
      'Fagopplæringen fortsetter formidlingen',
      'Skolen melder til OT.',
    ]);
  });

  it('keeps its items on lines of their own in the API', async () => {
    const answer = (
      await gjerde.reader
        .get('/api/lookup')
        .query({ ...question, fields: 'clauseId,text' })
        .expect(200)
    ).body as LookupAnswer;
    const clause = answer.results.find((result) => result.clauseId === 'uten-laereplass');
    expect(clause?.text).toBe(
      '• NAV-kontoret følger opp søkere uten læreplass med jobbmentor\n• Fagopplæringen fortsetter formidlingen\n• Skolen melder til OT.',
    );
  });

  it('is found by a word at an item’s edge', async () => {
    const answer = (await gjerde.reader.get('/api/lookup').query({ q: 'jobbmentor' }).expect(200))
      .body as LookupAnswer;
    expect(answer.results[0]?.clauseId).toBe('uten-laereplass');
  });
});
