/**
 * A draft answers no one: its clauses do not offer «Meld en sak om punktet», whether it is the newest text
 * of an agreement in force or an agreement that is only a draft.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { commitByHand, git } from '../repository/helpers.js';

jest.setTimeout(120_000);

const server = testGjerdeWithPeople(['leser']);
const { leser } = server.people;
const raise = 'Meld en sak om punktet';

describe('cases about a draft', () => {
  it('the draft’s clauses offer no case; the version in force does', async () => {
    const latest = (await leser.get('/api/agreements/fjordvik-ot-nav').expect(200)).body;
    expect(latest.meta.status).toBe('utkast');
    const draft = await leser.get('/avtaler/fjordvik-ot-nav').query({ rev: latest.revision.rev }).expect(200);
    expect(draft.text).toContain('class="clause__permalink"');
    expect(draft.text).not.toContain(raise);
    expect((await leser.get('/avtaler/fjordvik-ot-nav').expect(200)).text).toContain(raise);
  });

  it('an agreement that is only a draft offers no case on its page', async () => {
    const markdown = git(server.dataDir, ['show', 'HEAD:avtaler/fjordvik-ot-nav.md']).replace(
      /^id: fjordvik-ot-nav$/m,
      'id: fjordvik-nytt-utkast',
    );
    expect(markdown).toMatch(/^status: utkast$/m);
    await commitByHand(server.dataDir, { 'avtaler/fjordvik-nytt-utkast.md': markdown }, 'Nytt utkast');
    const page = await leser.get('/avtaler/fjordvik-nytt-utkast').expect(200);
    expect(page.text).toContain('class="clause__permalink"');
    expect(page.text).not.toContain(raise);
  });
});
