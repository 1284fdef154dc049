import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MergeConflictError } from '../../src/domain/agreements.js';
import { parseApproval } from '../../src/drafting/approvals.js';
import { Drafting } from '../../src/drafting/service.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { git, kari, ola, rammeAnswers, validFrom } from './helpers.js';

let server: Awaited<ReturnType<typeof startTestGjerde>>;
let drafting: Drafting;
const id = 'testfylket-ramme';

beforeAll(async () => {
  server = await startTestGjerde();
  drafting = new Drafting(server.gjerde.agreements, server.gjerde.templates);
});
afterAll(async () => {
  await server.stop();
});

const head = () => git(server.dataDir, 'rev-parse', 'HEAD').trim();
const latest = async () => (await server.gjerde.agreements.versions(id))[0];

describe('a new agreement from the umbrella template', () => {
  it('refuses lifecycle answers: a new agreement is a draft, and only approvals sign it', async () => {
    const before = head();
    await expect(
      drafting.createDraft('ramme', rammeAnswers({ status: 'godkjent' }), { author: kari, reason: 'Forsøk' }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      details: { problems: [expect.objectContaining({ variable: 'status' })] },
    });
    await expect(
      drafting.createDraft('ramme', rammeAnswers({ signatories: [{ name: 'X', role: 'Y', party: 'ot' }] }), {
        author: kari,
        reason: 'Forsøk',
      }),
    ).rejects.toMatchObject({
      details: { problems: [expect.objectContaining({ variable: 'signatories' })] },
    });
    expect(head()).toBe(before);
  });

  it('saves a draft as one commit by the author, with the reason', async () => {
    const version = await drafting.createDraft('ramme', rammeAnswers(), {
      author: kari,
      reason: 'Første utkast',
    });
    expect(version.agreement.meta.status).toBe('utkast');
    expect(git(server.dataDir, 'log', '-1', '--format=%an|%s').trim()).toBe('Kari Nordmann|Første utkast');
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
    await drafting.edit(id, first, { author: kari, reason: 'Kortere mål', baseRev: base.revision.rev });
    const result = await drafting.edit(id, second, {
      author: ola,
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
    await drafting.edit(id, theirs, { author: ola, reason: 'Halvårlig', baseRev: base.revision.rev });
    const before = head();
    const attempt = drafting.edit(id, mine, { author: kari, reason: 'Om våren', baseRev: base.revision.rev });
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
      drafting.edit(id, approved, { author: kari, reason: 'Snarvei', baseRev: current.revision.rev }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('Status kan ikke endres'),
    });
  });
});

describe('approval by each party', () => {
  it('sends the draft to approval', async () => {
    const version = await drafting.submit(id, { author: kari });
    expect(version.agreement.meta.status).toBe('til-godkjenning');
    expect(version.revision.reason).toContain(
      'Sendt til godkjenning hos NAV Eksempelfylket og Eksempelfylket fylkeskommune',
    );
    await expect(drafting.submit(id, { author: kari })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses an approver for a party that is not in the agreement, or that is part of another party', async () => {
    const before = head();
    const approver = { name: 'Per Hansen', email: 'per@example.org', role: 'Direktør', party: 'nav-dalheim' };
    await expect(drafting.approve(id, approver)).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(drafting.approve(id, { ...approver, party: 'ot' })).rejects.toMatchObject({
      message: expect.stringContaining('er en del av Eksempelfylket fylkeskommune'),
    });
    expect(head()).toBe(before);
  });

  it('records the first approval with a Godkjenning trailer; the version is not approved yet', async () => {
    const result = await drafting.approve(id, {
      name: 'Kari Nordmann',
      email: 'kari@nav.example',
      role: 'Direktør, NAV Eksempelfylket',
      party: 'nav-eksempelfylket',
    });
    expect(result.complete).toBe(false);
    expect(result.version.agreement.meta.status).toBe('til-godkjenning');
    const [trailer] = result.version.revision.trailers.Godkjenning ?? [];
    expect(parseApproval(trailer ?? '')).toMatchObject({
      name: 'Kari Nordmann',
      party: 'nav-eksempelfylket',
    });
    expect(result.version.revision.trailers['Godkjent-av']).toBeUndefined();
    expect(git(server.dataDir, 'log', '-1', '--format=%an <%ae>').trim()).toBe(
      'Kari Nordmann <kari@nav.example>',
    );
    await expect(server.gjerde.agreements.get(id, { at: validFrom })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('refuses approving twice for the same party', async () => {
    await expect(
      drafting.approve(id, {
        name: 'Kåre Nilsen',
        email: 'kare@nav.example',
        role: 'Fungerende direktør',
        party: 'nav-eksempelfylket',
      }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('har allerede godkjent') });
  });

  it('the last approval makes the version approved, with a Godkjent-av trailer for each party', async () => {
    const result = await drafting.approve(id, {
      name: 'Ola Nordmann',
      email: 'ola@fjordvik.example',
      role: 'Fylkesdirektør for opplæring',
      party: 'eksempelfylket-fk',
      comment: 'Vedtatt i fylkesutvalget.',
    });
    expect(result.complete).toBe(true);
    const { meta } = result.version.agreement;
    expect(meta.status).toBe('godkjent');
    expect(meta.signatories.map((signatory) => signatory.party)).toEqual([
      'nav-eksempelfylket',
      'eksempelfylket-fk',
    ]);
    const trailers = result.version.revision.trailers['Godkjent-av'] ?? [];
    expect(trailers.map((value) => parseApproval(value)?.party)).toEqual([
      'nav-eksempelfylket',
      'eksempelfylket-fk',
    ]);
    expect(result.version.revision.reason).toContain('Vedtatt i fylkesutvalget.');
    const message = git(server.dataDir, 'log', '-1', '--format=%B');
    expect(message).toMatch(
      /\n\nGodkjent-av: Kari Nordmann \| Direktør, NAV Eksempelfylket \| nav-eksempelfylket \| \d{4}-\d{2}-\d{2}\nGodkjent-av: Ola Nordmann/,
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
      drafting.approve(id, {
        name: 'Kari Nordmann',
        email: 'kari@nav.example',
        role: 'Direktør',
        party: 'nav-eksempelfylket',
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('an edit of the approved version is a new draft; the approved version keeps answering', async () => {
    const approved = (await latest()) as NonNullable<Awaited<ReturnType<typeof latest>>>;
    const result = await drafting.edit(id, approved.markdown.replace('hvert halvår', 'hvert år'), {
      author: kari,
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
    const items = await new Drafting(
      server.gjerde.agreements,
      server.gjerde.templates,
      () => '2026-11-22',
    ).attention();
    expect(items.find((item) => item.id === 'fjordvik-ramme')).toMatchObject({ kind: 'review-overdue' });
    expect(items.find((item) => item.id === 'fjordvik-ot-nav' && item.kind === 'draft')).toBeDefined();
    expect(items.find((item) => item.id === id)).toMatchObject({
      kind: 'draft',
      href: `/avtaler/${id}/rediger`,
    });
  });
});
