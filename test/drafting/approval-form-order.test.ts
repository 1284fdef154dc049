/**
 * The approval form's error summary lists its problems in the order the fields stand (party, role, date,
 * comment): a day before the text was written came after a comment that was too long. Someone who may not
 * approve at all hears that first, not what the form lacks. Real git, real HTTP.
 */
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { awaitingApproval } from '../e2e/browser.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

jest.setTimeout(120_000);

const server = testGjerdeForFile();

describe('the approval form with several problems', () => {
  let id: string;
  beforeAll(async () => {
    id = await awaitingApproval(server);
  });

  it('lists them in the order of the fields', async () => {
    const nina = await server.as('nina');
    const page = await nina
      .post(`/avtaler/${id}/godkjenn`)
      .type('form')
      .send({ party: 'nav-fjordvik', role: 'Direktør', date: '01.01.2020', comment: 'x'.repeat(2001) })
      .expect(400);
    const summary = /<div class="ds-error-summary"[\s\S]*?<\/ul>/.exec(page.text)?.[0] ?? '';
    const items = [...summary.matchAll(/<a class="ds-link" href="([^"]+)">([^<]+)<\/a>/g)].map((match) => [
      match[1],
      match[2],
    ]);
    expect(items.map(([href]) => href)).toEqual(['#godkjenn-date', '#godkjenn-comment']);
    expect(items[0]?.[1]).toContain('Godkjenningsdatoen kan ikke være før teksten ble skrevet');
    expect(items[1]?.[1]).toBe('Kommentaren kan ha høyst 2000 tegn.');
  });

  it('tells a person who may not approve so before what the form lacks', async () => {
    const editor = await server.as('redaktor');
    for (const request of [
      editor.post(`/api/agreements/${id}/approvals`).send({}),
      editor.post(`/avtaler/${id}/godkjenn`).type('form').send({ party: 'nav-fjordvik' }),
    ]) {
      const refused = await request.expect(403);
      expect(refused.text).toContain('du har ikke rollen Godkjenner');
    }
  });
});
