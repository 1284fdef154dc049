/**
 * The administrators' user page (`/admin/brukere`) and API (`/api/admin/users`) over real HTTP: only
 * administrators get in; adding shows the one-time password once; changes, resets and removals end the
 * affected person's sessions at once; the last administrator stays; forms carry the CSRF token and show
 * field errors with an error summary.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { testPassword } from '../helpers/accounts.js';
import { startTestGjerde, testGjerdeWithPeople } from '../helpers/gjerde.js';

// Every account made here is hashed with argon2id (64 MiB, three passes): seconds on a busy machine.
jest.setTimeout(120_000);

const test = testGjerdeWithPeople(['admin']);
const { admin } = test.people;

const newUser = {
  username: 'siri',
  name: 'Siri Saksbehandler',
  email: 'siri@nav.example',
  roles: ['redaktor', 'godkjenner'],
  parties: 'nav-fjordvik, nav-strandby',
  counties: 'Fjordvik',
};

/** The one-time password on the page that shows it. */
function passwordOnPage(html: string): string {
  const match = /<code id="engangspassord">([^<]+)<\/code>/.exec(html);
  if (!match?.[1]) throw new Error(`no one-time password on the page:\n${html}`);
  return match[1];
}

/** A new agent signed in with the given password through the API; reports whether it must change it. */
async function signIn(username: string, password: string) {
  const agent = request.agent(test.app);
  const response = await agent.post('/api/session').send({ username, password });
  if (response.status === 201) agent.set('x-csrf-token', (response.body as { csrfToken: string }).csrfToken);
  return {
    agent,
    status: response.status,
    mustChange: (response.body as { mustChangePassword?: boolean }).mustChangePassword,
  };
}

function accountsFile(): Promise<string> {
  return readFile(test.gjerde.accounts.path, 'utf8');
}

describe('who gets in', () => {
  it('sends an anonymous person to sign in, and the API answers 401', async () => {
    const page = await request(test.app).get('/admin/brukere').expect(303);
    expect(page.headers.location).toBe('/logg-inn?neste=%2Fadmin%2Fbrukere');
    await request(test.app).get('/api/admin/users').expect(401);
    await request(test.app).post('/api/admin/users').send(newUser).expect(401);
    await request(test.app).delete('/api/admin/users/admin').expect(401);
  });

  it('refuses everybody else with 403, and changes nothing', async () => {
    const before = await accountsFile();
    for (const persona of ['leser', 'redaktor', 'kari'] as const) {
      const agent = await test.as(persona);
      const after = await accountsFile();
      const attempts = [
        agent.get('/admin/brukere'),
        agent.get('/admin/brukere/admin'),
        agent.post('/admin/brukere').type('form').send(newUser),
        agent.post('/admin/brukere/admin').type('form').send({ name: 'X', email: 'x@y.no' }),
        agent.post('/admin/brukere/admin/nytt-passord').type('form').send({}),
        agent.post('/admin/brukere/admin/fjern').type('form').send({}),
        agent.get('/api/admin/users'),
        agent.post('/api/admin/users').send(newUser),
        agent.patch('/api/admin/users/admin').send({ roles: [] }),
        agent.post('/api/admin/users/admin/reset'),
        agent.delete('/api/admin/users/admin'),
      ];
      for (const attempt of attempts) {
        const response = await attempt;
        expect(response.status).toBe(403);
        expect(response.text).toContain('Du har ikke tilgang til dette');
      }
      // Signing the persona in added it; nothing the attempts did changed the file.
      expect(await accountsFile()).toBe(after);
    }
    expect(before.length).toBeGreaterThan(0);
  });

  it('shows the Brukere link to administrators only', async () => {
    expect((await admin.get('/').expect(200)).text).toContain('href="/admin/brukere"');
    const leser = await test.as('leser');
    expect((await leser.get('/').expect(200)).text).not.toContain('href="/admin/brukere"');
  });
});

