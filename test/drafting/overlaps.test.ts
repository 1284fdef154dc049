/**
 * Two umbrella agreements for one county never answer side by side silently (issue 12, item 3): a second
 * `ramme` for Fjordvik, while the example's has no end date, is warned about at save, send and approve;
 * `gjerde due`, `gjerde verify` and the integrity page list the overlap; a lookup answer says so. Ending
 * the old one through its own approval, or marking the new one as replacing it, resolves it. Real git,
 * real HTTP, the real command line, signed-in accounts.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { shiftDay, versionInForce } from '../../src/domain/validity.js';
import type { AgreementMeta } from '../../src/format/types.js';
import { runGjerde } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { futureYear, rammeAnswers, validFrom } from './helpers.js';

/** Rita drafts (editor for Fjordvik); Nina and Jonas approve for NAV Fjordvik and the county. */
const server = testGjerdeWithPeople(['redaktor', 'nina', 'jonas', 'admin']);
const { redaktor: rita, nina, jonas, admin } = server.people;

const newId = 'fjordvik-ny-ramme';
const lastDayOfOld = shiftDay(validFrom, -1);
const head = () => git(server.dataDir, 'rev-parse', 'HEAD').trim();

interface Warning {
  message: string;
  other: { id: string };
  from: string;
  to?: string;
  replaces: boolean;
  endOtherOn?: string;
}

async function latest(id: string) {
  return (await rita.get(`/api/agreements/${id}`).expect(200)).body as {
    markdown: string;
    revision: { rev: string };
  };
}

async function edit(id: string, change: (markdown: string) => string, status = 200) {
  const current = await latest(id);
  return rita
    .put(`/api/agreements/${id}`)
    .send({ markdown: change(current.markdown), baseRev: current.revision.rev, reason: 'Endring' })
    .expect(status);
}

/** The umbrella template's example, moved to Fjordvik: NAV Fjordvik and Fjordvik fylkeskommune. */
const inFjordvik = (markdown: string) =>
  markdown.replaceAll('eksempelfylket', 'fjordvik').replaceAll('Eksempelfylket', 'Fjordvik');

async function approveByBoth(id: string) {
  await nina.post(`/api/agreements/${id}/approvals`).send({ role: 'Direktør', party: 'nav-fjordvik' });
  return jonas
    .post(`/api/agreements/${id}/approvals`)
    .send({ role: 'Fylkesdirektør', party: 'fjordvik-fk' })
    .expect(201);
}

function gjerde(...args: string[]) {
  return runGjerde({ GJERDE_DATA: server.dataDir }, ...args);
}

