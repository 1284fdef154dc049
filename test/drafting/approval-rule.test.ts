/**
 * Nothing false is ever shown as agreed (issue 12, items 1–2): who must approve is read from what the
 * parties are and from the last approved version, never decided by the text being approved; nobody
 * approves a text they wrote (four eyes) unless the setting allows it; and signatories exist only as the
 * approval path records them. Real git, real HTTP, signed-in accounts.
 */
import { describe, expect, it } from '@jest/globals';
import { partyKind } from '../../src/format/party-kinds.js';
import { signedInAs } from '../helpers/accounts.js';
import { git } from '../helpers/git.js';
import { type SignedIn, startTestGjerde, testGjerdeWithPeople } from '../helpers/gjerde.js';
import { rammeAnswers } from './helpers.js';

/**
 * Kari edits and approves for NAV (the README's account); Rita edits by county and approves nothing; NAV's and
 * the county's directors Nina and Jonas approve, and write nothing.
 */
const server = testGjerdeWithPeople(['kari', 'redaktor', 'nina', 'jonas']);
const { kari, redaktor: rita, nina, jonas } = server.people;

const head = () => git(server.dataDir, 'rev-parse', 'HEAD').trim();
const forNav = { role: 'Direktør', party: 'nav-eksempelfylket' };
const forCounty = { role: 'Fylkesdirektør for opplæring', party: 'eksempelfylket-fk' };

async function latest(id: string) {
  return (await rita.get(`/api/agreements/${id}`).expect(200)).body as {
    markdown: string;
    revision: { rev: string };
  };
}

async function create(agent: SignedIn, id: string) {
  await agent
    .post('/api/agreements')
    .send({ template: 'ramme', answers: rammeAnswers({ id }), reason: 'Første utkast' })
    .expect(201);
}

async function edit(agent: SignedIn, id: string, change: (markdown: string) => string, status = 200) {
  const current = await latest(id);
  const markdown = change(current.markdown);
  expect(markdown).not.toBe(current.markdown);
  return agent
    .put(`/api/agreements/${id}`)
    .send({ markdown, baseRev: current.revision.rev, reason: 'Endring' })
    .expect(status);
}

/** Written straight into git, as a county could with a plain commit: Gjerde itself never saves it. */
async function commitByHand(id: string, markdown: string) {
  await server.gjerde.store.commitFile(`avtaler/${id}.md`, markdown, {
    author: { name: 'Rita Redaktør', email: 'rita@fjordvik.example' },
    reason: 'Skrevet for hånd',
  });
}

const approvals = async (id: string) =>
  (await rita.get(`/api/agreements/${id}/approvals`).expect(200)).body as {
    status: string;
    approvals: {
      required: { id: string }[];
      given: { party: string; name: string }[];
      missing: { id: string }[];
      complete: boolean;
    };
  };

describe('what a party is, from its id and name', () => {
  it.each([
    [{ id: 'nav-vestland', name: 'NAV Vestland' }, 'nav'],
    [{ id: 'nav', name: 'NAV' }, 'nav'],
    [{ id: 'aasane', name: 'Nav Åsane' }, 'nav'],
    [{ id: 'nav-ost-viken', name: 'NAV Øst-Viken' }, 'nav'],
    [{ id: 'vestland-fk', name: 'Vestland fylkeskommune' }, 'fylkeskommune'],
    [{ id: 'fylkeskommunen', name: 'Fylkeskommunen' }, 'fylkeskommune'],
    [{ id: 'vlfk', name: 'Vestland fylkeskommune' }, 'fylkeskommune'],
    [{ id: 'oslo', name: 'Oslo kommune' }, 'fylkeskommune'],
    [{ id: 'ot', name: 'Oppfølgingstjenesten (OT)' }, undefined],
    [{ id: 'strandby-vgs', name: 'Strandby videregående skole' }, undefined],
    [{ id: 'nav-kontakt', name: 'Navngitt kontaktperson' }, 'nav'],
    [{ id: 'nav-fk', name: 'Vestland fylkeskommune' }, undefined],
  ])('%j is %s', (party, kind) => {
    expect(partyKind(party)).toBe(kind);
  });
});

