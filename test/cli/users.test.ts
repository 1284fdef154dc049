/**
 * `gjerde users`: the local accounts from the command line, on the accounts file (a data repository is
 * never made; one that exists is read to check party grants). One-time passwords are printed once; hashes never.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { Accounts } from '../../src/accounts/accounts.js';
import { projectRoot } from '../../src/config.js';
import { tempDirForFile } from '../helpers/temp-dirs.js';

// Each run starts Node, tsx and the CLI, which takes seconds on a busy machine; some tests run several.
jest.setTimeout(120_000);

const root = tempDirForFile('gjerde-users-');
// The default: accounts.json beside the data repository.
const accountsFile = join(root, 'accounts.json');

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the CLI (as a process of its own: commands may run at the same time). */
function gjerdeWith(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin/gjerde.js'), ...args], {
      env: { ...process.env, GJERDE_DATA: join(root, 'store'), LOG_LEVEL: 'silent', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

const gjerde = (...args: string[]) => gjerdeWith({}, ...args);

/** The one-time password in the CLI's output (the line «Engangspassord: …»). */
function oneTimePasswordIn(out: string): string {
  const match = /^Engangspassord: (\S+)$/m.exec(out);
  if (!match?.[1]) throw new Error(`no one-time password in:\n${out}`);
  return match[1];
}

function accounts() {
  return new Accounts(accountsFile);
}

describe('gjerde users', () => {
  it('explains its commands in Norwegian', async () => {
    const help = await gjerde('users', '--help');
    expect(help.code).toBe(0);
    for (const command of ['add', 'list', 'remove', 'reset']) expect(help.out).toContain(command);
    const add = await gjerde('users', 'add', '--help');
    expect(add.out).toContain('--rolle <rolle>');
    expect(add.out).toContain('engangspassord');
  });

  it('says so when there are no users yet', async () => {
    const list = await gjerde('users', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toContain('Ingen brukere ennå');
  });

  it('adds a user with roles and scope, and prints a one-time password once', async () => {
    const { code, out, err } = await gjerde(
      'users',
      'add',
      'kari',
      '--navn',
      'Kari Nordmann',
      '--epost',
      'kari@nav.example',
      '--rolle',
      'redaktor',
      '--rolle',
      'godkjenner',
      '--part',
      'nav-fjordvik',
      '--part',
      'Dalheim/ot',
      '--fylke',
      'Fjordvik',
    );
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('Brukeren «kari» er lagt til.');
    expect(out).toContain('Gi det videre på en trygg måte');
    const password = oneTimePasswordIn(out);
    expect(out.split(password).length).toBe(2);
    expect(await accounts().get('kari')).toMatchObject({
      name: 'Kari Nordmann',
      roles: ['redaktor', 'godkjenner'],
      parties: ['nav-fjordvik', 'Dalheim/ot'],
      counties: ['Fjordvik'],
      mustChangePassword: true,
    });
    expect(await accounts().signIn('kari', password)).toMatchObject({ ok: true, mustChangePassword: true });
    // Only the accounts file: no data repository is made for this.
    expect(existsSync(join(root, 'store'))).toBe(false);
  });

  it('lists the users as a table, readers as «Leser», and who must change the password', async () => {
    expect(
      (await gjerde('users', 'add', 'lise', '--navn', 'Lise Leser', '--epost', 'lise@fjordvik.example')).code,
    ).toBe(0);
    const { code, out } = await gjerde('users', 'list');
    expect(code).toBe(0);
    const [header, ...rows] = out.trimEnd().split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'BRUKERNAVN',
      'NAVN',
      'E-POST',
      'ROLLER',
      'PARTER',
      'FYLKER',
      'PASSORD',
    ]);
    expect(rows.map((row) => row.split(/\s{2,}/))).toEqual([
      [
        'kari',
        'Kari Nordmann',
        'kari@nav.example',
        'Redaktør, Godkjenner',
        'nav-fjordvik, Dalheim/ot',
        'Fjordvik',
        'må bytte passord',
      ],
      ['lise', 'Lise Leser', 'lise@fjordvik.example', 'Leser', 'må bytte passord'],
    ]);
    expect(out).not.toContain('argon2');
  });

  it('changes roles and scope with update, keeping what is not given', async () => {
    const { code, out } = await gjerde(
      'users',
      'update',
      'lise',
      '--rolle',
      'redaktor',
      '--fylke',
      'Fjordvik,Strandby',
    );
    expect(code).toBe(0);
    expect(out).toContain('Brukeren «lise» er endret.');
    expect(await accounts().get('lise')).toMatchObject({
      name: 'Lise Leser',
      roles: ['redaktor'],
      counties: ['Fjordvik', 'Strandby'],
    });
    expect((await gjerde('users', 'update', 'lise', '--rolle', '')).code).toBe(0);
    expect((await accounts().get('lise'))?.roles).toEqual([]);
  });

  it('resets a password: prints a new one-time password, and the old one stops working', async () => {
    const before = await accounts().get('kari');
    const { code, out } = await gjerde('users', 'reset', 'kari');
    expect(code).toBe(0);
    expect(out).toContain('Nytt engangspassord for «kari».');
    const password = oneTimePasswordIn(out);
    expect(await accounts().signIn('kari', password)).toMatchObject({ ok: true, mustChangePassword: true });
    expect((await accounts().get('kari'))?.sessionEpoch).toBe((before?.sessionEpoch ?? 0) + 1);
    expect(await readFile(accountsFile, 'utf8')).not.toContain(password);
  });

  it('refuses wrong input with the options named, in Norwegian, exit code 1 and nothing written', async () => {
    const before = await readFile(accountsFile, 'utf8');
    const [bad, taken, missing, ...unknown] = await Promise.all([
      gjerde(
        ...['users', 'add', 'Kari Nordmann', '--navn', 'K', '--epost', 'kari-at-nav'],
        ...['--rolle', 'sjef', '--part', 'NAV Fjordvik'],
      ),
      gjerde('users', 'add', 'kari', '--navn', 'Kari Kopi', '--epost', 'kopi@nav.example'),
      gjerde('users', 'add', 'per', '--navn', 'Per Hansen'),
      ...['remove', 'reset', 'update'].map((command) => gjerde('users', command, 'ingen')),
    ]);
    expect(bad?.code).toBe(1);
    expect(bad?.out).toBe('');
    expect(bad?.err).toContain('Feil: Brukeren er ikke fylt ut riktig.');
    expect(bad?.err).toContain('  brukernavn: Brukernavnet må ha 2–40 tegn');
    expect(bad?.err).toContain('  --epost: Skriv en gyldig e-postadresse');
    expect(bad?.err).toContain('  --rolle: Roller: redaktor, godkjenner, utvalg, admin');
    expect(bad?.err).toContain('  --part: Parter skrives som id-er');
    expect(taken).toMatchObject({ code: 1, err: 'Feil: Brukernavnet «kari» er tatt.\n' });
    expect(missing?.code).toBe(1);
    expect(missing?.err).toContain('--epost');
    for (const answer of unknown)
      expect(answer).toMatchObject({ code: 1, err: 'Feil: Finner ingen bruker «ingen».\n' });
    expect(await readFile(accountsFile, 'utf8')).toBe(before);
  });

  it('never removes or demotes the last administrator', async () => {
    const added = await gjerde(
      'users',
      'add',
      'anne',
      '--navn',
      'Anne Admin',
      '--epost',
      'anne@nav.example',
      '--rolle',
      'admin',
    );
    expect(added.code).toBe(0);
    const removal = await gjerde('users', 'remove', 'anne');
    expect(removal).toMatchObject({ code: 1, err: 'Feil: Gjerde må ha minst én administrator.\n' });
    const demotion = await gjerde('users', 'update', 'anne', '--rolle', 'redaktor');
    expect(demotion.code).toBe(1);
    expect((await accounts().get('anne'))?.roles).toEqual(['admin']);
  });

  it('removes a user', async () => {
    const { code, out } = await gjerde('users', 'remove', 'lise');
    expect(code).toBe(0);
    expect(out).toBe('Brukeren «lise» er fjernet.\n');
    expect(await accounts().get('lise')).toBeUndefined();
  });

  it('loses no user when two commands add at the same time', async () => {
    const [first, second] = await Promise.all([
      gjerde('users', 'add', 'ola', '--navn', 'Ola Nordmann', '--epost', 'ola@fjordvik.example'),
      gjerde('users', 'add', 'per', '--navn', 'Per Hansen', '--epost', 'per@nav.example'),
    ]);
    expect([first?.code, second?.code]).toEqual([0, 0]);
    expect((await accounts().list()).map((account) => account.username).sort()).toEqual([
      'anne',
      'kari',
      'ola',
      'per',
    ]);
  });

  it('reads the grants against the agreements when there is a data repository: «ot» is a party in each county', async () => {
    const env = { GJERDE_DATA: join(root, 'data'), GJERDE_ACCOUNTS: join(root, 'data-brukere.json') };
    // `gjerde due` makes the data repository with the example agreements.
    expect((await gjerdeWith(env, 'due')).code).toBe(0);
    const oda = (part: string) =>
      gjerdeWith(
        env,
        ...['users', 'add', 'oda', '--navn', 'Oda Tveit', '--epost', 'oda@dalheim.example'],
        ...['--rolle', 'godkjenner', '--part', part],
      );
    const ambiguous = await oda('ot');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toMatch(
      /--part: «ot» er en annen part i hvert av fylkene .*Velg fylket: .*Dalheim\/ot/,
    );
    expect(existsSync(env.GJERDE_ACCOUNTS)).toBe(false);
    expect((await oda('Dalheim/ot-ukjent')).err).toContain('Ingen avtale i Dalheim har parten «ot-ukjent»');
    expect((await oda('Dalheim/ot')).code).toBe(0);
  });

  it('uses GJERDE_ACCOUNTS when it is set', async () => {
    const elsewhere = join(root, 'andre', 'brukere.json');
    const added = await gjerdeWith(
      { GJERDE_ACCOUNTS: elsewhere },
      ...['users', 'add', 'kari', '--navn', 'Kari Nordmann', '--epost', 'kari@nav.example'],
    );
    expect(added.code).toBe(0);
    expect((await new Accounts(elsewhere).list()).map((account) => account.username)).toEqual(['kari']);
  });
});