describe('the user page', () => {
  it('lists the users with roles, scope and who must change the password, never a hash', async () => {
    await test.as('kari');
    await test.as('leser');
    await test.gjerde.accounts.add({ username: 'ny', name: 'Nina Ny', email: 'nina@nav.example', roles: [] });
    const page = await admin.get('/admin/brukere').expect(200);
    expect(page.text).toContain('<a class="ds-link" href="/admin/brukere/kari">kari</a>');
    expect(page.text).toContain('Redaktør, Godkjenner');
    expect(page.text).toContain('nav-fjordvik, nav-eksempelfylket, nav-strandby');
    expect(page.text).toMatch(/Lise Leser<\/td>\s*<td>lise@fjordvik\.example<\/td>\s*<td>Leser<\/td>/);
    expect(page.text).toMatch(/Nina Ny[\s\S]*?Må bytte passord/);
    expect(page.text).toMatch(/href="\/admin\/brukere\/admin">admin<\/a> <span class="muted">\(deg\)/);
    expect(page.text).not.toContain('argon2');
    // The form to add one, with its CSRF token and the parties the agreements name.
    expect(page.text).toMatch(
      /<form method="post" action="\/admin\/brukere#ny-bruker"[^>]*>\s*<input type="hidden" name="_csrf" value="[^"]+">/,
    );
    expect(page.text).toContain('<code>fjordvik-fk</code>');
  });

  it('adds a user and shows the one-time password once, not cached', async () => {
    const page = await admin.post('/admin/brukere').type('form').send(newUser).expect(201);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Brukeren er lagt til');
    expect(page.text).toContain('Gi det videre på en trygg måte');
    const password = passwordOnPage(page.text);
    expect(await accountsFile()).not.toContain(password);
    expect(await test.gjerde.accounts.get('siri')).toMatchObject({
      roles: ['redaktor', 'godkjenner'],
      parties: ['nav-fjordvik', 'nav-strandby'],
      counties: ['Fjordvik'],
      mustChangePassword: true,
    });
    // The list does not show it again.
    expect((await admin.get('/admin/brukere').expect(200)).text).not.toContain(password);

    const siri = await signIn('siri', password);
    expect(siri).toMatchObject({ status: 201, mustChange: true });
    const blocked = await siri.agent.get('/').expect(303);
    expect(blocked.headers.location).toBe('/konto/passord');
    await siri.agent.get('/api/agreements').expect(403);
  });

  it('shows each problem at its field, with an error summary, keeps what was typed and writes nothing', async () => {
    const before = await accountsFile();
    const page = await admin
      .post('/admin/brukere')
      .type('form')
      .send({
        username: 'Per Hansen',
        name: 'Per Hansen',
        email: 'per-at-nav',
        roles: 'redaktor',
        parties: 'NAV Fjordvik',
        counties: 'Fjordvik',
      })
      .expect(422);
    expect(page.text).toContain('class="ds-error-summary"');
    expect(page.text).toContain('Brukeren er ikke lagt til:');
    expect(page.text).toMatch(/<a class="ds-link" href="#username">Brukernavnet må ha 2–40 tegn/);
    expect(page.text).toMatch(/<a class="ds-link" href="#email">Skriv en gyldig e-postadresse/);
    expect(page.text).toMatch(/<a class="ds-link" href="#parties">Parter skrives som id-er/);
    expect(page.text).toMatch(/id="username"[^>]*aria-invalid="true"/);
    expect(page.text).toContain('<p class="ds-validation-message" id="email-feil">');
    expect(page.text).toMatch(/id="name" name="name" value="Per Hansen"/);
    expect(page.text).toMatch(/id="roles-redaktor" name="roles" value="redaktor"[^>]* checked/);
    expect(page.text).not.toMatch(/id="roles-admin" name="roles" value="admin"[^>]* checked/);
    expect(await accountsFile()).toBe(before);

    const taken = await admin
      .post('/admin/brukere')
      .type('form')
      .send({ ...newUser, name: 'Siri Kopi' })
      .expect(409);
    expect(taken.text).toMatch(/<a class="ds-link" href="#username">Brukernavnet «siri» er tatt\.<\/a>/);
    expect(await accountsFile()).toBe(before);
  });

  it('refuses a form without the CSRF token', async () => {
    const before = await accountsFile();
    const agent = request.agent(test.app);
    await agent.post('/api/session').send({ username: 'admin', password: testPassword }).expect(201);
    await agent
      .post('/admin/brukere')
      .type('form')
      .send({ ...newUser, username: 'uten-token' })
      .expect(403);
    await agent.post('/admin/brukere/kari/fjern').type('form').send({}).expect(403);
    expect(await accountsFile()).toBe(before);
  });

  it('changes roles and scope; the person is signed out at once and has the new rights after', async () => {
    const kari = await test.as('kari');
    await kari.get('/api/session').expect(200);
    const form = await admin.get('/admin/brukere/kari').expect(200);
    expect(form.text).toMatch(/id="roles-godkjenner" name="roles" value="godkjenner"[^>]* checked/);
    expect(form.text).toContain('value="nav-fjordvik, nav-eksempelfylket, nav-strandby"');
    const saved = await admin
      .post('/admin/brukere/kari')
      .type('form')
      .send({
        name: 'Kari Nordmann',
        email: 'kari@nav.example',
        roles: 'godkjenner',
        parties: 'nav-fjordvik',
        counties: '',
      })
      .expect(303);
    expect(saved.headers.location).toBe('/admin/brukere?endret=kari');
    expect((await admin.get(saved.headers.location as string).expect(200)).text).toContain(
      'Endringene for «kari» er lagret.',
    );
    await kari.get('/api/session').expect(401);
    const again = await signIn('kari', testPassword);
    expect((await again.agent.get('/api/session').expect(200)).body.user).toMatchObject({
      roles: ['godkjenner'],
      parties: ['nav-fjordvik'],
      counties: [],
    });
  });

  it('shows problems with a change at the fields, and keeps the account as it was', async () => {
    const before = await test.gjerde.accounts.get('kari');
    const page = await admin
      .post('/admin/brukere/kari')
      .type('form')
      .send({ name: '', email: 'kari@nav.example', roles: 'godkjenner', counties: 'Fjordvik; Strandby' })
      .expect(422);
    expect(page.text).toContain('Endringene er ikke lagret:');
    expect(page.text).toMatch(/href="#name">/);
    expect(page.text).toMatch(/href="#counties">Fylker skrives med navn/);
    expect(page.text).toContain('value="Fjordvik; Strandby"');
    expect(await test.gjerde.accounts.get('kari')).toEqual(before);
  });

  it('resets a password: the new one-time password is shown once, the old password and sessions end', async () => {
    const leser = await test.as('leser');
    const page = await admin.post('/admin/brukere/leser/nytt-passord').type('form').send({}).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Det gamle passordet virker ikke lenger');
    const password = passwordOnPage(page.text);
    await leser.get('/api/session').expect(401);
    expect((await signIn('leser', testPassword)).status).toBe(401);
    expect(await signIn('leser', password)).toMatchObject({ status: 201, mustChange: true });
  });

  it('removes a user after a confirmation; the person is signed out at once', async () => {
    const redaktor = await test.as('redaktor');
    const confirm = await admin.get('/admin/brukere/redaktor/fjern').expect(200);
    expect(confirm.text).toContain('Fjerne Rita Redaktør?');
    expect(confirm.text).toMatch(
      /<form method="post" action="\/admin\/brukere\/redaktor\/fjern">\s*<input type="hidden" name="_csrf"/,
    );
    // Nothing is removed by looking at the confirmation.
    expect(await test.gjerde.accounts.get('redaktor')).toBeDefined();
    const removed = await admin.post('/admin/brukere/redaktor/fjern').type('form').send({}).expect(303);
    expect(removed.headers.location).toBe('/admin/brukere?fjernet=redaktor');
    expect((await admin.get('/admin/brukere?fjernet=redaktor').expect(200)).text).toContain(
      'Brukeren «redaktor» er fjernet.',
    );
    expect(await test.gjerde.accounts.get('redaktor')).toBeUndefined();
    await redaktor.get('/api/session').expect(401);
    expect((await signIn('redaktor', testPassword)).status).toBe(401);
  });

  it('keeps the last administrator, and says why', async () => {
    const page = await admin.post('/admin/brukere/admin/fjern').type('form').send({}).expect(409);
    expect(page.text).toContain('Gjerde må ha minst én administrator.');
    const demotion = await admin
      .post('/admin/brukere/admin')
      .type('form')
      .send({ name: 'Adam Admin', email: 'admin@fjordvik.example', roles: 'redaktor' })
      .expect(409);
    expect(demotion.text).toMatch(/href="#roles">Gjerde må ha minst én administrator\./);
    expect((await test.gjerde.accounts.get('admin'))?.roles).toEqual(['admin']);
  });

  it('lets administrators change their own account and stay signed in', async () => {
    await admin
      .post('/admin/brukere/admin')
      .type('form')
      .send({
        name: 'Adam Admin',
        email: 'admin@fjordvik.example',
        roles: ['admin', 'redaktor'],
        counties: '*',
      })
      .expect(303);
    const me = await admin.get('/api/session').expect(200);
    expect(me.body.user).toMatchObject({ roles: ['redaktor', 'admin'], counties: ['*'] });
    await admin.get('/admin/brukere').expect(200);
  });

  it('answers 404 for a user that does not exist', async () => {
    await admin.get('/admin/brukere/ingen').expect(404);
    await admin.get('/admin/brukere/ingen/fjern').expect(404);
    await admin.post('/admin/brukere/ingen/nytt-passord').type('form').send({}).expect(404);
  });
});