describe('the parties that approve are not decided by the text being approved', () => {
  /** An edit of the draft that the validator refuses with a `party-kind` error; nothing is written. */
  async function expectPartyKindRefusal(change: (markdown: string) => string, message: string) {
    const before = head();
    const res = await edit(rita, 'del-av-ramme', change, 422);
    expect(res.body.messages).toContainEqual(
      expect.objectContaining({ rule: 'party-kind', message: expect.stringContaining(message) }),
    );
    expect(head()).toBe(before);
  }

  it('refuses a draft that makes the county a unit of NAV, so that NAV alone would approve it', async () => {
    await create(rita, 'del-av-ramme');
    await expectPartyKindRefusal(
      (markdown) =>
        markdown.replace(
          /(- id: "?eksempelfylket-fk"?\n\s+navn: [^\n]+)/,
          '$1\n    del-av: nav-eksempelfylket',
        ),
      'er fylkeskommunen og kan ikke være del av «nav-eksempelfylket»',
    );
  });

  it('refuses a draft whose only top-level party is NAV', async () => {
    await expectPartyKindRefusal(
      (markdown) =>
        markdown
          .replace(/navn: "?Eksempelfylket fylkeskommune"?/, 'navn: Skolene i Eksempelfylket')
          .replaceAll('eksempelfylket-fk', 'skolene'),
      'ingen part uten «del-av» er fylkeskommunen',
    );
  });

  it('refuses to approve such a draft committed by hand, and does not call it complete', async () => {
    const draft = await latest('del-av-ramme');
    const forged = draft.markdown
      .replace(/^status: "?utkast"?$/m, 'status: til-godkjenning')
      .replace(/(- id: "?eksempelfylket-fk"?\n\s+navn: [^\n]+)/, '$1\n    del-av: nav-eksempelfylket');
    await commitByHand('del-av-ramme', forged);
    const before = head();
    const res = await nina.post('/api/agreements/del-av-ramme/approvals').send(forNav).expect(422);
    expect(res.body.messages).toContainEqual(expect.objectContaining({ rule: 'party-kind' }));
    expect(head()).toBe(before);
    expect((await approvals('del-av-ramme')).approvals.complete).toBe(false);
  });

  it('a change to the parties needs every top-level party of the last approved version', async () => {
    const id = 'bytte-ramme';
    await create(rita, id);
    await rita.post(`/api/agreements/${id}/submit`).send({}).expect(200);
    await nina.post(`/api/agreements/${id}/approvals`).send(forNav).expect(201);
    await jonas.post(`/api/agreements/${id}/approvals`).send(forCounty).expect(201);
    // A new draft puts another county authority in the county's place: one its own people approve for.
    await edit(rita, id, (markdown) =>
      markdown
        .replace(/^signatarer:\n(?: {2}[- ] .*\n)+/m, '')
        .replace(/navn: "?Eksempelfylket fylkeskommune"?/, 'navn: Nabofylket fylkeskommune')
        .replaceAll('eksempelfylket-fk', 'nabofylket-fk'),
    );
    const sent = await rita.post(`/api/agreements/${id}/submit`).send({}).expect(200);
    expect(sent.body.approvals.required.map((party: { id: string }) => party.id)).toEqual([
      'nav-eksempelfylket',
      'nabofylket-fk',
      'eksempelfylket-fk',
    ]);
    expect(git(server.dataDir, 'log', '-1', '--format=%s').trim()).toBe(
      'Sendt til godkjenning hos NAV Eksempelfylket, Nabofylket fylkeskommune og Eksempelfylket fylkeskommune',
    );
    const nabo = await signedInAs(server.app, server.gjerde.accounts, {
      username: 'nabo',
      name: 'Nils Nabo',
      email: 'nils@nabofylket.example',
      roles: ['godkjenner'],
      parties: ['nabofylket-fk'],
    });
    await nina.post(`/api/agreements/${id}/approvals`).send(forNav).expect(201);
    const second = await nabo
      .post(`/api/agreements/${id}/approvals`)
      .send({ role: 'Fylkesdirektør', party: 'nabofylket-fk' })
      .expect(201);
    // NAV and the new county have approved: before, that was all it took. The county that approved the
    // last version has not, so the version is not approved and does not answer lookups.
    expect(second.body).toMatchObject({ complete: false, status: 'til-godkjenning' });
    expect(second.body.approvals.missing).toEqual([
      { id: 'eksempelfylket-fk', name: 'Eksempelfylket fylkeskommune' },
    ]);
    // The county's page offers it to its director, though the draft no longer names the county.
    const page = await jonas.get(`/avtaler/${id}/godkjenn`).expect(200);
    expect(page.text).toContain('name="party" value="eksempelfylket-fk"');
    const last = await jonas.post(`/api/agreements/${id}/approvals`).send(forCounty).expect(201);
    expect(last.body).toMatchObject({ complete: true, status: 'godkjent' });
    const message = git(server.dataDir, 'log', '-1', '--format=%B');
    expect(message).toMatch(/^Godkjent-av: Jonas Haugland \| .* \| eksempelfylket-fk \| /m);
    expect(message).toMatch(/^Godkjent-av: Nils Nabo \| .* \| nabofylket-fk \| /m);
  }, 120_000);
});

