import { identityProblems } from '../access/identity.js';
import { parseGrant } from '../access/party-grants.js';
import { everyCounty } from '../access/policy.js';
import { roles as allRoles, isRole, type Principal, type Role } from '../access/principal.js';
import { GjerdeError } from '../domain/errors.js';
import { containsNationalIdNumber, fieldsRefusal, personalDataMessage } from '../domain/personal-data.js';
import { isValidId } from '../format/ids.js';
import { AccountFile, type StoredAccount } from './account-file.js';
import { forgetFirstAdminPassword } from './first-admin.js';
import { decoyHash, hashPassword, oneTimePassword, passwordProblem, verifyPassword } from './passwords.js';

/**
 * Local accounts: adding, listing, removing, one-time passwords and signing in. Used by the service
 * (sign-in, the administrators' page) and by `gjerde users`.
 */

export interface AccountInput {
  username: string;
  name: string;
  email: string;
  roles: Role[];
  parties?: string[];
  counties?: string[];
}

export type AccountSummary = Omit<StoredAccount, 'passwordHash'> & { hasPassword: boolean };

export type SignInResult =
  | { ok: true; principal: Principal; sessionEpoch: number; mustChangePassword: boolean }
  | { ok: false };

export const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const firstAdminUsername = 'admin';

export class Accounts {
  private readonly file: AccountFile;

  constructor(path: string) {
    this.file = new AccountFile(path);
  }

  get path(): string {
    return this.file.path;
  }

  /** Keeps the file watched, so that reading between changes costs nothing (AccountFile.watch); returns `stop`. */
  watch(): () => void {
    return this.file.watch();
  }

  async list(): Promise<AccountSummary[]> {
    return (await this.file.read()).map(summary);
  }

  async get(username: string): Promise<AccountSummary | undefined> {
    const account = (await this.file.read()).find((candidate) => candidate.username === username);
    return account && summary(account);
  }

  /** The account, or a not-found error naming it. */
  async existing(username: string): Promise<AccountSummary> {
    return summary(find(await this.file.read(), username));
  }

  /** The person with this user name (the CLI's `--som`), if the account exists. */
  async principal(username: string): Promise<Principal | undefined> {
    const account = (await this.file.read()).find((candidate) => candidate.username === username);
    return account && principalOf(account);
  }

  /** The person behind a session, if the account still exists and the session is not older than its epoch. */
  async principalFor(username: string, sessionEpoch: number): Promise<Principal | undefined> {
    const account = (await this.file.read()).find((candidate) => candidate.username === username);
    return account && account.sessionEpoch === sessionEpoch ? principalOf(account) : undefined;
  }

  /** Adds an account with a one-time password, which is returned once and never stored. */
  async add(input: AccountInput): Promise<string> {
    const account = checkAccountInput(input);
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    await this.file.update((accounts) => {
      if (accounts.some((existing) => existing.username === account.username))
        throw new GjerdeError('conflict', `Brukernavnet «${account.username}» er tatt.`);
      checkDistinguishable(accounts, account);
      const now = new Date().toISOString();
      accounts.push({
        ...account,
        passwordHash,
        mustChangePassword: true,
        sessionEpoch: 1,
        created: now,
        updated: now,
      });
    });
    return password;
  }

  /** Changes name, address, roles or scope; the password stays. */
  async update(username: string, input: Omit<AccountInput, 'username'>): Promise<void> {
    const changed = checkAccountInput({ ...input, username });
    await this.file.update((accounts) => {
      const account = find(accounts, username);
      checkDistinguishable(accounts, changed);
      const losesAdmin = account.roles.includes('admin') && !changed.roles.includes('admin');
      if (losesAdmin) keepOneAdmin(accounts, username);
      Object.assign(account, changed, { updated: new Date().toISOString() });
      // Fewer rights take effect at once: the person signs in again.
      account.sessionEpoch += 1;
    });
  }

  async remove(username: string): Promise<void> {
    await this.file.update((accounts) => {
      const index = accounts.indexOf(find(accounts, username));
      if (accounts[index]?.roles.includes('admin')) keepOneAdmin(accounts, username);
      accounts.splice(index, 1);
    });
  }

  /** A new one-time password; every session of the account ends. */
  async resetPassword(username: string): Promise<string> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    await this.file.update((accounts) => {
      const account = find(accounts, username);
      Object.assign(account, { passwordHash, mustChangePassword: true, updated: new Date().toISOString() });
      account.sessionEpoch += 1;
    });
    return password;
  }

  /** `doubtful`: the sign-in comes from where sign-ins failed lately (its check waits in a lane of its own). */
  async signIn(
    username: unknown,
    password: unknown,
    options: { doubtful?: boolean } = {},
  ): Promise<SignInResult> {
    const name = typeof username === 'string' ? username.trim().toLowerCase() : '';
    const given = typeof password === 'string' ? password : '';
    const account = (await this.file.read()).find((candidate) => candidate.username === name);
    const hash = account?.passwordHash ?? (await decoyHash());
    const matches = (await verifyPassword(hash, given, options)) && account?.passwordHash !== undefined;
    if (!account || !matches) return { ok: false };
    return {
      ok: true,
      principal: principalOf(account),
      sessionEpoch: account.sessionEpoch,
      mustChangePassword: account.mustChangePassword,
    };
  }

  /** Sets a new password after checking the current one; returns the new session epoch. */
  async changePassword(username: string, current: unknown, next: unknown): Promise<number> {
    const problem = passwordProblem(next, username);
    const signIn = await this.signIn(username, current);
    const problems = [
      ...(signIn.ok ? [] : [{ variable: 'current', message: 'Nåværende passord er feil.' }]),
      ...(problem ? [{ variable: 'password', message: problem }] : []),
      ...(current === next
        ? [{ variable: 'password', message: 'Velg et annet passord enn det du har.' }]
        : []),
    ];
    if (problems.length > 0)
      throw new GjerdeError('invalid-input', 'Passordet ble ikke endret.', { problems });
    const passwordHash = await hashPassword(String(next));
    const epoch = await this.file.update((accounts) => {
      const account = find(accounts, username);
      Object.assign(account, { passwordHash, mustChangePassword: false, updated: new Date().toISOString() });
      account.sessionEpoch += 1;
      return account.sessionEpoch;
    });
    if (username === firstAdminUsername) await forgetFirstAdminPassword(this.path);
    return epoch;
  }

  /**
   * On the first start, with no accounts at all: an administrator with a random one-time password,
   * returned for the console. Never a known password; undefined when there are accounts already.
   */
  async createFirstAdmin(): Promise<{ username: string; password: string } | undefined> {
    if ((await this.file.read()).length > 0) return undefined;
    const password = await this.add({
      username: firstAdminUsername,
      name: 'Administrator',
      email: 'admin@gjerde.invalid',
      roles: ['admin'],
    });
    return { username: firstAdminUsername, password };
  }
}

