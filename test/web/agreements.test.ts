import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { withPartyDirectory } from '../../src/access/party-grants.js';
import { projectRoot } from '../../src/config.js';
import { parseAgreement } from '../../src/format/processor.js';
import { agreementToHtml } from '../../src/render/agreement-html.js';
import { presentFront } from '../../src/web/front-present.js';
import { personas, signedInAs } from '../helpers/accounts.js';
import { firstCommitOf, git } from '../helpers/git.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const server = testGjerdeForFile();

describe('the seeded data repository', () => {
  it('replays every example revision as a dated commit with its author and reason', () => {
    const log = git(
      server.dataDir,
      'log',
      '--reverse',
      '--format=%aI|%an|%s',
      '--',
      'avtaler/fjordvik-ramme.md',
    )
      .trim()
      .split('\n');
    expect(log.length).toBeGreaterThanOrEqual(8);
    expect(log[0]).toMatch(/^2016-12-05T.*\|.+\|.+/);
    expect(log.at(-1)).toMatch(/^2025-/);
  });

  it('is a repository of its own, not the project', () => {
    expect(git(server.dataDir, 'rev-parse', '--show-toplevel').trim()).toBe(server.dataDir);
  });
});

describe('GET /avtaler', () => {
  it('goes where the breadcrumb «Avtaler» goes: the agreement list at /', async () => {
    const res = await server.reader.get('/avtaler').expect(302);
    expect(res.headers.location).toBe('/');
    const agreement = await server.reader.get('/avtaler/fjordvik-ramme').expect(200);
    expect(agreement.text).toContain('<li><a class="ds-link" href="/">Avtaler</a></li>');
  });
});

describe('GET /api/agreements', () => {
  it('lists the example agreements with the version in force today', async () => {
    const res = await server.reader.get('/api/agreements').expect(200);
    const ids = res.body.agreements.map((agreement: { id: string }) => agreement.id);
    const examples = readdirSync(join(projectRoot, 'agreements'))
      // An agreement's folder holds its revisions as Markdown; `datafiler/` holds the shared data files.
      .filter(
        (id) =>
          existsSync(join(projectRoot, 'agreements', id, 'revisions.yaml')) &&
          readdirSync(join(projectRoot, 'agreements', id)).some((name) => name.endsWith('.md')),
      )
      .sort();
    expect(examples).toEqual(expect.arrayContaining(['fjordvik-ot-nav', 'fjordvik-ramme', 'strandby-lokal']));
    expect(ids).toEqual(examples);
    const ramme = res.body.agreements.find((agreement: { id: string }) => agreement.id === 'fjordvik-ramme');
    expect(ramme.inForce).not.toBeNull();
    expect(ramme.status).toBe('godkjent');
    expect(ramme.example).toBe(true);
  });

  it('shows the version in force, not a newer draft', async () => {
    const res = await server.reader.get('/api/agreements').expect(200);
    const sub = res.body.agreements.find((agreement: { id: string }) => agreement.id === 'fjordvik-ot-nav');
    expect(sub.latest.status).toBe('utkast');
    expect(sub.status).toBe('godkjent');
    expect(sub.inForce.rev).not.toBe(sub.latest.rev);
  });
});