describe('a refusal names a party by its name', () => {
  it('an approval for a party the agreement does not have names it as the agreements do, not by its id', async () => {
    const id = 'annen-part-ramme';
    await create(rita, id);
    await rita.post(`/api/agreements/${id}/submit`).send({}).expect(200);
    const before = head();
    // Nina approves for NAV Strandby too, which this agreement for Eksempelfylket does not have.
    const res = await nina
      .post(`/api/agreements/${id}/approvals`)
      .send({ ...forNav, party: 'nav-strandby' })
      .expect(400);
    expect(res.body.error).toMatch(
      /^NAV Strandby er ikke en part i avtalen\. Partene som godkjenner den, er NAV Eksempelfylket og .+\.$/,
    );
    expect(res.body.error).not.toContain('nav-strandby');
    expect(head()).toBe(before);
  });
});

describe('four eyes: nobody approves a text they wrote', () => {
  const id = 'fire-oyne-ramme';

  it('Kari, editor and approver for NAV, cannot draft and approve alone', async () => {
    await create(kari, id);
    await kari.post(`/api/agreements/${id}/submit`).send({}).expect(200);
    const before = head();
    const res = await kari.post(`/api/agreements/${id}/approvals`).send(forNav).expect(403);
    expect(res.body.error).toBe(
      'Du har skrevet eller endret teksten siden den sist ble godkjent, og kan ikke godkjenne den selv. En annen representant for NAV Eksempelfylket må godkjenne den (fire øyne).',
    );
    expect(head()).toBe(before);
    const page = await kari.get(`/avtaler/${id}/godkjenn`).expect(200);
    expect(page.text).toContain('kan ikke godkjenne den selv');
    expect(page.text).not.toContain('name="party"');
  });

  it('counts the text, not the lifecycle: sending and approving are not writing', async () => {
    await nina.post(`/api/agreements/${id}/approvals`).send(forNav).expect(201);
    await jonas.post(`/api/agreements/${id}/approvals`).send(forCounty).expect(201);
    // A new round: Rita writes it, and Kari, who wrote only the last round, may approve this one.
    await edit(rita, id, (markdown) => markdown.replace('hvert år', 'hvert halvår'));
    await kari.post(`/api/agreements/${id}/submit`).send({}).expect(200);
    const res = await kari.post(`/api/agreements/${id}/approvals`).send(forNav).expect(201);
    expect(res.body.approvals.given).toContainEqual(
      expect.objectContaining({ party: 'nav-eksempelfylket', name: 'Kari Nordmann' }),
    );
  });

  it('one person granted both parties approves for one of them, never both', async () => {
    // Found testing as a stranger: an account with NAV's party and the county's approved for both, and
    // the agreement was in force, agreed by one person.
    const bo = await signedInAs(server.app, server.gjerde.accounts, {
      username: 'bo',
      name: 'Bo Begge',
      email: 'bo@fjordvik.example',
      roles: ['godkjenner'],
      parties: ['nav-eksempelfylket', 'eksempelfylket-fk'],
    });
    const both = 'begge-ramme';
    await create(rita, both);
    await rita.post(`/api/agreements/${both}/submit`).send({}).expect(200);
    await bo.post(`/api/agreements/${both}/approvals`).send(forNav).expect(201);
    const before = head();
    const res = await bo.post(`/api/agreements/${both}/approvals`).send(forCounty).expect(403);
    expect(res.body.error).toBe(
      'Du har allerede godkjent denne versjonen for én av partene. Hver part godkjenner ved sin egen representant: en annen person må godkjenne for Eksempelfylket fylkeskommune.',
    );
    expect(head()).toBe(before);
    expect((await approvals(both)).approvals.complete).toBe(false);
    const page = await bo.get(`/avtaler/${both}/godkjenn`).expect(200);
    expect(page.text).toContain('Du har allerede godkjent denne versjonen');
    expect(page.text).not.toContain('name="party"');
    await jonas.post(`/api/agreements/${both}/approvals`).send(forCounty).expect(201);
    expect((await approvals(both)).approvals.complete).toBe(true);
  });

  it('GJERDE_SELF_APPROVAL=1 lets the person who wrote a text approve it, and the settings page says so', async () => {
    const own = await startTestGjerde({ env: { GJERDE_SELF_APPROVAL: '1' } });
    try {
      const karisOwn = await own.as('kari');
      await create(karisOwn, 'egen-ramme');
      await karisOwn.post('/api/agreements/egen-ramme/submit').send({}).expect(200);
      await karisOwn.post('/api/agreements/egen-ramme/approvals').send(forNav).expect(201);
      const admin = await own.as('admin');
      const settings = await admin.get('/admin/innstillinger').expect(200);
      expect(settings.text).toContain('GJERDE_SELF_APPROVAL');
      expect(settings.text).toContain('den som har skrevet eller endret teksten, kan også godkjenne den');
    } finally {
      await own.stop();
    }
    const admin = await server.as('admin');
    const settings = await admin.get('/admin/innstillinger').expect(200);
    expect(settings.text).toContain('kan ikke godkjenne den (fire øyne)');
  }, 180_000);
});

