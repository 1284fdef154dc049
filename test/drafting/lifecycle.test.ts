import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Principal } from '../../src/access/principal.js';
import { MergeConflictError } from '../../src/domain/agreements.js';
import { parseApproval } from '../../src/domain/approvals.js';
import { Drafting } from '../../src/drafting/service.js';
import { formatDate } from '../../src/format/wording.js';
import { git } from '../helpers/git.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { authorLine, principalOf, rammeAnswers, validFrom } from './helpers.js';

let server: Awaited<ReturnType<typeof startTestGjerde>>;
let drafting: Drafting;
/** NAV's representative and the county's: each edits, and approves for their own party. */
let kari: Principal;
let ola: Principal;
/** NAV's and the county's directors: each approves for their party, and writes nothing. */
let nina: Principal;
let jonas: Principal;
/** An editor for Fjordvik and Eksempelfylket (by county), who approves nothing. */
let redaktor: Principal;
/** An editor and approver for Nordfylket only. */
let utenfor: Principal;
let leser: Principal;
const id = 'testfylket-ramme';

beforeAll(async () => {
  server = await startTestGjerde();
  drafting = new Drafting(server.gjerde.agreements, server.gjerde.templates);
  kari = await principalOf(server.gjerde, 'kari');
  ola = await principalOf(server.gjerde, 'ola');
  nina = await principalOf(server.gjerde, 'nina');
  jonas = await principalOf(server.gjerde, 'jonas');
  redaktor = await principalOf(server.gjerde, 'redaktor');
  utenfor = await principalOf(server.gjerde, 'utenfor');
  leser = await principalOf(server.gjerde, 'leser');
}, 120_000);
afterAll(async () => {
  await server.stop();
});

const head = () => git(server.dataDir, 'rev-parse', 'HEAD').trim();
const latest = async () => (await server.gjerde.agreements.versions(id))[0];

describe('a new agreement from the umbrella template', () => {
  it('refuses lifecycle answers: a new agreement is a draft, and only approvals sign it', async () => {
    const before = head();
    await expect(
      drafting.createDraft('ramme', rammeAnswers({ status: 'godkjent' }), { actor: kari, reason: 'Forsøk' }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      details: { problems: [expect.objectContaining({ variable: 'status' })] },
    });
    await expect(
      drafting.createDraft('ramme', rammeAnswers({ signatories: [{ name: 'X', role: 'Y', party: 'ot' }] }), {
        actor: kari,
        reason: 'Forsøk',
      }),
    ).rejects.toMatchObject({
      details: { problems: [expect.objectContaining({ variable: 'signatories' })] },
    });
    expect(head()).toBe(before);
  });

  it('saves a draft as one commit by the signed-in person, with the reason', async () => {
    const version = await drafting.createDraft('ramme', rammeAnswers(), {
      actor: kari,
      reason: 'Første utkast',
    });
    expect(version.agreement.meta.status).toBe('utkast');
    expect(git(server.dataDir, 'log', '-1', '--format=%an <%ae>|%s').trim()).toBe(
      `${authorLine('kari')}|Første utkast`,
    );
  });

  it('refuses a reader, and an editor creating an agreement outside their counties and parties', async () => {
    const before = head();
    await expect(
      drafting.createDraft('ramme', rammeAnswers({ id: 'leser-ramme' }), { actor: leser, reason: 'Forsøk' }),
    ).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('rollen Redaktør') });
    await expect(
      drafting.createDraft('ramme', rammeAnswers({ id: 'utenfor-ramme', county: 'Fjordvik' }), {
        actor: utenfor,
        reason: 'Forsøk',
      }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(
        /den gjelder Fjordvik \(NAV Eksempelfylket og .*redaktør for Nordfylket/,
      ),
    });
    expect(head()).toBe(before);
    expect(git(server.dataDir, 'status', '--porcelain')).toBe('');
  });

  it('asks for the county as its other agreements write it, and saves nothing', async () => {
    const before = head();
    await expect(
      server.gjerde.drafting.createDraft(
        'ramme',
        rammeAnswers({ id: 'fjordvik-liten', county: 'fjordvik' }),
        {
          actor: redaktor,
          reason: 'Forsøk',
        },
      ),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      details: {
        problems: [
          {
            variable: 'county',
            message:
              '«fjordvik» skrives «Fjordvik» i fylkets andre avtaler. Skriv det likt, så hører avtalen til Fjordvik i oppslaget.',
          },
        ],
      },
    });
    expect(head()).toBe(before);
  });

  it('lets an editor create one in their own county', async () => {
    const version = await drafting.createDraft(
      'ramme',
      rammeAnswers({ id: 'nordfylket-ramme', county: 'Nordfylket' }),
      { actor: utenfor, reason: 'Første utkast for Nordfylket' },
    );
    expect(version.revision.author).toEqual({ name: 'Una Utenfor', email: 'una@nordland.example' });
  });
});

