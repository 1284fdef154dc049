/**
 * Local accounts (src/accounts): adding, changing, resetting and removing, the session epoch that ends
 * old sessions, the last administrator, refused input, and the account file shared by several
 * processes (the service and `gjerde users`).
 */
import { readFile, stat } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type AccountInput, Accounts } from '../../src/accounts/accounts.js';
import { GjerdeError } from '../../src/domain/errors.js';
import { personalDataMessage } from '../../src/domain/personal-data.js';
import { nationalIdNumber, tempAccountsFile } from './helpers.js';

const kari: AccountInput = {
  username: 'kari',
  name: 'Kari Nordmann',
  email: 'kari@nav.example',
  roles: ['redaktor', 'godkjenner'],
  parties: ['nav-fjordvik'],
  counties: ['Fjordvik'],
};
const admin: AccountInput = {
  username: 'anne',
  name: 'Anne Admin',
  email: 'anne@nav.example',
  roles: ['admin'],
};

let file: Awaited<ReturnType<typeof tempAccountsFile>>;
let accounts: Accounts;

beforeEach(async () => {
  file = await tempAccountsFile();
  accounts = new Accounts(file.path);
});
afterEach(async () => {
  await file.remove();
});

/** The error a promise rejects with, so that its code and field problems can be checked. */
async function failure(promise: Promise<unknown>): Promise<GjerdeError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof GjerdeError)) throw new Error(`expected a GjerdeError, got ${String(error)}`);
  return error;
}

async function epochOf(username: string): Promise<number> {
  const account = await accounts.get(username);
  if (!account) throw new Error(`${username} is gone`);
  return account.sessionEpoch;
}

describe('adding and listing', () => {
  it('adds an account with a one-time password that is returned once and stored only as a hash', async () => {
    const password = await accounts.add(kari);
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await accounts.list()).toEqual([
      expect.objectContaining({
        username: 'kari',
        name: 'Kari Nordmann',
        email: 'kari@nav.example',
        roles: ['redaktor', 'godkjenner'],
        parties: ['nav-fjordvik'],
        counties: ['Fjordvik'],
        mustChangePassword: true,
        hasPassword: true,
      }),
    ]);
    expect(JSON.stringify(await accounts.list())).not.toContain('argon2');
    const stored = await readFile(file.path, 'utf8');
    expect(stored).not.toContain(password);
    expect(stored).toContain('$argon2id$');
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
  });

  it('signs in with the one-time password, which must then be changed', async () => {
    const password = await accounts.add(kari);
    const signIn = await accounts.signIn('kari', password);
    expect(signIn).toMatchObject({ ok: true, mustChangePassword: true, principal: { username: 'kari' } });
    const epoch = await accounts.changePassword('kari', password, 'et nytt og langt passord');
    expect(epoch).toBe(2);
    expect(await accounts.signIn('kari', password)).toEqual({ ok: false });
    expect(await accounts.signIn('kari', 'et nytt og langt passord')).toMatchObject({
      ok: true,
      mustChangePassword: false,
    });
  });

  it('refuses a user name that is taken, and keeps the first account', async () => {
    const first = await accounts.add(kari);
    const error = await failure(accounts.add({ ...kari, name: 'Kari Kopi' }));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Brukernavnet «kari» er tatt.');
    expect((await accounts.list()).map((account) => account.name)).toEqual(['Kari Nordmann']);
    expect((await accounts.signIn('kari', first)).ok).toBe(true);
  });

  it('trims fields and drops repeated roles, parties and empty entries', async () => {
    await accounts.add({
      username: ' kari ',
      name: '  Kari Nordmann ',
      email: ' kari@nav.example ',
      roles: ['redaktor', 'redaktor'],
      parties: [' nav-fjordvik', 'nav-fjordvik', ''],
      counties: ['Fjordvik ', ''],
    });
    expect(await accounts.get('kari')).toMatchObject({
      name: 'Kari Nordmann',
      email: 'kari@nav.example',
      roles: ['redaktor'],
      parties: ['nav-fjordvik'],
      counties: ['Fjordvik'],
    });
  });
});