describe('signatories exist only as the approval path records them', () => {
  const id = 'signert-ramme';
  const signatories = [
    'signatarer:',
    '  - navn: Kari Nordmann',
    '    rolle: Direktør',
    '    part: nav-eksempelfylket',
    '    dato: 2025-01-01',
    '  - navn: Ola Nordmann',
    '    rolle: Fylkesdirektør',
    '    part: eksempelfylket-fk',
    '    dato: 2025-01-01',
  ].join('\n');
  const withSignatories = (markdown: string) =>
    markdown.replace(/^kontakter:/m, `${signatories}\nkontakter:`);

  it('refuses signatories typed into a draft, through the API and the editor page', async () => {
    await create(rita, id);
    const before = head();
    const res = await edit(rita, id, withSignatories, 400);
    expect(res.body.error).toContain('Signatarer kan ikke skrives inn eller endres i teksten');
    const current = await latest(id);
    const page = await rita
      .post(`/avtaler/${id}/rediger`)
      .type('form')
      .send({
        markdown: withSignatories(current.markdown),
        baseRev: current.revision.rev,
        reason: 'Signert',
        action: 'lagre',
      })
      .expect(400);
    expect(page.text).toContain('Signatarer kan ikke skrives inn eller endres i teksten');
    expect(head()).toBe(before);
  });

  it('a draft with signatories committed by hand is signed by nobody', async () => {
    const current = await latest(id);
    await commitByHand(id, withSignatories(current.markdown));
    const state = await approvals(id);
    expect(state.status).toBe('utkast');
    expect(state.approvals).toMatchObject({ given: [], complete: false });
    const page = await rita.get(`/avtaler/${id}`).expect(200);
    expect(page.text).not.toContain('Signert av');
    const approvalPage = await rita.get(`/avtaler/${id}/godkjenn`).expect(200);
    expect(approvalPage.text).not.toContain('Ola Nordmann');
  });

  it('an edit of that draft saves it without them, and sending it clears them', async () => {
    await edit(rita, id, (markdown) => markdown.replace('hvert år', 'hvert halvår'));
    expect((await latest(id)).markdown).not.toContain('signatarer:');
  });

  it('signatories committed by hand into a version awaiting approval are not approvals', async () => {
    await rita.post(`/api/agreements/${id}/submit`).send({}).expect(200);
    await nina.post(`/api/agreements/${id}/approvals`).send(forNav).expect(201);
    const current = await latest(id);
    const forged = current.markdown.replace(
      /^signatarer:\n(?: {2}[- ] .*\n)+/m,
      `${signatories.replace('Kari Nordmann', 'Nina Holm')}\n`,
    );
    expect(forged).toContain('Ola Nordmann');
    await commitByHand(id, forged);
    const state = await approvals(id);
    expect(state.approvals.given.map((given) => given.party)).toEqual(['nav-eksempelfylket']);
    expect(state.approvals).toMatchObject({ complete: false, missing: [{ id: 'eksempelfylket-fk' }] });
  });
});

