/**
 * Two saves of Heiane's own agreement at once (felles/fylker.yaml; src/drafting/service.ts
 * `createOwnAgreement`), under different ids: a county has one own agreement replacing the dissolved county's,
 * so one is saved and the other refused with the first named, never two drafts for Heiane and never a lost or
 * mixed revision. Two editors send the start page's form at the same moment. Real git (the facts committed by
 * hand), two HTTP requests in flight together to one service, signed-in accounts.
 */
import { describe, expect, it } from '@jest/globals';
import { countyRegistryPath } from '../../src/domain/county-splits.js';
import { signedInAs } from '../helpers/accounts.js';
import { decodeEntities, formWith, submitted } from '../helpers/forms.js';
import { git } from '../helpers/git.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { commitFileByHand, mergedAgreement, registryText } from './helpers.js';

const server = testGjerdeForFile();

const editor = (username: string, name: string, counties: string[]) =>
  signedInAs(server.app, server.gjerde.accounts, {
    username,
    name,
    email: `${username}@kystfold.example`,
    roles: ['redaktor'],
    counties,
  });

describe('two saves of one county’s own agreement at once', () => {
  it('saves one and refuses the other with a link to it', async () => {
    await commitFileByHand(
      server.dataDir,
      'avtaler/kh-ramme.md',
      mergedAgreement,
      'Rammeavtale 2020\n\nGodkjent-av: Nils Nav | Direktør, NAV Kystfold og Heiane | nav-kh | 2019-12-10\nGodkjent-av: Frida Fylke | Fylkesdirektør | kh-fk | 2019-12-10',
    );
    await commitFileByHand(
      server.dataDir,
      countyRegistryPath,
      registryText('2024-01-01'),
      'Kystfold og Heiane delt',
    );
    const kystfold = await editor('kai-kyst', 'Kai Kyst', ['Kystfold']);
    const continuation = await kystfold.get('/avtaler/kh-ramme/rediger?for=Kystfold').expect(200);
    await kystfold
      .post('/avtaler/kh-ramme/rediger')
      .type('form')
      .send({ ...Object.fromEntries(submitted(formWith(continuation.text, 'markdown'))), action: 'lagre' })
      .expect(303);

    const hilde = await editor('hilde-heiane', 'Hilde Heiane', ['Heiane']);
    const henrik = await editor('henrik-heiane', 'Henrik Heiane', ['Heiane']);
    const start = await hilde.get('/avtaler/kh-ramme/egen-avtale?for=Heiane').expect(200);
    const fields = Object.fromEntries(submitted(formWith(start.text, 'markdown')));
    const markdown = fields.markdown ?? '';
    expect(markdown).toMatch(/^---\nid: heiane-ramme\n/);
    const other = markdown.replace(/^id: heiane-ramme$/m, 'id: heiane-ramme-2');
    const before = git(server.dataDir, 'rev-parse', 'HEAD').trim();

    const [first, second] = await Promise.all([
      hilde
        .post('/avtaler/kh-ramme/egen-avtale')
        .type('form')
        .send({ ...fields, action: 'lagre' }),
      henrik
        .post('/avtaler/kh-ramme/egen-avtale')
        .type('form')
        .send({ ...fields, markdown: other, action: 'lagre' }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([303, 409]);
    const [saved, refused] = first.status === 303 ? [first, second] : [second, first];
    const savedId = /^\/avtaler\/([a-z0-9-]+)\/utkast\?lagret=[0-9a-f]{40}$/.exec(
      saved.headers.location ?? '',
    )?.[1];
    expect(['heiane-ramme', 'heiane-ramme-2']).toContain(savedId);
    expect(decodeEntities(refused.text)).toContain(
      `Heiane har allerede en egen avtale som erstatter kh-ramme: «Samarbeidsavtale mellom NAV og Heiane fylkeskommune» (${savedId}).`,
    );
    // One commit, of one file, by the editor whose save came first.
    const commits = git(server.dataDir, 'log', '--format=%H', `${before}..HEAD`).trim().split('\n');
    expect(commits).toHaveLength(1);
    expect(git(server.dataDir, 'show', '--name-only', '--format=%an', 'HEAD').trim().split('\n')).toEqual([
      saved === first ? 'Hilde Heiane' : 'Henrik Heiane',
      '',
      `avtaler/${savedId}.md`,
    ]);
    const own = await server.gjerde.agreements.get(savedId as string);
    expect(own.agreement.meta).toMatchObject({ id: savedId, county: 'Heiane', replaces: 'kh-ramme' });
  });
});