function summary({ passwordHash, ...account }: StoredAccount): AccountSummary {
  return { ...account, hasPassword: passwordHash !== undefined };
}

function principalOf(account: StoredAccount): Principal {
  return {
    username: account.username,
    name: account.name,
    email: account.email,
    roles: [...account.roles],
    parties: [...account.parties],
    counties: [...account.counties],
  };
}

function find(accounts: StoredAccount[], username: string): StoredAccount {
  const account = accounts.find((candidate) => candidate.username === username);
  if (!account) throw new GjerdeError('not-found', `Finner ingen bruker «${username.slice(0, 40)}».`);
  return account;
}

/** A name or address as people tell them apart: case, spacing and Unicode forms do not count. */
function comparable(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('nb').replace(/\s+/g, ' ').trim();
}

/**
 * Nobody else may have the same name or e-mail address: the history names people by them, and two people
 * who look the same there could not be told apart.
 */
function checkDistinguishable(
  accounts: StoredAccount[],
  account: { username: string; name: string; email: string },
) {
  const others = accounts.filter((other) => other.username !== account.username);
  const problems: { variable: string; message: string }[] = [];
  const sameName = others.find((other) => comparable(other.name) === comparable(account.name));
  if (sameName)
    problems.push({
      variable: 'name',
      message: `Brukeren «${sameName.username}» har allerede navnet «${sameName.name}». Skriv navnet slik at historikken skiller dem, f.eks. med mellomnavn eller arbeidssted.`,
    });
  const sameEmail = others.find((other) => comparable(other.email) === comparable(account.email));
  if (sameEmail)
    problems.push({
      variable: 'email',
      message: `Brukeren «${sameEmail.username}» har allerede e-postadressen ${sameEmail.email}.`,
    });
  if (problems.length > 0)
    throw new GjerdeError('conflict', 'En annen bruker har samme navn eller e-postadresse.', { problems });
}

function keepOneAdmin(accounts: StoredAccount[], leaving: string): void {
  if (!accounts.some((account) => account.username !== leaving && account.roles.includes('admin')))
    throw new GjerdeError('conflict', 'Gjerde må ha minst én administrator.');
}

/** `nav-fjordvik`, or `Dalheim/ot` for an id that means different parties in different counties. */
function isValidGrant(grant: string): boolean {
  const { county, party } = parseGrant(grant);
  return isValidId(party) && (county === undefined || countyPattern.test(county));
}

const countyPattern = /^[\p{L}][\p{L} .-]{0,59}$/u;

function checkAccountInput(input: AccountInput): Omit<AccountInput, 'parties' | 'counties'> & {
  parties: string[];
  counties: string[];
} {
  const problems: { variable: string; message: string }[] = [];
  const username = typeof input.username === 'string' ? input.username.trim() : '';
  if (!usernamePattern.test(username))
    problems.push({
      variable: 'username',
      message: 'Brukernavnet må ha 2–40 tegn: små bokstaver a–z, tall, punktum, bindestrek eller understrek.',
    });
  else if (containsNationalIdNumber(username))
    problems.push({ variable: 'username', message: personalDataMessage });
  for (const problem of identityProblems({ name: input.name, email: input.email }))
    problems.push({ variable: problem.variable, message: problem.message });
  const roles = Array.isArray(input.roles) ? input.roles : [];
  if (!roles.every(isRole))
    problems.push({ variable: 'roles', message: `Roller: ${allRoles.join(', ')} (alle kan lese).` });
  const parties = (input.parties ?? []).map((party) => String(party).trim()).filter(Boolean);
  if (!parties.every(isValidGrant))
    problems.push({
      variable: 'parties',
      message: 'Parter skrives som id-er, f.eks. nav-fjordvik, eller med fylket foran, f.eks. Dalheim/ot.',
    });
  else if (parties.some(containsNationalIdNumber))
    problems.push({ variable: 'parties', message: personalDataMessage });
  const counties = (input.counties ?? []).map((county) => String(county).trim()).filter(Boolean);
  if (!counties.every((county) => county === everyCounty || countyPattern.test(county)))
    problems.push({
      variable: 'counties',
      message: 'Fylker skrives med navn, f.eks. Fjordvik, eller * for alle.',
    });
  if (problems.length > 0) throw fieldsRefusal('Brukeren er ikke fylt ut riktig.', problems);
  return {
    username,
    name: input.name.trim(),
    email: input.email.trim(),
    // In one order everywhere (lists, the session), whatever order they were given in.
    roles: allRoles.filter((role) => roles.includes(role)),
    parties: [...new Set(parties)],
    counties: [...new Set(counties)],
  };
}