describe('never losing work', () => {
  it('merges two edits from the same base that touch different lines, and says so', async () => {
    const base = (await latest()) as NonNullable<Awaited<ReturnType<typeof latest>>>;
    const first = base.markdown.replace(
      'Flere fullfører videregående opplæring.',
      'Flere fullfører videregående.',
    );
    const second = base.markdown.replace(
      'Samarbeidsutvalget går gjennom avtalen hvert år',
      'Samarbeidsutvalget går gjennom avtalen hver høst',
    );
    await drafting.edit(id, first, { actor: kari, reason: 'Kortere mål', baseRev: base.revision.rev });
    const result = await drafting.edit(id, second, {
      actor: ola,
      reason: 'Revisjon om høsten',
      baseRev: base.revision.rev,
    });
    expect(result.mergedWith?.revision.author.name).toBe('Kari Nordmann');
    expect(result.version.markdown).toContain('Flere fullfører videregående.\n');
    expect(result.version.markdown).toContain('hver høst');
  });

  it('refuses overlapping edits on a stale base with both versions, and writes nothing', async () => {
    const base = (await latest()) as NonNullable<Awaited<ReturnType<typeof latest>>>;
    const mine = base.markdown.replace('hver høst', 'hver vår');
    const theirs = base.markdown.replace('hver høst', 'hvert halvår');
    await drafting.edit(id, theirs, { actor: ola, reason: 'Halvårlig', baseRev: base.revision.rev });
    const before = head();
    const attempt = drafting.edit(id, mine, { actor: kari, reason: 'Om våren', baseRev: base.revision.rev });
    await expect(attempt).rejects.toBeInstanceOf(MergeConflictError);
    const error = (await attempt.catch((caught: unknown) => caught)) as MergeConflictError;
    expect(error.code).toBe('conflict');
    expect(error.conflicts).toHaveLength(1);
    expect(error.conflicts[0]?.yours.lines.join('\n')).toContain('hver vår');
    expect(error.conflicts[0]?.theirs.lines.join('\n')).toContain('hvert halvår');
    expect(error.yours).toContain('hver vår');
    expect(error.theirs.markdown).toContain('hvert halvår');
    expect(head()).toBe(before);
    expect(git(server.dataDir, 'status', '--porcelain')).toBe('');
  });

  it('refuses setting the status in the text', async () => {
    const current = (await latest()) as NonNullable<Awaited<ReturnType<typeof latest>>>;
    const approved = current.markdown.replace('status: "utkast"', 'status: godkjent');
    expect(approved).not.toBe(current.markdown);
    await expect(
      drafting.edit(id, approved, { actor: kari, reason: 'Snarvei', baseRev: current.revision.rev }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('Status kan ikke endres'),
    });
  });
});

describe('editing in scope', () => {
  it('refuses an editor of another county, and a reader, and writes nothing', async () => {
    const current = (await latest()) as NonNullable<Awaited<ReturnType<typeof latest>>>;
    const before = head();
    const edited = current.markdown.replace('hvert halvår', 'hvert år');
    await expect(
      drafting.edit(id, edited, { actor: utenfor, reason: 'Utenfra', baseRev: current.revision.rev }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('Du kan ikke endre denne avtalen: den gjelder Eksempelfylket'),
    });
    await expect(drafting.submit(id, { actor: utenfor })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      drafting.edit(id, edited, { actor: leser, reason: 'Leser', baseRev: current.revision.rev }),
    ).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('rollen Redaktør') });
    expect(head()).toBe(before);
  });

  it("refuses moving an agreement out of the editor's counties, and lets them edit within", async () => {
    const current = (await latest()) as NonNullable<Awaited<ReturnType<typeof latest>>>;
    const before = head();
    const moved = current.markdown.replace(/^fylke: .*$/m, 'fylke: Nordfylket');
    expect(moved).not.toBe(current.markdown);
    await expect(
      drafting.edit(id, moved, { actor: redaktor, reason: 'Flytter', baseRev: current.revision.rev }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('den gjelder Nordfylket'),
    });
    expect(head()).toBe(before);
    const result = await drafting.edit(id, current.markdown.replace('hvert halvår', 'hvert kvartal'), {
      actor: redaktor,
      reason: 'Hvert kvartal',
      baseRev: current.revision.rev,
    });
    expect(git(server.dataDir, 'log', '-1', '--format=%an <%ae>').trim()).toBe(authorLine('redaktor'));
    // Back as it was, for the approvals below.
    await drafting.edit(id, current.markdown, {
      actor: redaktor,
      reason: 'Hvert halvår igjen',
      baseRev: result.version.revision.rev,
    });
  });
});