describe('GET /api/agreements/:id', () => {
  it('answers with metadata, Markdown and parsed clauses', async () => {
    const res = await server.reader.get('/api/agreements/fjordvik-ramme').expect(200);
    expect(res.body.meta.id).toBe('fjordvik-ramme');
    expect(res.body.markdown).toMatch(/^---\nid: fjordvik-ramme/);
    const clause = res.body.clauses.find((candidate: { id: string }) => candidate.id === 'uten-laereplass');
    expect(clause.owner).toBe('nav-fjordvik');
    const grey = res.body.clauses.filter((candidate: { status: string }) => candidate.status === 'grey');
    expect(grey.length).toBeGreaterThanOrEqual(1);
    for (const clause of grey) {
      expect(clause.owner).toBeUndefined();
      expect(clause.escalation).toBeTruthy();
    }
  });

  it('answers as of a date by validity dates: in 2018 the 2017 version, where the county owned «uten læreplass»', async () => {
    const res = await server.reader.get('/api/agreements/fjordvik-ramme?at=2018-06-01').expect(200);
    expect(res.body.meta.validFrom).toBe('2017-01-01');
    expect(res.body.revision.date).toMatch(/^2017-/);
    const clause = res.body.clauses.find((candidate: { id: string }) => candidate.id === 'uten-laereplass');
    expect(clause.owner).toBe('fjordvik-fk');
  });

  it('answers the 2019 owner after the revision took effect', async () => {
    const res = await server.reader.get('/api/agreements/fjordvik-ramme?at=2019-03-01').expect(200);
    const clause = res.body.clauses.find((candidate: { id: string }) => candidate.id === 'uten-laereplass');
    expect(clause.owner).toBe('nav-fjordvik');
  });

  it('reads a version at a revision, also by a short prefix', async () => {
    const first = firstCommitOf(server.dataDir, 'avtaler/fjordvik-ramme.md');
    const res = await server.reader
      .get(`/api/agreements/fjordvik-ramme?rev=${first.slice(0, 10)}`)
      .expect(200);
    expect(res.body.revision.rev).toBe(first);
    expect(res.body.meta.status).toBe('utkast');
  });

  it.each([
    ['an id with a path', '/api/agreements/..%2Fx', 400],
    ['an id starting with a dash', '/api/agreements/-x', 400],
    ['an id of 10,000 characters', `/api/agreements/${'a'.repeat(10_000)}`, 400],
    ['an unknown agreement', '/api/agreements/finnes-ikke', 404],
    ['an unknown revision', '/api/agreements/fjordvik-ramme?rev=deadbeef', 404],
    ['a revision that is not hex', '/api/agreements/fjordvik-ramme?rev=--upload-pack=x', 400],
    ['a date that is not a date', '/api/agreements/fjordvik-ramme?at=2019-02-30', 400],
    ['a date in words', '/api/agreements/fjordvik-ramme?at=i%20fjor', 400],
    ['a date before the agreement existed', '/api/agreements/fjordvik-ramme?at=2001-01-01', 404],
    ['both rev and at', '/api/agreements/fjordvik-ramme?at=2019-03-01&rev=abcd', 400],
    ['a repeated parameter', '/api/agreements/fjordvik-ramme?at=2019-03-01&at=2020-01-01', 400],
  ])('refuses %s with a clear JSON error', async (_case, path, status) => {
    const before = git(server.dataDir, 'rev-parse', 'HEAD');
    const res = await server.reader.get(path).expect(status);
    expect(res.body.error).toEqual(expect.any(String));
    expect(res.body.error.length).toBeGreaterThan(10);
    expect(git(server.dataDir, 'rev-parse', 'HEAD')).toBe(before);
  });
});