describe('a second umbrella agreement for Fjordvik while the first has no end date', () => {
  it('is warned about when it is saved, with what to do', async () => {
    await rita
      .post('/api/agreements')
      .send({ template: 'ramme', answers: rammeAnswers({ id: newId }), reason: 'Ny rammeavtale' })
      .expect(201);
    const res = await edit(newId, inFjordvik);
    const warnings = res.body.overlaps as Warning[];
    expect(warnings).toEqual([
      expect.objectContaining({
        other: expect.objectContaining({ id: 'fjordvik-ramme' }),
        from: validFrom,
        to: `${futureYear + 1}-12-31`,
        replaces: false,
        endOtherOn: lastDayOfOld,
      }),
    ]);
    expect(warnings[0]?.message).toContain('Fjordvik har allerede en rammeavtale som gjelder');
    expect(warnings[0]?.message).toContain(
      `sett «gyldig-til: ${lastDayOfOld}» i fjordvik-ramme og la partene godkjenne det), eller skriv «erstatter: fjordvik-ramme» i denne avtalen`,
    );
    const page = await rita.get(`/avtaler/${newId}/rediger`).expect(200);
    expect(page.text).toContain('Fjordvik har allerede en rammeavtale som gjelder');
    // Handlebars writes «=» in an attribute as &#x3D;.
    expect(page.text).toContain(`href="/avtaler/fjordvik-ramme/rediger?gyldig-til&#x3D;${lastDayOfOld}"`);
  });

  it('is warned about by gjerde new too, on standard error, and saved as a draft', async () => {
    const answers = join(server.dataDir, '..', 'fjordvik-fra-kommandolinjen.json');
    const moved = JSON.stringify(rammeAnswers({ id: 'fjordvik-fra-kommandolinjen' }));
    await writeFile(answers, inFjordvik(moved));
    const created = gjerde(
      'new',
      '--template',
      'ramme',
      '--answers',
      answers,
      '--reason',
      'Utkast fra kommandolinjen',
      '--som',
      'redaktor',
    );
    expect(created.code).toBe(0);
    expect(created.out).toContain('Lagret fjordvik-fra-kommandolinjen som utkast');
    expect(created.err).toContain('Advarsel: Fjordvik har allerede en rammeavtale som gjelder');
    expect(created.err).toContain('«erstatter: fjordvik-ramme»');
  });

  it('is warned about when it is sent and when it is approved', async () => {
    const sendPage = await rita.get(`/avtaler/${newId}/send`).expect(200);
    expect(sendPage.text).toContain('Fjordvik har allerede en rammeavtale som gjelder');
    const sent = await rita.post(`/api/agreements/${newId}/submit`).send({}).expect(200);
    expect(sent.body.overlaps).toHaveLength(1);
    const approvePage = await nina.get(`/avtaler/${newId}/godkjenn`).expect(200);
    expect(approvePage.text).toContain('Fjordvik har allerede en rammeavtale som gjelder');
    const approved = await approveByBoth(newId);
    expect(approved.body).toMatchObject({ complete: true, status: 'godkjent' });
    expect(approved.body.overlaps).toHaveLength(1);
    expect(approved.body.overlaps[0].message).toContain('Begge er godkjent og svarer på oppslag');
  });

  it('is said on both agreements’ pages and in the agreement API, as of today and as of a date', async () => {
    for (const [id, other] of [
      [newId, 'fjordvik-ramme'],
      ['fjordvik-ramme', newId],
    ] as const) {
      const page = await rita.get(`/avtaler/${id}`).expect(200);
      expect(page.text).toContain('agreement-overlap');
      expect(page.text).toContain('To rammeavtaler for Fjordvik gjelder samtidig');
      expect(page.text).toContain(`href="/avtaler/${other}"`);
      const api = await rita.get(`/api/agreements/${id}`).expect(200);
      expect(api.body.overlaps).toEqual([
        expect.objectContaining({
          county: 'Fjordvik',
          from: validFrom,
          other: expect.objectContaining({ id: other }),
          message: expect.stringContaining('Denne rammeavtalen og'),
        }),
      ]);
    }
    // As of a day before the new one starts, the old one stood alone.
    const before = await rita.get(`/api/agreements/fjordvik-ramme?at=${lastDayOfOld}`).expect(200);
    expect(before.body.overlaps).toEqual([]);
    const beforePage = await rita.get(`/avtaler/fjordvik-ramme?at=${lastDayOfOld}`).expect(200);
    expect(beforePage.text).not.toContain('agreement-overlap');
    // Another county's umbrella agreement is not concerned.
    expect((await rita.get('/api/agreements/lyngmark-ramme').expect(200)).body.overlaps).toEqual([]);
  });

  it('the lookup answer says that two umbrella agreements answer for the county', async () => {
    const answer = await rita
      .get('/api/lookup')
      .query({ q: 'læreplass', at: validFrom, county: 'Fjordvik' })
      .expect(200);
    expect(answer.body.overlaps).toEqual([
      expect.objectContaining({
        county: 'Fjordvik',
        agreements: [
          expect.objectContaining({ id: 'fjordvik-ny-ramme' }),
          expect.objectContaining({ id: 'fjordvik-ramme' }),
        ],
        from: validFrom,
      }),
    ]);
    const page = await rita.get('/oppslag').query({ q: 'læreplass', at: validFrom }).expect(200);
    expect(page.text).toContain('To rammeavtaler gjelder samtidig for Fjordvik');
    const before = await rita.get('/api/lookup').query({ q: 'læreplass', county: 'Fjordvik' }).expect(200);
    expect(before.body.overlaps).toEqual([]);
  });

  it('is listed by gjerde due, /api/reviews and the front page, and makes gjerde verify fail', async () => {
    const due = gjerde('due', '--at', validFrom);
    expect(due.code).toBe(0);
    expect(due.out).toMatch(
      new RegExp(
        `^fjordvik-ny-ramme\\toverlapp\\t${validFrom}\\tTo rammeavtaler for Fjordvik gjelder samtidig`,
        'm',
      ),
    );
    const reviews = await rita.get('/api/reviews').expect(200);
    expect(reviews.body.items).toContainEqual(
      expect.objectContaining({ id: 'fjordvik-ny-ramme', kind: 'overlap', date: validFrom }),
    );
    const front = await rita.get('/').expect(200);
    expect(front.text).toContain('To rammeavtaler for Fjordvik gjelder samtidig');
    const verify = gjerde('verify');
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('To rammeavtaler for samme fylke');
    expect(verify.out).toContain('«fjordvik-ny-ramme» og «fjordvik-ramme» gjelder begge for Fjordvik');
  });

  it('is listed on the integrity page and warned about by /healthz', async () => {
    const health = await request(server.app).get('/healthz').expect(200);
    expect(health.body.status).toBe('warning');
    expect(health.body.warnings).toEqual([
      expect.stringMatching(
        /^«fjordvik-ny-ramme» og «fjordvik-ramme» gjelder begge for Fjordvik .+\. Begge svarer på oppslag\.$/,
      ),
    ]);
    const page = await admin.get('/admin/integritet').expect(200);
    expect(page.text).toContain('verify-check--error');
    expect(page.text).toContain('«fjordvik-ny-ramme» og «fjordvik-ramme» gjelder begge for Fjordvik');
    const api = await admin.get('/api/admin/integrity').expect(200);
    expect(api.body.intact).toBe(false);
    expect(api.body.checks).toContainEqual(expect.objectContaining({ id: 'overlaps', status: 'error' }));
  });
});