describe('approval by each party', () => {
  it('sends the draft to approval', async () => {
    const version = await drafting.submit(id, { actor: kari });
    expect(version.agreement.meta.status).toBe('til-godkjenning');
    expect(version.revision.reason).toContain(
      'Sendt til godkjenning hos NAV Eksempelfylket og Eksempelfylket fylkeskommune',
    );
    expect(version.revision.author).toEqual({ name: 'Kari Nordmann', email: 'kari@nav.example' });
    await expect(drafting.submit(id, { actor: kari })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses a party that is not in the agreement, or that is part of another party', async () => {
    const before = head();
    const approval = { role: 'Direktør', party: 'nav-dalheim' };
    await expect(drafting.approve(id, approval, { actor: kari })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(drafting.approve(id, { ...approval, party: 'ot' }, { actor: ola })).rejects.toMatchObject({
      message: expect.stringContaining('er en del av Eksempelfylket fylkeskommune'),
    });
    expect(head()).toBe(before);
  });

  it('refuses approving for a party the person does not represent, or without the approver role', async () => {
    const before = head();
    const forCounty = { role: 'Direktør', party: 'eksempelfylket-fk' };
    await expect(drafting.approve(id, forCounty, { actor: kari })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining(
        'Du kan godkjenne for NAV Eksempelfylket, ikke for Eksempelfylket fylkeskommune',
      ),
    });
    await expect(drafting.approve(id, forCounty, { actor: utenfor })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('Du representerer ingen av partene'),
    });
    await expect(drafting.approve(id, forCounty, { actor: redaktor })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('rollen Godkjenner'),
    });
    expect(head()).toBe(before);
  });

  it('refuses an approval by someone who wrote or changed the text (four eyes), and writes nothing', async () => {
    const before = head();
    await expect(
      drafting.approve(id, { role: 'Direktør', party: 'nav-eksempelfylket' }, { actor: kari }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining(
        'Du har skrevet eller endret teksten siden den sist ble godkjent, og kan ikke godkjenne den selv. En annen representant for NAV Eksempelfylket må godkjenne den',
      ),
    });
    await expect(
      drafting.approve(id, { role: 'Fylkesdirektør', party: 'eksempelfylket-fk' }, { actor: ola }),
    ).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('fire øyne') });
    expect(head()).toBe(before);
  });

  it('records the first approval with a Godkjenning trailer; the version is not approved yet', async () => {
    const result = await drafting.approve(
      id,
      { role: 'Direktør, NAV Eksempelfylket', party: 'nav-eksempelfylket' },
      { actor: nina },
    );
    expect(result.complete).toBe(false);
    expect(result.version.agreement.meta.status).toBe('til-godkjenning');
    const [trailer] = result.version.revision.trailers.Godkjenning ?? [];
    expect(parseApproval(trailer ?? '')).toMatchObject({
      name: 'Nina Holm',
      party: 'nav-eksempelfylket',
    });
    expect(result.version.revision.trailers['Godkjent-av']).toBeUndefined();
    expect(git(server.dataDir, 'log', '-1', '--format=%an <%ae>').trim()).toBe(authorLine('nina'));
    await expect(server.gjerde.agreements.get(id, { at: validFrom })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('refuses approving twice for the same party', async () => {
    await expect(
      drafting.approve(id, { role: 'Fungerende direktør', party: 'nav-eksempelfylket' }, { actor: nina }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('har allerede godkjent') });
  });

  it('refuses an approval dated before the text was written, and writes nothing', async () => {
    // Found testing as a stranger: «Godkjent-av: … | 2020-01-01» was recorded for a text written today,
    // so the history and the signatories said a party had agreed to it years before it existed.
    const before = head();
    const written = (await server.gjerde.agreements.versions(id)).find(
      (version) => version.agreement.meta.status === 'utkast',
    );
    const writtenOn = (written?.revision.date ?? '').slice(0, 10);
    await expect(
      drafting.approve(
        id,
        { role: 'Fylkesdirektør', party: 'eksempelfylket-fk', date: '2020-01-01' },
        { actor: jonas },
      ),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      details: {
        problems: [
          {
            variable: 'date',
            message: expect.stringContaining(`før teksten ble skrevet (${formatDate(writtenOn)})`),
          },
        ],
      },
    });
    expect(head()).toBe(before);
  });

  it('the last approval makes the version approved, with a Godkjent-av trailer for each party', async () => {
    const result = await drafting.approve(
      id,
      {
        role: 'Fylkesdirektør for opplæring',
        party: 'eksempelfylket-fk',
        comment: 'Vedtatt i fylkesutvalget.',
      },
      { actor: jonas },
    );
    expect(result.complete).toBe(true);
    const { meta } = result.version.agreement;
    expect(meta.status).toBe('godkjent');
    expect(meta.signatories.map((signatory) => [signatory.party, signatory.name])).toEqual([
      ['nav-eksempelfylket', 'Nina Holm'],
      ['eksempelfylket-fk', 'Jonas Haugland'],
    ]);
    const trailers = result.version.revision.trailers['Godkjent-av'] ?? [];
    expect(trailers.map((value) => parseApproval(value)?.party)).toEqual([
      'nav-eksempelfylket',
      'eksempelfylket-fk',
    ]);
    expect(result.version.revision.reason).toContain('Vedtatt i fylkesutvalget.');
    expect(git(server.dataDir, 'log', '-1', '--format=%an <%ae>').trim()).toBe(authorLine('jonas'));
    const message = git(server.dataDir, 'log', '-1', '--format=%B');
    expect(message).toMatch(
      /\n\nGodkjent-av: Nina Holm \| Direktør, NAV Eksempelfylket \| nav-eksempelfylket \| \d{4}-\d{2}-\d{2}\nGodkjent-av: Jonas Haugland \| Fylkesdirektør for opplæring \| eksempelfylket-fk/,
    );
  });

  it('the approved version answers from its first day, not before', async () => {
    const inForce = await server.gjerde.agreements.get(id, { at: validFrom });
    expect(inForce.agreement.meta.status).toBe('godkjent');
    await expect(server.gjerde.agreements.get(id, { at: '2020-01-01' })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('refuses approving an approved version', async () => {
    await expect(
      drafting.approve(id, { role: 'Direktør', party: 'nav-eksempelfylket' }, { actor: nina }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('an edit of the approved version is a new draft; the approved version keeps answering', async () => {
    const approved = (await latest()) as NonNullable<Awaited<ReturnType<typeof latest>>>;
    const result = await drafting.edit(id, approved.markdown.replace('hvert halvår', 'hvert år'), {
      actor: kari,
      reason: 'Ny runde',
      baseRev: approved.revision.rev,
    });
    expect(result.note).toBe('new-draft');
    expect(result.version.revision.rev).not.toBe(approved.revision.rev);
    expect(result.version.agreement.meta.status).toBe('utkast');
    expect(result.version.agreement.meta.signatories).toEqual([]);
    const inForce = await server.gjerde.agreements.get(id, { at: validFrom });
    expect(inForce.revision.rev).toBe(approved.revision.rev);
  });
});

describe('what needs attention', () => {
  it('lists overdue reviews and drafts, without counting anything', async () => {
    const items = await new Drafting(server.gjerde.agreements, server.gjerde.templates, {
      today: () => '2026-11-22',
    }).attention();
    expect(items.find((item) => item.id === 'fjordvik-ramme')).toMatchObject({ kind: 'review-overdue' });
    expect(items.find((item) => item.id === 'fjordvik-ot-nav' && item.kind === 'draft')).toBeDefined();
    expect(items.find((item) => item.id === id)).toMatchObject({
      kind: 'draft',
      target: { page: 'edit', agreementId: id },
    });
  });
});