describe('pages', () => {
  it('the front page lists the agreements in Norwegian', async () => {
    const res = await server.reader.get('/').expect(200);
    expect(res.text).toContain('<html lang="nb">');
    expect(res.text).toContain('href="/avtaler/fjordvik-ramme"');
    expect(res.text).toContain('Neste revisjon');
    expect(res.text).toContain('Eksempel');
  });

  it('the agreement page marks each clause with owner or grey zone and a permalink', async () => {
    const res = await server.reader.get('/avtaler/fjordvik-ramme').expect(200);
    expect(res.text).toMatch(/<section id="uten-laereplass" class="clause clause--settled"/);
    expect(res.text).toContain('Ansvarlig: </span><strong>NAV Fjordvik');
    expect(res.text).toMatch(/<section id="[a-z-]+" class="clause clause--grey"/);
    expect(res.text).toContain('Uavklart');
    expect(res.text).toContain('Ta saken til:');
    expect(res.text).toContain('href="#uten-laereplass"');
    expect(res.text).toContain('EKSEMPEL');
  });

  it('names the agreement a sub-agreement belongs to by its title, not its id', async () => {
    const res = await server.reader.get('/avtaler/strandby-lokal').expect(200);
    expect(res.text).toContain(
      '<dt>Hører under</dt><dd><a class="ds-link" href="/avtaler/fjordvik-ot-nav">Delavtale mellom OT i Fjordvik og NAV Fjordvik om oppfølging av ungdom</a></dd>',
    );
  });

  it('shows the 2017 version for ?at=2018-06-01 with a banner saying it is not the current one', async () => {
    const res = await server.reader.get('/avtaler/fjordvik-ramme?at=2018-06-01').expect(200);
    expect(res.text).toContain('Dette er ikke gjeldende versjon.');
    expect(res.text).toContain('1. januar 2017');
    expect(res.text).toMatch(
      /Ansvarlig: <\/span><strong>Fjordvik fylkeskommune<\/strong>[\s\S]*?<\/header>[\s\S]*?/,
    );
    expect(res.text).toContain('href="/avtaler/fjordvik-ramme"');
  });

  it('serves the raw Markdown for download', async () => {
    const res = await server.reader.get('/avtaler/strandby-lokal.md').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    expect(res.headers['content-disposition']).toContain('strandby-lokal.md');
    expect(res.text).toMatch(/^---\nid: strandby-lokal/);
  });

  it('answers bad input with a Norwegian error page', async () => {
    const res = await server.reader.get('/avtaler/fjordvik-ramme?at=neste-uke').expect(400);
    expect(res.text).toContain('<html lang="nb">');
    expect(res.text).toContain('Skriv datoen som dd.mm.åååå');
    await server.reader.get('/finnes/ikke').expect(404);
  });

  it('serves Designsystemet and the health check', async () => {
    // Public without signing in: the assets and the health check.
    await request(server.app).get('/assets/designsystemet.css').expect(200).expect('content-type', /css/);
    const health = await request(server.app).get('/healthz').expect(200);
    expect(health.body.head).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('sanitizing', () => {
  it('refuses raw HTML and javascript: links when saving, and writes nothing', async () => {
    const markdown = (await server.reader.get('/api/agreements/strandby-lokal')).body.markdown as string;
    const before = git(server.dataDir, 'rev-parse', 'HEAD');
    for (const hostile of [
      '<iframe src="https://x"></iframe>',
      '[klikk](javascript:alert(1))',
      '<b onclick="x()">b</b>',
    ]) {
      const save = server.gjerde.agreements.save(markdown.replace('\n## ', `\n${hostile}\n\n## `), {
        author: { name: 'Test Testesen', email: 'test@example.org' },
        reason: 'Forsøk',
      });
      await expect(save).rejects.toMatchObject({ code: 'invalid-agreement' });
    }
    expect(git(server.dataDir, 'rev-parse', 'HEAD')).toBe(before);
    expect(git(server.dataDir, 'status', '--porcelain')).toBe('');
  });

  it('never lets script, event handlers or javascript: URLs through to the page', async () => {
    const markdown = (await server.reader.get('/api/agreements/strandby-lokal')).body.markdown as string;
    const hostile = markdown.replace(
      '\n## ',
      '\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[klikk](javascript:alert(3))\n\n## ',
    );
    // Written straight into git, as someone could by hand: the validator would refuse it.
    await server.gjerde.store.commitFile('avtaler/strandby-lokal.md', hostile, {
      author: { name: 'Test Testesen', email: 'test@example.org' },
      reason: 'Test av rensing',
    });
    const res = await server.reader
      .get(`/avtaler/strandby-lokal?rev=${git(server.dataDir, 'rev-parse', 'HEAD').trim()}`)
      .expect(200);
    expect(res.text).not.toMatch(/<script>alert/);
    expect(res.text).not.toContain('onerror');
    expect(res.text).not.toMatch(/(href|src)\s*=\s*["']?\s*javascript:/i);
    // The validator's messages say why the version is refused; as text, never as a link.
    expect(res.text).toContain('Denne versjonen har feil og gjelder ikke');
    expect(res.text).toContain('Lenken «javascript:alert(3)» er ikke tillatt');
  });
});

describe('the front page, for the person signed in', () => {
  it('a server.reader starts with the lookup, and sees no drafts or review deadlines', async () => {
    const res = await server.reader.get('/').expect(200);
    expect(res.text).toContain('<h1 class="ds-heading" data-size="lg">Hvem har ansvaret?</h1>');
    expect(res.text).toMatch(/<form class="lookup-form" method="get" action="\/oppslag" role="search"/);
    expect(res.text).not.toContain('Utkast og revisjoner');
    expect(res.text).not.toContain('attention-item');
    // The lookup is the page's own: no second search box in the header.
    expect(res.text).not.toContain('id="sok-topp"');
  });

  it('an editor starts with the drafts and reviews of the agreements they may change', async () => {
    const res = await (await server.as('redaktor')).get('/').expect(200);
    expect(res.text).toContain('<h1 class="ds-heading" data-size="lg">Utkast og revisjoner</h1>');
    expect(res.text).toContain('href="/avtaler/fjordvik-ot-nav/rediger"');
    expect(res.text).toContain('href="/ny"');
    // An editor for another county sees none of Fjordvik's work.
    const other = await (await server.as('utenfor')).get('/').expect(200);
    expect(other.text).not.toContain('href="/avtaler/fjordvik-ot-nav/rediger"');
  });

  it('an approver starts with what waits for their party’s approval', async () => {
    const summaries = await server.gjerde.agreements.summaries();
    // The example draft, as if it were sent for approval.
    const waiting = summaries.map((summary) => {
      if (summary.id !== 'fjordvik-ot-nav') return summary;
      const { agreement } = summary.latest;
      const meta = { ...agreement.meta, status: 'til-godkjenning' as const };
      return { ...summary, latest: { ...summary.latest, agreement: { ...agreement, meta } } };
    });
    // The person as a request sees them: their party grants read against the agreements' parties.
    const directory = await server.gjerde.partyDirectory.read();
    const ola = withPartyDirectory(
      { ...personas.ola, roles: [...personas.ola.roles], parties: [...personas.ola.parties], counties: [] },
      directory,
    );
    const front = presentFront(waiting, ola, '2026-12-06');
    expect(front.heading).toBe('Venter på din godkjenning');
    expect(front.approvals?.items.map((item) => item.href)).toEqual(['/avtaler/fjordvik-ot-nav/godkjenn']);
    // Nothing waits for someone who approves for no party of it, and the page says so after the work.
    const una = withPartyDirectory(
      { ...personas.utenfor, roles: [...personas.utenfor.roles], parties: [...personas.utenfor.parties] },
      directory,
    );
    const other = presentFront(waiting, una, '2026-12-06');
    expect(other.approvals?.items).toEqual([]);
    expect(other.heading).toBe('Utkast og revisjoner');
  });

  it('an approved version that starts later says so, with «Kommer»', async () => {
    // As on 1 June 2016: nothing was in force yet, and the newest version is approved for later.
    const summaries = await server.gjerde.agreements.summaries('2016-06-01');
    const front = presentFront(summaries, undefined, '2016-06-01');
    const ramme = front.agreements.find((agreement) => agreement.id === 'fjordvik-ramme');
    expect(ramme?.inForce).toBeNull();
    expect(ramme?.upcoming).toBe('Godkjent – trer i kraft 1. august 2025');
  });
});

describe('the header', () => {
  it('offers the menu and search to the signed in, and only the name to someone signed out', async () => {
    const signedIn = await server.reader.get('/avtaler/fjordvik-ramme').expect(200);
    expect(signedIn.text).toContain('<nav aria-label="Hovedmeny"');
    expect(signedIn.text).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">');
    const signedOut = await request(server.app).get('/logg-inn').expect(200);
    expect(signedOut.text).not.toContain('<nav aria-label="Hovedmeny"');
    expect(signedOut.text).not.toContain('id="sok-topp"');
    await request(server.app).get('/assets/favicon.svg').expect(200).expect('content-type', /svg/);
  });

  it('names a person’s roles once, and not when the name says it already', async () => {
    const agent = await signedInAs(server.app, server.gjerde.accounts, {
      username: 'administrator',
      name: 'Administrator',
      email: 'admin@gjerde.example',
      roles: ['admin'],
    });
    const page = await agent.get('/avtaler/fjordvik-ramme').expect(200);
    expect(page.text).toContain('<span class="site-header__user">Administrator</span>');
    expect((await server.reader.get('/').expect(200)).text).toContain(
      '<span class="site-header__user">Lise Leser <span class="site-header__roles">Leser</span></span>',
    );
  });
});

describe('contact roles', () => {
  it('show «Finn kontaktperson →» where the agreement gives a link for the role, and only a web address', async () => {
    const { readFile } = await import('node:fs/promises');
    const markdown = await readFile(
      new URL('../fixtures/format/good/complete-example/input.md', import.meta.url),
      'utf8',
    );
    const { agreement } = parseAgreement(markdown);
    const html = agreementToHtml(markdown, agreement);
    expect(html).toContain(
      '<dd>Navngitt kontaktperson i OT for hvert NAV-kontor (Oppfølgingstjenesten (OT)) <a class="ds-link" href="https://intranett.fjordvik.example/ot/kontaktpersoner">Finn kontaktperson →</a></dd>',
    );
  });
});