describe('ending the old one through its own approval', () => {
  it('the editor offers the old agreement with its end date filled in', async () => {
    const page = await rita.get(`/avtaler/fjordvik-ramme/rediger?gyldig-til=${lastDayOfOld}`).expect(200);
    expect(page.text).toContain(`gyldig-til: ${lastDayOfOld}`);
    expect(page.text).toContain('Avslutter avtalen');
  });

  it('an amendment that only sets gyldig-til is approved though gyldig-fra is past, and the overlap is gone', async () => {
    await edit('fjordvik-ramme', (markdown) =>
      markdown.replace(/^gyldig-fra: (.*)$/m, `gyldig-fra: $1\ngyldig-til: ${lastDayOfOld}`),
    );
    await rita.post('/api/agreements/fjordvik-ramme/submit').send({}).expect(200);
    await approveByBoth('fjordvik-ramme');
    const old = await rita.get(`/api/agreements/fjordvik-ramme?at=${validFrom}`).expect(404);
    expect(old.body.error).toContain('var ikke i kraft');
    await rita.get(`/api/agreements/fjordvik-ramme?at=${lastDayOfOld}`).expect(200);
    expect((await rita.get(`/api/agreements/${newId}`).expect(200)).body.overlaps).toEqual([]);
    expect((await rita.get(`/avtaler/${newId}`).expect(200)).text).not.toContain('agreement-overlap');
    const answer = await rita
      .get('/api/lookup')
      .query({ q: 'læreplass', at: validFrom, county: 'Fjordvik' })
      .expect(200);
    expect(answer.body.overlaps).toEqual([]);
    expect(gjerde('due', '--at', validFrom).out).not.toContain('overlapp');
    const verify = gjerde('verify');
    expect(verify.out).not.toContain('gjelder begge for Fjordvik');
    expect(verify.code).toBe(0);
    const health = await request(server.app).get('/healthz').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', warnings: [] });
  });

  it('a text change with a past gyldig-fra is still refused', async () => {
    await edit('fjordvik-ramme', (markdown) => markdown.replace('Flere', 'Enda flere'));
    const res = await rita.post('/api/agreements/fjordvik-ramme/submit').send({}).expect(400);
    expect(res.body.error).toContain('kan ikke gjelde tilbake i tid');
  });
});