describe('an approval is shown as an approval, not as a save of the text', () => {
  it('names who approved for which party, and apart who wrote the text', async () => {
    const id = 'godkjent-av-ramme';
    await create(rita, id);
    await kari.post(`/api/agreements/${id}/submit`).send({}).expect(200);
    await nina.post(`/api/agreements/${id}/approvals`).send(forNav).expect(201);
    const date = String.raw`\d{1,2}\. \p{L}+ \d{4}`;
    const halfway = await rita.get(`/avtaler/${id}`).expect(200);
    expect(halfway.text).toMatch(
      new RegExp(
        `<dt>Denne versjonen</dt><dd>Godkjent av Nina Holm for NAV Eksempelfylket \\(${date}\\); de andre partene har ikke godkjent ennå<br>Teksten er skrevet av Rita Redaktør ${date}<br>`,
        'u',
      ),
    );
    await jonas.post(`/api/agreements/${id}/approvals`).send(forCounty).expect(201);
    const approved = await rita.get(`/avtaler/${id}`).expect(200);
    const facts = /<dt>Denne versjonen<\/dt><dd>([\s\S]*?)<span/.exec(approved.text)?.[1] ?? '';
    expect(facts).toMatch(
      new RegExp(
        `^Godkjent av (Nina Holm for NAV Eksempelfylket|Jonas Haugland for Eksempelfylket fylkeskommune) \\(${date}\\) og `,
        'u',
      ),
    );
    expect(facts).toContain('Jonas Haugland for Eksempelfylket fylkeskommune');
    expect(facts).toMatch(new RegExp(`<br>Teksten er skrevet av Rita Redaktør ${date}<br>`, 'u'));
    expect(facts).not.toContain('Lagret');
  });

  it('the history page says each approval in the same words, with who wrote the text, not the trailers', async () => {
    const id = 'historikk-godkjent-ramme';
    await create(rita, id);
    await kari.post(`/api/agreements/${id}/submit`).send({}).expect(200);
    await nina.post(`/api/agreements/${id}/approvals`).send(forNav).expect(201);
    await jonas.post(`/api/agreements/${id}/approvals`).send(forCounty).expect(201);
    const page = await rita.get(`/avtaler/${id}/historikk`).expect(200);
    const rows = [...page.text.matchAll(/<tr class="history-row[\s\S]*?<\/tr>/g)].map((row) => row[0]);
    expect(rows).toHaveLength(4);
    const [approved, partial, sent, drafted] = rows as [string, string, string, string];
    const date = String.raw`\d{1,2}\. \p{L}+ \d{4}`;
    expect(approved).toMatch(
      new RegExp(
        `<strong>Versjonen godkjent ${date}</strong>\\s*<div>Godkjent av Nina Holm for NAV Eksempelfylket \\(${date}\\) og Jonas Haugland for Eksempelfylket fylkeskommune \\(${date}\\)</div>\\s*<div class="muted">Teksten er skrevet av Rita Redaktør ${date}\\.</div>`,
        'u',
      ),
    );
    expect(partial).toMatch(
      new RegExp(
        `<strong>Delvis godkjent ${date}</strong>\\s*<div>Godkjent av Nina Holm for NAV Eksempelfylket \\(${date}\\); de andre partene har ikke godkjent ennå</div>\\s*<div class="muted">Teksten er skrevet av Rita Redaktør ${date}\\.</div>`,
        'u',
      ),
    );
    // The approval trailers are said in words, not shown as «Godkjent-av: … | … | …».
    for (const row of [approved, partial]) expect(row).not.toMatch(/Godkjent-av:|Godkjenning:/);
    expect(sent).toMatch(/<strong>Sendt til godkjenning [^<]+<\/strong>\s*<div>Kari Nordmann<\/div>/u);
    expect(sent).not.toContain('Teksten er skrevet av');
    expect(drafted).toMatch(/<strong>Utkast lagret [^<]+<\/strong>\s*<div>Rita Redaktør<\/div>/u);

    // The comparison of the draft with the approved version says the approvals in the same words.
    const revs = [...page.text.matchAll(/name="til" value="([0-9a-f]{12})"/g)].map((match) => match[1]);
    const compare = await rita.get(`/avtaler/${id}/sammenlign?fra=${revs.at(-1)}&til=${revs[0]}`).expect(200);
    expect(compare.text).toMatch(
      /history-revision__who">Godkjent av Nina Holm for NAV Eksempelfylket \([^)]+\) og Jonas Haugland for Eksempelfylket fylkeskommune \([^)]+\) ·/u,
    );
    expect(compare.text).toMatch(/<strong>Delvis godkjent [^<]+<\/strong>/u);
    expect(compare.text).toMatch(/history-revision__who">Lagret av Rita Redaktør ·/u);
  });
});

describe('an agreement that has ended', () => {
  const id = 'endt-ramme';

  it('is not extended afterwards: the days since it ended would show it in force', async () => {
    // Found testing as a stranger: moving only «gyldig-til» of an agreement that ended last year was
    // allowed (an end moved is no change backwards), and once approved a lookup for a day after the old
    // end answered from it, though nothing was agreed on that day.
    await create(rita, id);
    const draft = await latest(id);
    const ended = draft.markdown
      .replace(/^status: .*$/m, 'status: godkjent')
      .replace(/^gyldig-fra: .*$/m, 'gyldig-fra: 2020-01-01')
      .replace(/^gyldig-til: .*$/m, 'gyldig-til: 2021-12-31')
      .replace(/^revideres: .*$/m, 'revideres: 2021-06-01');
    await commitByHand(id, ended);
    await rita.get(`/api/agreements/${id}?at=2021-06-01`).expect(200);
    await rita.get(`/api/agreements/${id}?at=2022-06-01`).expect(404);
    await edit(rita, id, (markdown) =>
      markdown
        .replace(/^status: .*$/m, 'status: utkast')
        .replace(/^gyldig-til: .*$/m, 'gyldig-til: 2099-12-31'),
    );
    const before = head();
    const res = await rita.post(`/api/agreements/${id}/submit`).send({}).expect(400);
    expect(res.body.error).toContain('Avtalen skal gjelde fra 1. januar 2020, som er passert.');
    expect(head()).toBe(before);
    await rita.get(`/api/agreements/${id}?at=2022-06-01`).expect(404);
  });
});