describe('the API', () => {
  it('lists users without hashes or session details', async () => {
    const { body } = await admin.get('/api/admin/users').expect(200);
    const users = (body as { users: Record<string, unknown>[] }).users;
    expect(users.find((user) => user.username === 'admin')).toEqual({
      username: 'admin',
      name: 'Adam Admin',
      email: 'admin@fjordvik.example',
      roles: ['redaktor', 'admin'],
      roleNames: ['Redaktør', 'Administrator'],
      parties: [],
      counties: ['*'],
      mustChangePassword: false,
      created: expect.any(String),
      updated: expect.any(String),
    });
    expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash|sessionEpoch/);
  });

  it('adds a user: 201 with the one-time password, which works once for signing in', async () => {
    const response = await admin
      .post('/api/admin/users')
      .send({
        username: 'tor',
        name: 'Tor Tester',
        email: 'tor@nav.example',
        roles: ['godkjenner'],
        parties: ['nav-fjordvik'],
      })
      .expect(201);
    expect(response.headers.location).toBe('/api/admin/users/tor');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.user).toMatchObject({
      username: 'tor',
      roles: ['godkjenner'],
      roleNames: ['Godkjenner'],
      mustChangePassword: true,
    });
    expect(await signIn('tor', response.body.oneTimePassword as string)).toMatchObject({
      status: 201,
      mustChange: true,
    });
    expect((await admin.get('/api/admin/users/tor').expect(200)).body.user.username).toBe('tor');
  });

  it('refuses invalid input with the fields named', async () => {
    const response = await admin
      .post('/api/admin/users')
      .send({ username: 'x', name: 'Tor', email: 'tor', roles: ['sjef'] })
      .expect(400);
    expect(response.body.error).toBe('Brukeren er ikke fylt ut riktig.');
    expect((response.body.problems as { variable: string }[]).map((problem) => problem.variable)).toEqual([
      'username',
      'email',
      'roles',
    ]);
    await admin
      .post('/api/admin/users')
      .send({ username: 'tor', name: 'Tor To', email: 'to@nav.example' })
      .expect(409);
  });

  it('changes only the fields given, and ends the person’s sessions', async () => {
    const tor = await signIn(
      'tor',
      (await admin.post('/api/admin/users/tor/reset').expect(200)).body.oneTimePassword as string,
    );
    const response = await admin
      .patch('/api/admin/users/tor')
      .send({ counties: ['Strandby'] })
      .expect(200);
    expect(response.body.user).toMatchObject({
      roles: ['godkjenner'],
      parties: ['nav-fjordvik'],
      counties: ['Strandby'],
    });
    await tor.agent.get('/api/session').expect(401);
  });

  it('refuses fields it does not know, as the documentation says, and writes nothing', async () => {
    const before = await accountsFile();
    const added = await admin
      .post('/api/admin/users')
      .send({
        username: 'ukjent',
        name: 'Ulf Ukjent',
        email: 'ulf@nav.example',
        roles: [],
        superbruker: true,
      })
      .expect(400);
    expect(added.body.error).toBe('Ukjente felt: «superbruker».');
    const changed = await admin.patch('/api/admin/users/tor').send({ rolle: 'admin' }).expect(400);
    expect(changed.body.problems).toEqual([
      { variable: 'rolle', message: 'Ukjent felt. Kjente felt: name, email, roles, parties, counties.' },
    ]);
    // The user name is the address of the account, not something a change sets.
    await admin.patch('/api/admin/users/tor').send({ username: 'admin' }).expect(400);
    expect(await accountsFile()).toBe(before);
  });

  it('refuses a name or an e-mail address another user has, whatever the case and spacing', async () => {
    const before = await accountsFile();
    const sameName = await admin
      .post('/api/admin/users')
      .send({ username: 'tor2', name: 'TOR   tester', email: 'tor2@nav.example', roles: [] })
      .expect(409);
    expect(sameName.body.problems).toEqual([
      { variable: 'name', message: expect.stringContaining('«tor» har allerede navnet «Tor Tester»') },
    ]);
    const sameEmail = await admin
      .post('/api/admin/users')
      .send({ username: 'tor2', name: 'Tor Andre', email: 'Tor@NAV.example', roles: [] })
      .expect(409);
    expect(sameEmail.body.problems).toEqual([
      { variable: 'email', message: expect.stringContaining('tor@nav.example') },
    ]);
    await admin.patch('/api/admin/users/tor').send({ name: 'adam admin' }).expect(409);
    expect(await accountsFile()).toBe(before);
    // Keeping one's own name in a change is no conflict.
    await admin
      .patch('/api/admin/users/tor')
      .send({ name: 'Tor Tester', email: 'TOR@nav.example' })
      .expect(200);
  });

  it('resets a password and removes a user; unknown users are 404, the last administrator 409', async () => {
    const reset = await admin.post('/api/admin/users/tor/reset').expect(200);
    expect(reset.headers['cache-control']).toBe('no-store');
    expect(await signIn('tor', reset.body.oneTimePassword as string)).toMatchObject({ status: 201 });
    await admin.delete('/api/admin/users/tor').expect(204);
    await admin.get('/api/admin/users/tor').expect(404);
    await admin.delete('/api/admin/users/tor').expect(404);
    await admin.post('/api/admin/users/tor/reset').expect(404);
    await admin.patch('/api/admin/users/tor').send({ roles: [] }).expect(404);
    const last = await admin.delete('/api/admin/users/admin').expect(409);
    expect(last.body.error).toBe('Gjerde må ha minst én administrator.');
  });
});