describe('refused input', () => {
  it('names every field that is wrong, and writes nothing', async () => {
    const error = await failure(
      accounts.add({
        username: 'Kari Nordmann',
        name: 'K',
        email: 'kari-at-nav',
        roles: ['sjef' as never],
        parties: ['NAV Fjordvik'],
        counties: ['<script>'],
      }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.details.problems?.map((problem) => problem.variable)).toEqual([
      'username',
      'name',
      'email',
      'roles',
      'parties',
      'counties',
    ]);
    expect(error.details.problems?.[0]?.message).toMatch(/små bokstaver/);
    await expect(stat(file.path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a fødselsnummer in the name', async () => {
    const error = await failure(accounts.add({ ...kari, name: `Kari ${nationalIdNumber()}` }));
    expect(error.details.problems).toEqual([{ variable: 'name', message: personalDataMessage }]);
    expect(await accounts.list()).toEqual([]);
  });

  it.each([
    ['the e-mail address', (n: string) => ({ email: `${n}@nav.example` })],
    [
      'the e-mail address, with dots',
      (n: string) => ({ email: `${n.slice(0, 2)}.${n.slice(2, 4)}.${n.slice(4)}@nav.example` }),
    ],
    [
      'the name, with a non-breaking space',
      (n: string) => ({ name: `Kari ${n.slice(0, 6)}\u00a0${n.slice(6)}` }),
    ],
    ['the user name', (n: string) => ({ username: n })],
    ['a party', (n: string) => ({ parties: [`nav-${n}`] })],
  ])('refuses a fødselsnummer in %s', async (_field, change) => {
    const given = change(nationalIdNumber());
    const error = await failure(accounts.add({ ...kari, ...given }));
    expect(error.details.problems).toEqual([
      { variable: Object.keys(given)[0], message: personalDataMessage },
    ]);
    expect(await accounts.list()).toEqual([]);
  });

  it('refuses a name or an e-mail address another user has, whatever the case, spacing or Unicode form', async () => {
    await accounts.add(kari);
    const sameName = await failure(accounts.add({ ...admin, name: 'KARI  NORDMANN'.normalize('NFD') }));
    expect(sameName.code).toBe('conflict');
    expect(sameName.details.problems?.map((problem) => problem.variable)).toEqual(['name']);
    const sameEmail = await failure(accounts.add({ ...admin, email: 'Kari@NAV.example' }));
    expect(sameEmail.details.problems?.map((problem) => problem.variable)).toEqual(['email']);
    expect((await accounts.list()).map((account) => account.username)).toEqual(['kari']);
  });

  it('refuses right-to-left overrides and zero-width characters in a name', async () => {
    const error = await failure(accounts.add({ ...kari, name: 'Kari \u202eNordmann' }));
    expect(error.details.problems?.[0]?.message).toMatch(/^Navnet inneholder et usynlig tegn \(U\+202E/);
    const joined = await failure(accounts.add({ ...kari, name: 'Kari\u200b Nordmann' }));
    expect(joined.details.problems?.[0]?.message).toMatch(/U\+200B, med null bredde/);
  });

  it('refuses a changed account with wrong fields, and keeps it as it was', async () => {
    await accounts.add(kari);
    const before = await accounts.get('kari');
    const error = await failure(accounts.update('kari', { ...kari, email: 'ikke en adresse' }));
    expect(error.details.problems?.map((problem) => problem.variable)).toEqual(['email']);
    expect(await accounts.get('kari')).toEqual(before);
  });

  it('answers not-found for an unknown user', async () => {
    await accounts.add(admin);
    for (const attempt of [
      accounts.update('ingen', kari),
      accounts.remove('ingen'),
      accounts.resetPassword('ingen'),
    ]) {
      const error = await failure(attempt);
      expect(error.code).toBe('not-found');
      expect(error.message).toBe('Finner ingen bruker «ingen».');
    }
  });
});

describe('changes end the sessions from before (session epoch)', () => {
  it('a session is valid for its epoch only', async () => {
    await accounts.add(kari);
    expect(await accounts.principalFor('kari', 1)).toMatchObject({ username: 'kari', roles: kari.roles });
    expect(await accounts.principalFor('kari', 2)).toBeUndefined();
    expect(await accounts.principalFor('ingen', 1)).toBeUndefined();
  });

  it('update changes roles and scope, keeps the password and ends the sessions', async () => {
    const password = await accounts.add(kari);
    await accounts.update('kari', { ...kari, roles: [], parties: [], counties: ['Strandby'] });
    expect(await accounts.get('kari')).toMatchObject({ roles: [], parties: [], counties: ['Strandby'] });
    expect(await epochOf('kari')).toBe(2);
    expect(await accounts.principalFor('kari', 1)).toBeUndefined();
    expect(await accounts.principalFor('kari', 2)).toMatchObject({ roles: [], counties: ['Strandby'] });
    expect((await accounts.signIn('kari', password)).ok).toBe(true);
  });

  it('reset gives a new one-time password; the old one stops working and the sessions end', async () => {
    const first = await accounts.add(kari);
    await accounts.changePassword('kari', first, 'et nytt og langt passord');
    const epoch = await epochOf('kari');
    const reset = await accounts.resetPassword('kari');
    expect(reset).not.toBe(first);
    expect(await epochOf('kari')).toBe(epoch + 1);
    expect(await accounts.signIn('kari', 'et nytt og langt passord')).toEqual({ ok: false });
    expect(await accounts.signIn('kari', reset)).toMatchObject({ ok: true, mustChangePassword: true });
    expect((await accounts.get('kari'))?.mustChangePassword).toBe(true);
  });

  it('remove deletes the account: no sign-in, no session', async () => {
    const password = await accounts.add(kari);
    await accounts.remove('kari');
    expect(await accounts.get('kari')).toBeUndefined();
    expect(await accounts.principalFor('kari', 1)).toBeUndefined();
    expect(await accounts.signIn('kari', password)).toEqual({ ok: false });
  });
});

describe('the last administrator', () => {
  it('cannot be removed or lose the role', async () => {
    await accounts.add(admin);
    await accounts.add(kari);
    const removal = await failure(accounts.remove('anne'));
    expect(removal.code).toBe('conflict');
    expect(removal.message).toBe('Gjerde må ha minst én administrator.');
    const demotion = await failure(accounts.update('anne', { ...admin, roles: ['redaktor'] }));
    expect(demotion.code).toBe('conflict');
    expect(await accounts.get('anne')).toMatchObject({ roles: ['admin'], sessionEpoch: 1 });
  });

  it('may go when another administrator stays', async () => {
    await accounts.add(admin);
    await accounts.add({ ...kari, roles: ['admin'] });
    await accounts.update('anne', { ...admin, roles: ['redaktor'] });
    expect((await accounts.get('anne'))?.roles).toEqual(['redaktor']);
    await accounts.add({ ...admin, username: 'bjorn', name: 'Bjørn Admin', email: 'bjorn@nav.example' });
    await accounts.remove('kari');
    expect((await accounts.list()).map((account) => account.username)).toEqual(['anne', 'bjorn']);
  });

  it('is made on the first start only, with a random one-time password', async () => {
    const first = await accounts.createFirstAdmin();
    expect(first?.username).toBe('admin');
    expect(first?.password).toMatch(/^[A-Za-z0-9]{20}$/);
    for (const guess of ['admin', 'password', '', first?.username])
      expect((await accounts.signIn('admin', guess)).ok).toBe(false);
    expect(await accounts.createFirstAdmin()).toBeUndefined();
    expect((await accounts.list()).map((account) => account.username)).toEqual(['admin']);
  });
});
