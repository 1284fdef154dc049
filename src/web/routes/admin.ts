import { type Request, type Response, Router } from 'express';
import { grantProblem } from '../../access/party-grants.js';
import { everyCounty } from '../../access/policy.js';
import { type Role, roleLabels, roles } from '../../access/principal.js';
import { type AccountInput, type AccountSummary, usernamePattern } from '../../accounts/accounts.js';
import { GjerdeError, httpStatusOf } from '../../domain/errors.js';
import type { Gjerde } from '../../gjerde.js';
import type { Guards } from '../auth/guards.js';
import { saveSession } from '../auth/session.js';
import { casesNobodyDecides } from '../case-deciders.js';
import { jsonBody } from '../drafting-input.js';
import { presentSettings } from '../settings-present.js';
import { urls } from '../urls.js';
import { presentApproverCoverage, presentGrantsGivingNothing, presentKnownScope } from '../users-present.js';
import type { Render } from '../views.js';
import { presentPrincipal } from './auth.js';

/**
 * The administrators' user pages (`/admin/brukere`) and API (`/api/admin/users`): add, change, reset
 * and remove local accounts. A one-time password is shown once, in the answer that made it, and never
 * stored or logged. Nobody but an administrator gets past the gate.
 */

type Problem = { variable: string; message: string };

const roleHelp: Record<Role, string> = {
  redaktor: 'Skriver utkast og endrer avtaler for fylkene og partene sine.',
  godkjenner:
    'Godkjenner avtaler på vegne av partene sine. Med fire øyne (standard) ikke tekst hen selv har skrevet eller endret: hver part trenger da to godkjennere, eller en godkjenner som ikke skriver.',
  utvalg: 'Medlem av samarbeidsutvalget: avgjør uklare saker for fylkene og partene sine.',
  admin: 'Legger til, endrer og fjerner brukere.',
};

/** The fields of a user as a form or a JSON body gives them: lists as arrays or comma-separated text. */
interface AccountFields {
  name: string;
  email: string;
  roles: string[];
  parties: string[];
  counties: string[];
}