describe('on a read-only replica', () => {
  it('administrators still manage the replica’s own accounts, while agreements stay unchangeable', async () => {
    const replica = await startTestGjerde({ env: { GJERDE_READONLY: '1' } });
    try {
      const replicaAdmin = await replica.as('admin');
      const added = await replicaAdmin.post('/api/admin/users').send({ ...newUser, username: 'rolf' });
      expect(added.status).toBe(201);
      expect((await replica.gjerde.accounts.get('rolf'))?.name).toBe(newUser.name);
      const editor = await replica.as('kari');
      const latest = await replica.gjerde.agreements.get('fjordvik-ramme');
      const edit = await editor
        .put('/api/agreements/fjordvik-ramme')
        .send({ markdown: latest.markdown, baseRev: latest.revision.rev, reason: 'Lesekopi' });
      expect(edit.status).toBe(403);
      expect(edit.body.error).toContain('lesekopi');
    } finally {
      await replica.stop();
    }
  });
});

describe('the settings page', () => {
  it('shows administrators the settings in effect and where to change them, never a secret', async () => {
    const secret = 'en-hemmelighet-som-ikke-skal-vises';
    const configured = await startTestGjerde({
      env: {
        GJERDE_ANONYMOUS_READ: '1',
        GJERDE_WEBHOOK_SECRET: secret,
        GJERDE_REMOTE: 'https://gjerde:passord123@git.example/fylke/avtaler.git',
        GJERDE_SYNC_INTERVAL: '0',
      },
    });
    try {
      const page = await (await configured.as('admin')).get('/admin/innstillinger').expect(200);
      expect(page.text).toContain('på: alle som når tjenesten, kan lese og slå opp');
      expect(page.text).toContain('GJERDE_ANONYMOUS_READ');
      expect(page.text).toContain('https://git.example/fylke/avtaler.git');
      expect(page.text).not.toContain('passord123');
      expect(page.text).not.toContain(secret);
      expect(page.headers['cache-control']).toBe('no-store');
      await (await configured.as('redaktor')).get('/admin/innstillinger').expect(403);
    } finally {
      await configured.stop();
    }
  });
});