describe('a new umbrella agreement that replaces the old one (erstatter)', () => {
  const successor = 'fjordvik-avloser';
  const successorFrom = `${futureYear + 1}-01-01`;

  it('refuses to send one that would end an agreement whose parties do not approve it', async () => {
    await rita
      .post('/api/agreements')
      .send({ template: 'ramme', answers: rammeAnswers({ id: successor }), reason: 'Avløser' })
      .expect(201);
    await edit(successor, (markdown) =>
      inFjordvik(markdown)
        .replace(/^gyldig-fra: .*$/m, `gyldig-fra: ${successorFrom}\nerstatter: strandby-lokal`)
        .replace(/^gyldig-til: .*\n/m, ''),
    );
    const before = head();
    const res = await rita.post(`/api/agreements/${successor}/submit`).send({}).expect(400);
    expect(res.body.error).toBe(
      'NAV Strandby godkjente «strandby-lokal», men godkjenner ikke denne avtalen. Avslutt «strandby-lokal» med egen godkjenning i stedet.',
    );
    expect(head()).toBe(before);
  });

  it('warns that approving it ends the old one, and the last approval does so', async () => {
    const saved = await edit(successor, (markdown) =>
      markdown.replace('erstatter: strandby-lokal', `erstatter: ${newId}`),
    );
    expect(saved.body.overlaps).toEqual([
      expect.objectContaining({
        other: expect.objectContaining({ id: newId }),
        replaces: true,
        from: successorFrom,
      }),
    ]);
    expect(saved.body.overlaps[0].message).toContain(
      `Denne avtalen erstatter «Samarbeidsavtale mellom NAV Fjordvik og Fjordvik fylkeskommune» (${newId}). Når alle parter har godkjent den, setter Gjerde «gyldig-til: ${futureYear}-12-31» på ${newId}`,
    );
    await rita.post(`/api/agreements/${successor}/submit`).send({}).expect(200);
    const last = await approveByBoth(successor);
    expect(last.body).toMatchObject({ complete: true, replaced: { id: newId, end: `${futureYear}-12-31` } });
    const ended = git(server.dataDir, 'log', '-1', '--format=%an|%B', '--', `avtaler/${newId}.md`);
    expect(ended).toMatch(/^Jonas Haugland\|Avsluttet 31\. desember \d{4}: erstattes av/);
    expect(ended).toMatch(/^Godkjent-av: Nina Holm \| Direktør \| nav-fjordvik \| /m);
    expect(ended).toMatch(/^Godkjent-av: Jonas Haugland \| Fylkesdirektør \| fjordvik-fk \| /m);
    const oldOne = await rita.get(`/api/agreements/${newId}`).expect(200);
    expect(oldOne.body.meta).toMatchObject({ status: 'godkjent', validTo: `${futureYear}-12-31` });
    const answer = await rita
      .get('/api/lookup')
      .query({ q: 'læreplass', at: successorFrom, county: 'Fjordvik' })
      .expect(200);
    expect(answer.body.overlaps).toEqual([]);
    expect(gjerde('verify').code).toBe(0);
  });

  it('gjerde import of another umbrella agreement for Fjordvik says at once that it overlaps', async () => {
    const file = join(server.dataDir, '..', 'fjordvik-importert.md');
    const { markdown } = await latest(successor);
    await writeFile(file, markdown.replace(/^id: .*$/m, 'id: fjordvik-importert'));
    const imported = gjerde(
      'import',
      file,
      '--dato',
      new Date().toISOString(), // after the approvals the text carries: import refuses an approval dated after its revision
      '--forfatter',
      'Sofie Dahl',
      '--epost',
      'sofie@fjordvik.example',
      '--begrunnelse',
      'Overført fra arkivet',
    );
    expect(imported.code).toBe(0);
    // Both start the same day: either may be named first.
    expect(imported.err).toMatch(
      new RegExp(
        `^Advarsel: «(fjordvik-importert|${successor})» og «(fjordvik-importert|${successor})» gjelder begge for Fjordvik`,
        'm',
      ),
    );
    expect(imported.err).toContain('«fjordvik-importert»');
    expect(gjerde('verify').code).toBe(1);
  });
});

describe('the version in force, when a later version ends', () => {
  const version = (validFrom: string, validTo?: string, valid = true) => ({
    agreement: { meta: { status: 'godkjent', validFrom, ...(validTo ? { validTo } : {}) } as AgreementMeta },
    valid,
  });

  it('an earlier open-ended version does not come back after a later one ends', () => {
    const versions = [version('2027-01-01', '2027-06-30'), version('2025-08-01')];
    expect(versionInForce(versions, '2026-05-01')).toBe(versions[1]);
    expect(versionInForce(versions, '2027-03-01')).toBe(versions[0]);
    expect(versionInForce(versions, '2027-07-01')).toBeUndefined();
  });

  it('an amendment with the same start that ends the agreement ends it', () => {
    const versions = [version('2025-08-01', '2026-12-31'), version('2025-08-01')];
    expect(versionInForce(versions, '2026-12-31')).toBe(versions[0]);
    expect(versionInForce(versions, '2027-01-01')).toBeUndefined();
  });

  it('a later version the validator refuses (committed by hand) neither governs nor ends the agreement', () => {
    const versions = [version('2027-01-01', '2027-06-30', false), version('2025-08-01')];
    expect(versionInForce(versions, '2027-03-01')).toBe(versions[1]);
    expect(versionInForce(versions, '2027-07-01')).toBe(versions[1]);
  });
});