export function adminRoutes(gjerde: Gjerde, render: Render, gate: Guards): Router {
  const { accounts } = gjerde;
  const router = Router();
  router.use(['/admin/brukere', '/admin/innstillinger', '/api/admin/users'], gate.admin);

  router.get('/admin/innstillinger', (_req, res) => {
    res
      .type('html')
      .send(render('admin-settings', { title: 'Innstillinger', settings: presentSettings(gjerde.config) }));
  });

  // ------------------------------------------------------------------ API

  router.get('/api/admin/users', async (_req, res) => {
    res.json({ users: (await accounts.list()).map(presentAccountJson) });
  });

  router.post('/api/admin/users', async (req, res) => {
    const body = jsonBody(req, ['username', ...accountFields]);
    const input = await checkedInput(text(body.username).trim(), fieldsOf(body));
    const oneTimePassword = await accounts.add(input);
    const user = await accounts.existing(input.username);
    res
      .status(201)
      .location(`/api/admin/users/${encodeURIComponent(user.username)}`)
      .set('cache-control', 'no-store')
      .json({ user: presentAccountJson(user), oneTimePassword });
  });

  router.get('/api/admin/users/:username', async (req, res) => {
    res.json({ user: presentAccountJson(await accounts.existing(req.params.username)) });
  });

  /** Changes the fields given; the others stay as they are. */
  router.patch('/api/admin/users/:username', async (req, res) => {
    const current = await accounts.existing(req.params.username);
    const body = jsonBody(req, accountFields);
    await accounts.update(current.username, await checkedInput(current.username, fieldsOf(body, current)));
    await keepOwnSession(req, current.username);
    res.json({ user: presentAccountJson(await accounts.existing(current.username)) });
  });

  router.delete('/api/admin/users/:username', async (req, res) => {
    await accounts.remove(req.params.username);
    res.status(204).end();
  });

  router.post('/api/admin/users/:username/reset', async (req, res) => {
    const oneTimePassword = await accounts.resetPassword(req.params.username);
    res
      .set('cache-control', 'no-store')
      .json({ user: presentAccountJson(await accounts.existing(req.params.username)), oneTimePassword });
  });

  // ------------------------------------------------------------------ pages

  router.get('/admin/brukere', async (req, res) => {
    await sendList(req, res, 200);
  });

  router.post('/admin/brukere', async (req, res) => {
    const body = bodyObject(req);
    const username = text(body.username).trim();
    const fields = fieldsOf(body);
    try {
      const password = await accounts.add(await checkedInput(username, fields));
      sendOneTimePassword(res, 201, await accounts.existing(username), password, true);
    } catch (error) {
      await sendList(req, res, statusOf(error), {
        username,
        fields,
        problems: problemsOf(error, 'username'),
      });
    }
  });

  router.get('/admin/brukere/:username', async (req, res) => {
    const account = await accounts.existing(req.params.username);
    await sendEdit(req, res, 200, account, { fields: account, problems: [] });
  });

  router.post('/admin/brukere/:username', async (req, res) => {
    const account = await accounts.existing(req.params.username);
    const fields = fieldsOf(bodyObject(req));
    try {
      await accounts.update(account.username, await checkedInput(account.username, fields));
    } catch (error) {
      await sendEdit(req, res, statusOf(error), account, { fields, problems: problemsOf(error, 'roles') });
      return;
    }
    const stillAdmin = await keepOwnSession(req, account.username);
    res.redirect(303, stillAdmin ? urls.users({ changed: account.username }) : '/');
  });

  router.post('/admin/brukere/:username/nytt-passord', async (req, res) => {
    const account = await accounts.existing(req.params.username);
    const password = await accounts.resetPassword(account.username);
    sendOneTimePassword(res, 200, account, password, false);
  });

  router.get('/admin/brukere/:username/fjern', async (req, res) => {
    sendRemove(req, res, 200, await accounts.existing(req.params.username));
  });

  router.post('/admin/brukere/:username/fjern', async (req, res) => {
    const account = await accounts.existing(req.params.username);
    try {
      await accounts.remove(account.username);
    } catch (error) {
      if (!(error instanceof GjerdeError)) throw error;
      sendRemove(req, res, statusOf(error), account, error.message);
      return;
    }
    res.redirect(303, urls.users({ removed: account.username }));
  });

  /**
   * Changing an account ends its sessions; an administrator changing their own stays signed in here,
   * with the new rights. Returns whether they are still an administrator.
   */
  async function keepOwnSession(req: Request, username: string): Promise<boolean> {
    if (req.principal?.username !== username || req.session.external) return true;
    const account = await accounts.existing(username);
    req.session.sessionEpoch = account.sessionEpoch;
    await saveSession(req);
    return account.roles.includes('admin');
  }

  async function sendList(
    req: Request,
    res: Response,
    status: number,
    form: { username: string; fields: AccountFields | AccountSummary; problems: Problem[] } = {
      username: '',
      fields: { name: '', email: '', roles: [], parties: [], counties: [] },
      problems: [],
    },
  ) {
    const list = await accounts.list();
    const changed = knownName(req.query.endret, list);
    const removed = typeof req.query.fjernet === 'string' ? usernameParam(req.query.fjernet) : undefined;
    const { metas, directory } = await agreementParties();
    res
      .status(status)
      .type('html')
      .send(
        render('admin-users', {
          title: 'Brukere',
          users: list.map((account) => presentAccount(account, req.principal?.username)),
          changed,
          removed,
          form: { ...presentForm(form.fields, form.problems), username: form.username },
          known: presentKnownScope(metas, directory, form.fields.parties),
          undecided: (await casesNobodyDecides(gjerde)).map((entry) => ({
            title: entry.case.title,
            href: urls.case(entry.case.id),
            county: entry.case.county,
          })),
          approvers: presentApproverCoverage(metas, directory, list, {
            selfApproval: gjerde.config.selfApproval,
          }),
          givingNothing: presentGrantsGivingNothing(directory, list),
        }),
      );
  }

  async function sendEdit(
    req: Request,
    res: Response,
    status: number,
    account: AccountSummary,
    form: { fields: AccountFields | AccountSummary; problems: Problem[] },
  ) {
    res
      .status(status)
      .type('html')
      .send(
        render('admin-user', {
          title: `Bruker: ${account.name}`,
          user: presentAccount(account, req.principal?.username),
          form: presentForm(form.fields, form.problems),
          known: await knownScope(form.fields.parties),
        }),
      );
  }

  function sendOneTimePassword(
    res: Response,
    status: number,
    account: AccountSummary,
    password: string,
    added: boolean,
  ) {
    // Not kept by the browser or a proxy: the password is shown once.
    res
      .status(status)
      .set('cache-control', 'no-store')
      .type('html')
      .send(
        render('admin-password', {
          title: added ? 'Brukeren er lagt til' : 'Nytt engangspassord',
          user: presentAccount(account),
          password,
          added,
        }),
      );
  }

  function sendRemove(req: Request, res: Response, status: number, account: AccountSummary, error?: string) {
    res
      .status(status)
      .type('html')
      .send(
        render('admin-remove', {
          title: `Fjern bruker: ${account.name}`,
          user: presentAccount(account, req.principal?.username),
          error,
        }),
      );
  }

  /** The account as given, with every party grant naming one party of the agreements. */
  async function checkedInput(username: string, fields: AccountFields): Promise<AccountInput> {
    const directory = await gjerde.partyDirectory.read();
    const problem = fields.parties.map((grant) => grantProblem(directory, grant)).find(Boolean);
    if (problem)
      throw new GjerdeError('invalid-input', 'Brukeren er ikke fylt ut riktig.', {
        problems: [{ variable: 'parties', message: problem }],
      });
    return accountInput(username, fields);
  }

  /** The parties and counties the agreements name, as a reminder of the ids to type. */
  async function knownScope(grants: readonly string[]) {
    const { metas, directory } = await agreementParties();
    return presentKnownScope(metas, directory, grants);
  }

  /**
   * What the agreements say of parties, read once for a page: their front matter, and which party ids name
   * different parties in different counties (read once per HEAD).
   */
  async function agreementParties() {
    const [summaries, directory] = await Promise.all([
      gjerde.agreements.summaries(),
      gjerde.partyDirectory.read(),
    ]);
    return { metas: summaries.map((summary) => summary.latest.agreement.meta), directory };
  }

  return router;
}