/** «Godkjennere for hver part» on the user list. */
function approversSection(html: string): string {
  const start = html.indexOf('id="godkjennere-tittel"');
  return html.slice(start, html.indexOf('</section>', start));
}

describe('approvers for each party (four eyes)', () => {
  it('names the parties with no approver or only one, until each has two', async () => {
    const fresh = await startTestGjerde();
    try {
      const freshAdmin = await fresh.as('admin');
      const warning = (html: string, party: string) =>
        new RegExp(`<li><code>${party}</code> – [^<]*: ([^<]*)\\.</li>`).exec(approversSection(html))?.[1];
      const first = await freshAdmin.get('/admin/brukere').expect(200);
      expect(first.text).toContain(
        'Den som har skrevet eller endret teksten, kan ikke godkjenne den selv (fire øyne).',
      );
      expect(warning(first.text, 'nav-fjordvik')).toBe('ingen kan godkjenne for denne parten ennå');
      // A fresh start's example parties are grouped by county, each county closed: a few lines, not thirteen.
      const section = approversSection(first.text);
      expect(section).toContain('Alle er parter i eksempelavtalene');
      expect(section).toMatch(
        /<details class="approver-county">\s*<summary>Dalheim: (?:1 part|\d+ parter) \(bare i eksempelavtaler\)<\/summary>\s*<ul class="ds-list">[\s\S]*?<li><code>dalheim-fk<\/code> – [^<(]*: ingen kan godkjenne for denne parten ennå\.<\/li>/,
      );
      expect(section).not.toMatch(/<details class="approver-county" open>/);
      expect((section.match(/<summary>/g) ?? []).length).toBeLessThan(
        (section.match(/<li><code>/g) ?? []).length,
      );

      await fresh.as('nina');
      const one = await freshAdmin.get('/admin/brukere').expect(200);
      expect(warning(one.text, 'nav-fjordvik')).toBe(
        'bare Nina Holm kan godkjenne, så det Nina Holm selv skriver eller endrer, kan ingen godkjenne for parten',
      );

      await fresh.as('kari');
      const two = await freshAdmin.get('/admin/brukere').expect(200);
      expect(warning(two.text, 'nav-fjordvik')).toBeUndefined();
      expect(warning(two.text, 'fjordvik-fk')).toBe('ingen kan godkjenne for denne parten ennå');
    } finally {
      await fresh.stop();
    }
  });

  it('asks only for one approver a party when a person may approve their own text', async () => {
    const selfApproving = await startTestGjerde({ env: { GJERDE_SELF_APPROVAL: '1' } });
    try {
      const freshAdmin = await selfApproving.as('admin');
      await selfApproving.as('nina');
      const page = await freshAdmin.get('/admin/brukere').expect(200);
      const section = approversSection(page.text);
      expect(section).toContain('en godkjenner kan også godkjenne tekst hen har skrevet selv');
      expect(section).not.toContain('<li><code>nav-fjordvik</code>');
      expect(section).toMatch(/<li><code>fjordvik-fk<\/code> – [^<]*: ingen kan godkjenne/);
    } finally {
      await selfApproving.stop();
    }
  });
});

describe('the parties and counties the agreements name', () => {
  it('shows an id that names different parties per county, as the grant to give in each county', async () => {
    const page = await admin.get('/admin/brukere').expect(200);
    const details = page.text.slice(page.text.indexOf('<summary>Parter og fylker i avtalene</summary>'));
    expect(details).toContain(
      '<li><code>Dalheim/ot</code> – Oppfølgingstenesta (OT) i Dalheim (Dalheim)</li>',
    );
    expect(details).toMatch(
      /<li><code>Fjordvik\/ot<\/code> – [^<]*Oppfølgingstjenesten \(OT\) i Fjordvik[^<]*\(Fjordvik\)<\/li>/,
    );
    expect(details).toMatch(
      /<li><code>nav-fjordvik<\/code> – brukt i 2 fylker: [^<]*\. Den som får denne parten, kan endre avtalene med den i alle disse fylkene\.<\/li>/,
    );
    expect(details).toContain('<li><code>nav-strandby</code> – NAV Strandby (Fjordvik)</li>');
  });

  it('lists a grant of such a party that gives nothing, and lets an administrator choose its county on the form', async () => {
    await test.gjerde.accounts.add({
      username: 'dalheim-ot',
      name: 'Dag Dalheim',
      email: 'dag@dalheim.example',
      roles: ['godkjenner'],
      parties: ['ot'],
    });
    // Until then the grant gives nothing, and the user list says so, with the choice.
    const before = await admin.get('/admin/brukere').expect(200);
    expect(before.text).toContain('Tilganger som ikke gir noe');
    expect(before.text).toMatch(
      /<li><a class="ds-link" href="\/admin\/brukere\/dalheim-ot">Dag Dalheim<\/a>: «ot» er en annen part i hvert av fylkene [^<]*Velg fylket: [^<]*Dalheim\/ot/,
    );
    const form = await admin.get('/admin/brukere/dalheim-ot').expect(200);
    expect(form.text).toMatch(/<legend class="ds-label">Parten <code>ot<\/code> i fylket<\/legend>/);
    expect(form.text).toMatch(/name="parties" value="Dalheim\/ot">/);
    await admin
      .post('/admin/brukere/dalheim-ot')
      .type('form')
      .send(
        'name=Dag+Dalheim&email=dag%40dalheim.example&roles=godkjenner&parties=nav-fjordvik&parties=Dalheim%2Fot',
      )
      .expect(303);
    expect((await test.gjerde.accounts.get('dalheim-ot'))?.parties).toEqual(['nav-fjordvik', 'Dalheim/ot']);
    const again = await admin.get('/admin/brukere/dalheim-ot').expect(200);
    expect(again.text).toMatch(/id="parties" name="parties" value="nav-fjordvik"/);
    expect(again.text).toMatch(/name="parties" value="Dalheim\/ot" checked>/);
    const after = await admin.get('/admin/brukere').expect(200);
    expect(after.text).not.toContain('Tilganger som ikke gir noe');
  });
});