function bodyObject(req: Request): Record<string, unknown> {
  const body = req.body as unknown;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A list from a JSON array, repeated form fields (check boxes next to a text field) or comma-separated text. */
function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  return items
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
}

/** What the API takes for an account besides its user name; anything else is refused (400). */
const accountFields: Array<keyof AccountFields> = ['name', 'email', 'roles', 'parties', 'counties'];

/** The fields in a body; with `current`, a field the body leaves out keeps its value. */
function fieldsOf(body: Record<string, unknown>, current?: AccountSummary): AccountFields {
  const given = (name: keyof AccountFields) => current === undefined || body[name] !== undefined;
  return {
    name: given('name') ? text(body.name) : (current?.name ?? ''),
    email: given('email') ? text(body.email) : (current?.email ?? ''),
    roles: given('roles') ? list(body.roles) : (current?.roles ?? []),
    parties: given('parties') ? list(body.parties) : (current?.parties ?? []),
    counties: given('counties') ? list(body.counties) : (current?.counties ?? []),
  };
}

/** Roles are checked by Accounts, which refuses anything that is not a role with a field problem. */
function accountInput(username: string, fields: AccountFields): AccountInput {
  return { username, ...fields, roles: fields.roles as Role[] };
}

function statusOf(error: unknown): number {
  if (!(error instanceof GjerdeError)) throw error;
  // A form that comes back with problems is 422, as the other forms of Gjerde.
  return error.code === 'invalid-input' ? 422 : httpStatusOf[error.code];
}

/** The error's field problems, or its message on the field it concerns. */
function problemsOf(error: unknown, field: string): Problem[] {
  if (!(error instanceof GjerdeError)) throw error;
  return error.details.problems ?? [{ variable: field, message: error.message }];
}

function usernameParam(value: string): string | undefined {
  return usernamePattern.test(value) ? value : undefined;
}

function knownName(value: unknown, accounts: AccountSummary[]): string | undefined {
  return accounts.find((account) => account.username === value)?.username;
}

function presentAccount(account: AccountSummary, signedIn?: string) {
  return {
    username: account.username,
    name: account.name,
    email: account.email,
    roleNames: presentPrincipal(account).roleNames.join(', '),
    parties: account.parties.join(', '),
    counties: account.counties.map((county) => (county === everyCounty ? 'alle fylker' : county)).join(', '),
    mustChangePassword: account.mustChangePassword,
    self: account.username === signedIn,
  };
}

/** An account as the session API shows a person, and how it stands. */
function presentAccountJson(account: AccountSummary) {
  return {
    ...presentPrincipal(account),
    mustChangePassword: account.mustChangePassword,
    created: account.created,
    updated: account.updated,
  };
}

function presentForm(fields: AccountFields | AccountSummary, problems: Problem[]) {
  const problem = Object.fromEntries(problems.map((entry) => [entry.variable, entry.message]));
  return {
    name: fields.name,
    email: fields.email,
    parties: fields.parties.join(', '),
    counties: fields.counties.join(', '),
    roleOptions: roles.map((role) => ({
      id: role,
      label: roleLabels[role],
      help: roleHelp[role],
      checked: (fields.roles as string[]).includes(role),
    })),
    problem,
    summary: problems.map((entry) => ({ message: entry.message, href: `#${entry.variable}` })),
  };
}
