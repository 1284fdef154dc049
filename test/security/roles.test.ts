/**
 * The table of routes × roles (test/security/access-table.ts, shown in docs/security.md) against the real
 * app: every route of the router stack must be in the table, and every route is called for real as every
 * kind of person — anonymous (also with anonymous reading on), signed in without a role, editor in and
 * out of scope, approver for their own party and for another, administrator. A refused request is a 401
 * (API) or a redirect to the sign-in page for the anonymous and a 403 for the signed-in, and a refused
 * write leaves the data repository and the accounts file exactly as they were; an allowed write with a
 * valid body saves, under the name of the person who made it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { projectRoot } from '../../src/config.js';
import { agreement, commitFileByHand } from '../counties/helpers.js';
import { asFormFields, rammeAnswers } from '../drafting/helpers.js';
import { ensurePersona, type PersonaName, personas, testPassword } from '../helpers/accounts.js';
import { authorEnv, bareRepo, gitTrimmed, gitWithEnv } from '../helpers/git.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import {
  type Access,
  type AccessRule,
  type Audience,
  accessTable,
  accessTableMarkdown,
  permissions,
} from './access-table.js';
import { routeKey, routesOf } from './routes.js';

type TestGjerde = Awaited<ReturnType<typeof startTestGjerde>>;
type Agent = ReturnType<typeof request.agent>;
type Asker = 'anonymous' | PersonaName;

/** Refused people first: while they ask, every write would still succeed if a gate were missing. */
const askers: Asker[] = ['anonymous', 'leser', 'admin', 'utenfor', 'redaktor', 'kari', 'ola', 'utvalg'];

/**
 * Scope, written out rather than computed by the policy under test: every agreement the calls below use
 * is Fjordvik's or Eksempelfylket's, so Rita (editor for both counties), Kari (NAV's parties) and Ola (the
 * counties' parties) are in scope and Una (Nordfylket) is not; Kari and Ola approve for their own parties;
 * Unni is on the cooperation committee for both counties.
 */
const inScope: Asker[] = ['redaktor', 'kari', 'ola', 'utvalg'];
/**
 * A successor county's own agreement: Gamlefylket was split into Eksempelfylket and Tredjefylket, and Tredjefylket
 * continued its agreement; Rita edits for Eksempelfylket by county, Ola by its county authority. Kari edits for
 * NAV's parties, which continue nothing.
 */
const successorEditors: Asker[] = ['redaktor', 'ola'];
const ownParty: Asker[] = ['kari', 'ola'];
const approvingParty: Partial<Record<Asker, string>> = {
  kari: 'nav-eksempelfylket',
  ola: 'eksempelfylket-fk',
};

type Outcome = 'allowed' | 'sign in' | 'forbidden' | 'secret';

const csrfMessage = 'Skjemaet er utløpt eller kom ikke fra Gjerde.';

function expectedOutcome(access: Access, asker: Asker, anonymousRead = false): Outcome {
  const audienceOf: Audience[] =
    asker === 'anonymous'
      ? [anonymousRead ? 'anonymousRead' : 'anonymous']
      : ['leser', ...personas[asker].roles];
  const granted = audienceOf.map((audience) => permissions[access][audience]);
  if (granted.includes('secret')) return 'secret';
  const allowed = granted.some(
    (permission) =>
      permission === 'yes' ||
      (permission === 'in scope' && (access === 'successor' ? successorEditors : inScope).includes(asker)) ||
      (permission === 'own party' && ownParty.includes(asker)),
  );
  if (allowed) return 'allowed';
  return asker === 'anonymous' ? 'sign in' : 'forbidden';
}

// ------------------------------------------------------------------ how each route is called

interface Call {
  url: string;
  json?: Record<string, unknown>;
  form?: Record<string, string>;
}

interface Context {
  target: TestGjerde;
  asker: Asker;
  agent: Agent;
}

interface CallSpec {
  call: (context: Context) => Call | Promise<Call>;
  /** Signs in or out: made with a session of its own, so the asker's session lives on. */
  ownSession?: true;
  /**
   * When allowed, at least one asker's call must save: a commit by that person (`git`), or a change
   * of the accounts file.
   */
  saves?: 'git' | 'accounts';
}

const defaultIds: Record<string, string> = {
  id: 'fjordvik-ramme',
  clauseId: 'uten-laereplass',
  template: 'ramme',
  username: 'leser',
  county: 'Fjordvik',
};

/** A GET of the route with its parameters filled in. */
const plainGet = (path: string): CallSpec => ({
  call: () => ({ url: path.replace(/:(\w+)/g, (_match, name: string) => defaultIds[name] ?? name) }),
});

const reason = 'Prøver tilgangen';
const latest = (target: TestGjerde, id: string) => target.gjerde.agreements.get(id);
const marked = (markdown: string, asker: Asker) => `${markdown}\nEndret av ${asker} i tilgangstesten.\n`;

/** Targets kept apart, so that each write route saves at least once whatever the others did. */
const targets = {
  putEdit: 'strandby-lokal',
  pageEdit: 'fjordvik-ramme',
  apiSubmit: 'fjordvik-ot-nav',
  pageSubmit: 'tilgang-send-side',
  apiApproval: 'tilgang-godkjenn-api',
  pageApproval: 'tilgang-godkjenn-side',
  /** An agreement of Eksempelfylket whose unclear cases the committee handles and amendments change. */
  caseAgreement: 'tilgang-saker',
  /** Gamlefylket's agreement, continued by Tredjefylket: Eksempelfylket's editors write their own from it. */
  dissolved: 'tilgang-delt',
  /** Accounts nobody signs in with, for the administrators' changes. */
  apiAccount: 'endres-api',
  pageAccount: 'endres-side',
  apiRemoved: 'fjernes-api',
  pageRemoved: 'fjernes-side',
};

const newAccount = (asker: Asker, kind: string) => ({
  username: `ny-${kind}-${asker}`,
  name: `Ny Bruker ${kind} ${asker}`,
  email: `ny.${kind}.${asker}@fjordvik.example`,
});

/** Cases prepared in `beforeAll`: open ones for the committee's decisions, decided ones for amendments. */
const caseIds = { pageDecision: '', apiDecision: '', pageAmendment: '', apiAmendment: '' };

const newCase = (asker: Asker, kind: string) => ({
  title: `Tilgangstest ${kind} ${asker}`,
  agreement: targets.caseAgreement,
  party: 'nav-eksempelfylket',
  situation: 'Ungdom som er uenig med begge parter om hvem som følger opp.',
  disagreement: 'Partene er uenige om hvem som har ansvaret.',
});

const newTerm = (asker: Asker, kind: string) => ({
  term: `Tilgang ${kind} ${asker}`,
  definition: 'Et ord fra tilgangstesten.',
});

/**
 * A contact on the side the asker keeps: NAV's for Kari (NAV's parties), the county's for the others in
 * scope (Rita for the county, Ola for the county authority); for those refused, either.
 */
const newContact = (asker: Asker, kind: string) => ({
  side: asker === 'kari' ? 'nav' : 'fylkeskommune',
  name: `Tilgang ${kind} ${asker}`,
  role: 'Kontakt i tilgangstesten',
  email: `tilgang.${kind}.${asker}@fjordvik.example`,
  offices: 'nav-strandby',
});

const newOffice = (asker: Asker, kind: string) => ({
  name: `NAV Tilgang ${kind} ${asker}`,
  municipalities: 'Tilgangby',
});

/** Who prepares what a call removes or changes: an editor for every county and both sides. */
const preparer = {
  username: 'forbereder',
  name: 'Forbereder Testen',
  email: 'forbereder@fjordvik.example',
  roles: ['redaktor' as const],
  parties: [],
  counties: ['*'],
};

const newAgreement = (asker: Asker, kind: string) =>
  rammeAnswers({ id: `tilgang-${kind}-${asker}`, title: `Tilgangstest ${kind} ${asker}` });

const calls: Record<string, CallSpec> = {
  'GET /avtaler/:id/egen-avtale': {
    call: () => ({ url: `/avtaler/${targets.dissolved}/egen-avtale?for=Eksempelfylket` }),
  },
  'POST /avtaler/:id/egen-avtale': {
    saves: 'git',
    call: ({ asker }) => ({
      url: `/avtaler/${targets.dissolved}/egen-avtale`,
      form: {
        for: 'Eksempelfylket',
        markdown: agreement({
          id: `tilgang-egen-${asker}`,
          title: `Egen avtale fra ${asker}`,
          county: 'Eksempelfylket',
          countyParty: { id: 'eksempelfylket-fk', name: 'Eksempelfylket fylkeskommune' },
          status: 'utkast',
          from: '2030-01-01',
          replaces: targets.dissolved,
        }),
        reason,
        action: 'lagre',
      },
    }),
  },
  'GET /assets/*': { call: () => ({ url: '/assets/gjerde.css' }) },
  'GET /api/lookup': { call: () => ({ url: '/api/lookup?q=OT' }) },
  'GET /fylkene': { call: () => ({ url: '/fylkene?situation=sluttet' }) },
  'GET /api/national': { call: () => ({ url: '/api/national?situation=sluttet' }) },
  'POST /logg-inn': {
    ownSession: true,
    call: async ({ asker, agent }): Promise<Call> => {
      if (asker !== 'anonymous')
        return { url: '/logg-inn', form: { username: asker, password: testPassword } };
      // Signing in is protected against forged forms too: the token comes with the sign-in page.
      const page = await agent.get('/logg-inn').expect(200);
      return {
        url: '/logg-inn',
        form: { username: 'leser', password: testPassword, _csrf: csrfFieldOf(page.text) },
      };
    },
  },
  'POST /logg-ut': { ownSession: true, call: () => ({ url: '/logg-ut', form: {} }) },
  'POST /api/session': {
    ownSession: true,
    call: ({ asker }) => ({
      url: '/api/session',
      json: { username: asker === 'anonymous' ? 'leser' : asker, password: testPassword },
    }),
  },
  'DELETE /api/session': { ownSession: true, call: () => ({ url: '/api/session' }) },
  'POST /konto/passord': {
    // Allowed, and refused for the wrong current password (422): changing it would end the test's session.
    call: () => ({
      url: '/konto/passord',
      form: {
        current: 'ikke det riktige passordet',
        password: 'et nytt og langt passord',
        repeat: 'et nytt og langt passord',
      },
    }),
  },
  'POST /api/sync': { call: () => ({ url: '/api/sync', json: {} }) },
  'POST /api/preview': {
    call: () => ({ url: '/api/preview', json: { template: 'ramme', answers: rammeAnswers() } }),
  },
  'POST /api/check': {
    call: async ({ target }) => ({
      url: '/api/check',
      json: { markdown: (await latest(target, 'fjordvik-ramme')).markdown },
    }),
  },
  'POST /api/agreements/:id/clause-check': {
    call: async ({ target }) => ({
      url: '/api/agreements/fjordvik-ramme/clause-check',
      json: { baseRev: (await latest(target, 'fjordvik-ramme')).revision.rev, id: 'livsopphold-elev' },
    }),
  },
  'POST /ny/:template': {
    saves: 'git',
    call: ({ asker }) => ({
      url: '/ny/ramme',
      form: { ...asFormFields(newAgreement(asker, 'side')), reason, action: 'lagre' },
    }),
  },
  'POST /api/agreements': {
    saves: 'git',
    call: ({ asker }) => ({
      url: '/api/agreements',
      json: { template: 'ramme', answers: newAgreement(asker, 'api'), reason },
    }),
  },
  'PUT /api/agreements/:id': {
    saves: 'git',
    call: async ({ target, asker }) => {
      const current = await latest(target, targets.putEdit);
      return {
        url: `/api/agreements/${targets.putEdit}`,
        json: { markdown: marked(current.markdown, asker), baseRev: current.revision.rev, reason },
      };
    },
  },
  'POST /avtaler/:id/rediger': {
    saves: 'git',
    call: async ({ target, asker }) => {
      const current = await latest(target, targets.pageEdit);
      return {
        url: `/avtaler/${targets.pageEdit}/rediger`,
        form: {
          markdown: marked(current.markdown, asker),
          baseRev: current.revision.rev,
          reason,
          action: 'lagre',
        },
      };
    },
  },
  'POST /avtaler/:id/rediger/konflikt': {
    saves: 'git',
    // The resolution of a conflict with nothing left to choose: the person's text over the latest.
    call: async ({ target, asker }) => {
      const current = await latest(target, targets.pageEdit);
      const rev = current.revision.rev;
      return {
        url: `/avtaler/${targets.pageEdit}/rediger/konflikt`,
        form: { baseRev: rev, theirsRev: rev, yours: marked(current.markdown, asker), count: '0', reason },
      };
    },
  },
  'POST /avtaler/:id/rediger/punkt': {
    saves: 'git',
    call: async ({ target, asker }) => {
      const current = await latest(target, targets.pageEdit);
      return {
        url: `/avtaler/${targets.pageEdit}/rediger/punkt`,
        form: {
          baseRev: current.revision.rev,
          id: `tilgang-${asker}`,
          title: `Punkt fra ${asker}`,
          status: 'avklart',
          owner: 'nav-fjordvik',
          facets: 'laerling',
          text: 'NAV-kontoret kontakter lærlingen innen en uke.',
          reason,
          action: 'nytt-punkt',
        },
      };
    },
  },
  'POST /avtaler/:id/send': {
    saves: 'git',
    call: () => ({ url: `/avtaler/${targets.pageSubmit}/send`, form: { comment: reason } }),
  },
  'POST /api/agreements/:id/submit': {
    saves: 'git',
    call: () => ({ url: `/api/agreements/${targets.apiSubmit}/submit`, json: { reason } }),
  },
  'POST /avtaler/:id/godkjenn': {
    saves: 'git',
    call: ({ asker }) => ({
      url: `/avtaler/${targets.pageApproval}/godkjenn`,
      form: { role: 'Leder', party: approvingParty[asker] ?? 'nav-eksempelfylket', comment: reason },
    }),
  },
  'POST /api/agreements/:id/approvals': {
    saves: 'git',
    call: ({ asker }) => ({
      url: `/api/agreements/${targets.apiApproval}/approvals`,
      json: { role: 'Leder', party: approvingParty[asker] ?? 'nav-eksempelfylket', comment: reason },
    }),
  },
  'GET /saker/:id': { call: () => ({ url: `/saker/${caseIds.pageDecision}` }) },
  'GET /api/cases/:id': { call: () => ({ url: `/api/cases/${caseIds.apiDecision}` }) },
  'GET /saker/:id/endring': { call: () => ({ url: `/saker/${caseIds.pageAmendment}/endring` }) },
  'POST /saker': {
    saves: 'git',
    call: ({ asker }) => ({ url: '/saker', form: newCase(asker, 'side') }),
  },
  'POST /api/cases': {
    saves: 'git',
    call: ({ asker }) => ({ url: '/api/cases', json: newCase(asker, 'api') }),
  },
  'POST /saker/:id/vedtak': {
    saves: 'git',
    call: () => ({
      url: `/saker/${caseIds.pageDecision}/vedtak`,
      form: { outcome: 'avgjort', text: 'NAV følger opp.', owner: 'nav-eksempelfylket' },
    }),
  },
  'POST /api/cases/:id/decision': {
    saves: 'git',
    call: () => ({
      url: `/api/cases/${caseIds.apiDecision}/decision`,
      json: { outcome: 'eskalert', text: 'Prinsipielt spørsmål for alle kontorer.' },
    }),
  },
  'POST /saker/:id/endring': {
    saves: 'git',
    call: () => ({ url: `/saker/${caseIds.pageAmendment}/endring`, form: {} }),
  },
  'POST /api/cases/:id/amendment': {
    saves: 'git',
    call: () => ({ url: `/api/cases/${caseIds.apiAmendment}/amendment`, json: {} }),
  },
  'POST /begreper': {
    saves: 'git',
    call: ({ asker }) => ({ url: '/begreper', form: newTerm(asker, 'side') }),
  },
  'POST /begreper/slett': {
    saves: 'git',
    call: async ({ target, asker }) => {
      const { term } = await target.gjerde.glossary.save(undefined, newTerm(asker, 'slett'), preparer);
      return { url: '/begreper/slett', form: { term } };
    },
  },
  'PUT /api/glossary/:term': {
    saves: 'git',
    call: ({ asker }) => ({ url: `/api/glossary/Tilgang-api-${asker}`, json: { definition: reason } }),
  },
  'DELETE /api/glossary/:term': {
    saves: 'git',
    call: async ({ target, asker }) => {
      const { term } = await target.gjerde.glossary.save(undefined, newTerm(asker, 'fjern'), preparer);
      return { url: `/api/glossary/${encodeURIComponent(term)}` };
    },
  },
  'POST /kontakter/:county': {
    saves: 'git',
    call: ({ asker }) => ({ url: '/kontakter/Fjordvik', form: newContact(asker, 'side') }),
  },
  'POST /api/contacts/:county': {
    saves: 'git',
    call: ({ asker }) => ({ url: '/api/contacts/Fjordvik', json: newContact(asker, 'api') }),
  },
  'PUT /api/contacts/:county/:id': {
    saves: 'git',
    call: async ({ target, asker }) => {
      const { id } = await target.gjerde.contacts.save(
        'Fjordvik',
        undefined,
        newContact(asker, 'endres'),
        preparer,
      );
      return {
        url: `/api/contacts/Fjordvik/${id}`,
        json: { ...newContact(asker, 'endres'), role: 'Endret' },
      };
    },
  },
  'DELETE /api/contacts/:county/:id': {
    saves: 'git',
    call: async ({ target, asker }) => {
      const { id } = await target.gjerde.contacts.save(
        'Fjordvik',
        undefined,
        newContact(asker, 'fjern'),
        preparer,
      );
      return { url: `/api/contacts/Fjordvik/${id}` };
    },
  },
  'POST /kontakter/:county/:id/slett': {
    saves: 'git',
    call: async ({ target, asker }) => {
      const { id } = await target.gjerde.contacts.save(
        'Fjordvik',
        undefined,
        newContact(asker, 'slett'),
        preparer,
      );
      return { url: `/kontakter/Fjordvik/${id}/slett`, form: {} };
    },
  },
  // Starts a county's register, or adds to one that exists (Fjordvik's, for the scope to be tested).
  'POST /kontakter': {
    saves: 'git',
    call: ({ asker }) => ({ url: '/kontakter', form: { county: 'Fjordvik', ...newOffice(asker, 'start') } }),
  },
  'POST /kontakter/:county/kontor': {
    saves: 'git',
    call: ({ asker }) => ({ url: '/kontakter/Fjordvik/kontor', form: newOffice(asker, 'side') }),
  },
  'POST /api/contacts/:county/offices': {
    saves: 'git',
    call: ({ asker }) => ({ url: '/api/contacts/Fjordvik/offices', json: newOffice(asker, 'api') }),
  },
  'POST /kontakter/:county/kontor/:office/endre': {
    saves: 'git',
    call: async ({ target, asker }) => {
      const { id } = await target.gjerde.contacts.saveOffice(
        'Fjordvik',
        undefined,
        newOffice(asker, 'endres'),
        preparer,
      );
      return {
        url: `/kontakter/Fjordvik/kontor/${id}/endre`,
        form: { ...newOffice(asker, 'endres'), municipalities: 'Tilgangby, Endretvik' },
      };
    },
  },
  'PUT /api/contacts/:county/offices/:office': {
    saves: 'git',
    call: async ({ target, asker }) => {
      const { id } = await target.gjerde.contacts.saveOffice(
        'Fjordvik',
        undefined,
        newOffice(asker, 'api-endres'),
        preparer,
      );
      return {
        url: `/api/contacts/Fjordvik/offices/${id}`,
        json: { ...newOffice(asker, 'api-endres'), name: `NAV Endret ${asker}` },
      };
    },
  },
  'POST /kontakter/:county/kontor/:office/slett': {
    saves: 'git',
    call: async ({ target, asker }) => {
      const { id } = await target.gjerde.contacts.saveOffice(
        'Fjordvik',
        undefined,
        newOffice(asker, 'slett'),
        preparer,
      );
      return { url: `/kontakter/Fjordvik/kontor/${id}/slett`, form: {} };
    },
  },
  'DELETE /api/contacts/:county/offices/:office': {
    saves: 'git',
    call: async ({ target, asker }) => {
      const { id } = await target.gjerde.contacts.saveOffice(
        'Fjordvik',
        undefined,
        newOffice(asker, 'fjern'),
        preparer,
      );
      return { url: `/api/contacts/Fjordvik/offices/${id}` };
    },
  },
  'POST /api/admin/users': {
    saves: 'accounts',
    call: ({ asker }) => ({ url: '/api/admin/users', json: { ...newAccount(asker, 'api'), roles: [] } }),
  },
  'PATCH /api/admin/users/:username': {
    saves: 'accounts',
    call: ({ asker }) => ({
      url: `/api/admin/users/${targets.apiAccount}`,
      json: { name: `Endret Av ${asker} i API-et` },
    }),
  },
  'POST /api/admin/users/:username/reset': {
    saves: 'accounts',
    call: () => ({ url: `/api/admin/users/${targets.apiAccount}/reset`, json: {} }),
  },
  'DELETE /api/admin/users/:username': {
    saves: 'accounts',
    call: () => ({ url: `/api/admin/users/${targets.apiRemoved}` }),
  },
  'POST /api/admin/approvals/:rev/confirm': {
    saves: 'git',
    call: ({ target }) => ({ url: `/api/admin/approvals/${handApproval(target)}/confirm`, json: { reason } }),
  },
  'POST /admin/godkjenninger': {
    saves: 'git',
    call: ({ target }) => ({ url: '/admin/godkjenninger', form: { rev: handApproval(target), reason } }),
  },
  'POST /admin/brukere': {
    saves: 'accounts',
    call: ({ asker }) => ({ url: '/admin/brukere', form: newAccount(asker, 'side') }),
  },
  'POST /admin/brukere/:username': {
    saves: 'accounts',
    call: ({ asker }) => ({
      url: `/admin/brukere/${targets.pageAccount}`,
      form: { name: `Endret Av ${asker} på siden`, email: 'endret@fjordvik.example' },
    }),
  },
  'POST /admin/brukere/:username/nytt-passord': {
    saves: 'accounts',
    call: () => ({ url: `/admin/brukere/${targets.pageAccount}/nytt-passord`, form: {} }),
  },
  'POST /admin/brukere/:username/fjern': {
    saves: 'accounts',
    call: () => ({ url: `/admin/brukere/${targets.pageRemoved}/fjern`, form: {} }),
  },
};

/** An approval commit made with plain git (no file changed), for an administrator to confirm. */
function handApproval(target: TestGjerde): string {
  const by = { name: 'Mona Migrator', email: 'mona@fjordvik.example' };
  gitWithEnv(
    target.dataDir,
    [
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'Papirgodkjenning\n\nGodkjent-av: Per Olav Vik (NAV Fjordvik), 2025-06-23',
    ],
    authorEnv(by),
  );
  return gitTrimmed(target.dataDir, 'rev-parse', 'HEAD');
}

function callSpec(entry: AccessRule): CallSpec | undefined {
  return calls[routeKey(entry)] ?? (entry.method === 'GET' ? plainGet(entry.path) : undefined);
}

function csrfFieldOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no _csrf field on the page');
  return token;
}

async function send(agent: Agent, method: string, call: Call) {
  const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  const pending = agent[verb](call.url);
  if (call.form) return pending.type('form').send(new URLSearchParams(call.form).toString());
  if (call.json) return pending.send(call.json);
  return pending;
}

function outcomeOf(
  url: string,
  response: { status: number; headers: Record<string, string> },
): Outcome | 'other' {
  const location = response.headers.location ?? '';
  const toSignIn = response.status === 303 && /^\/logg-inn(\?neste=|$)/.test(location);
  if (url.startsWith('/api/') ? response.status === 401 : toSignIn) return 'sign in';
  if (response.status === 403) return 'forbidden';
  if (response.status === 401 || toSignIn) return 'other';
  return 'allowed';
}

// ------------------------------------------------------------------ the services under test

let server: TestGjerde;
let readingServer: TestGjerde;
let remoteRoot: string;
const webhookSecret = 'en hemmelighet bare git-tjeneren kjenner';
const agents = new Map<Asker, Agent>();

/** The asker's signed-in agent on the main service; the anonymous one on the reading service. */
function agentOf(target: TestGjerde, asker: Asker): Agent {
  return target === server ? (agents.get(asker) as Agent) : request.agent(target.app);
}

/** What a refused write must leave as it was: the branch and the accounts. */
async function snapshot(target: TestGjerde): Promise<string> {
  const accounts = await readFile(target.gjerde.config.accountsFile, 'utf8').catch(() => '');
  return `${await target.gjerde.store.head()}\n${accounts}`;
}

function lastAuthor(target: TestGjerde): string {
  return gitTrimmed(target.dataDir, 'log', '-1', '--format=%an <%ae>');
}

/**
 * A service with every optional route on: a remote, so that the webhook is on (it must take the secret
 * and nothing else), and OpenID Connect, so that its routes exist (the provider is never reached:
 * nothing listens at its address).
 */
async function startService(name: string, env: NodeJS.ProcessEnv = {}): Promise<TestGjerde> {
  const remote = bareRepo(join(remoteRoot, `${name}.git`));
  const mapping = join(remoteRoot, 'oidc-roles.json');
  await writeFile(mapping, JSON.stringify({ claim: 'groups', rules: [], allowEveryone: false }));
  return startTestGjerde({
    env: {
      GJERDE_REMOTE: remote,
      GJERDE_SYNC_INTERVAL: '0',
      GJERDE_WEBHOOK_SECRET: webhookSecret,
      GJERDE_OIDC_ISSUER: 'http://127.0.0.1:9/',
      GJERDE_OIDC_CLIENT_ID: 'gjerde',
      GJERDE_OIDC_ROLES: mapping,
      GJERDE_PUBLIC_URL: 'http://127.0.0.1:3000/',
      ...env,
    },
  });
}

beforeAll(async () => {
  remoteRoot = await mkdtemp(join(tmpdir(), 'gjerde-roles-'));
  server = await startService('main');
  readingServer = await startService('reading', { GJERDE_ANONYMOUS_READ: '1' });
  // The account the anonymous reader signs in with.
  await ensurePersona(readingServer.gjerde.accounts, 'leser');
  agents.set('anonymous', request.agent(server.app));
  for (const asker of askers) if (asker !== 'anonymous') agents.set(asker, await server.as(asker));
  // Agreements waiting to be sent and to be approved, in Eksempelfylket (Kari's and Ola's parties),
  // drafted by Rita, so that Kari and Ola approve a text they did not write (four eyes).
  const rita = agents.get('redaktor') as Agent;
  for (const id of [targets.pageSubmit, targets.apiApproval, targets.pageApproval]) {
    await rita
      .post('/api/agreements')
      .send({ template: 'ramme', answers: rammeAnswers({ id }), reason: 'Til tilgangstesten' })
      .expect(201);
  }
  for (const id of [targets.apiApproval, targets.pageApproval])
    await rita.post(`/api/agreements/${id}/submit`).send({}).expect(200);
  const kari = agents.get('kari') as Agent;
  // Unclear cases about an agreement of Eksempelfylket: two open, two decided.
  await kari
    .post('/api/agreements')
    .send({
      template: 'ramme',
      answers: rammeAnswers({ id: targets.caseAgreement }),
      reason: 'Til tilgangstesten',
    })
    .expect(201);
  const committee = agents.get('utvalg') as Agent;
  for (const key of Object.keys(caseIds) as (keyof typeof caseIds)[]) {
    const raised = await kari.post('/api/cases').send(newCase('kari', key)).expect(201);
    caseIds[key] = raised.body.id;
    if (key.endsWith('Amendment'))
      await committee
        .post(`/api/cases/${caseIds[key]}/decision`)
        .send({ outcome: 'avgjort', text: `Vedtak i ${key}.`, owner: 'nav-eksempelfylket' })
        .expect(200);
  }
  await commitTheSplit(server.dataDir);
  for (const username of [targets.apiAccount, targets.pageAccount, targets.apiRemoved, targets.pageRemoved])
    await server.gjerde.accounts.add({
      username,
      // Names are unique among accounts.
      name: `Midlertidig Bruker ${username}`,
      email: `${username}@fjordvik.example`,
      roles: [],
    });
}, 180_000);

/** Gamlefylket, split into Eksempelfylket and Tredjefylket, and its agreement, which Tredjefylket continued. */
async function commitTheSplit(dir: string) {
  await commitFileByHand(
    dir,
    'felles/fylker.yaml',
    `fylker:
  - fylke: Gamlefylket
    fylkeskommune: gamle-fk
    delt: 2024-01-01
    etterfolgere: [Eksempelfylket, Tredjefylket]
  - fylke: Eksempelfylket
    fylkeskommune: eksempelfylket-fk
  - fylke: Tredjefylket
    fylkeskommune: tredje-fk
`,
    'Gamlefylket delt',
  );
  const dissolved = (county: string, countyParty: string, status: string, from: string, signed?: string) =>
    agreement({
      id: targets.dissolved,
      title: `Rammeavtale for ${county}`,
      county,
      countyParty: { id: countyParty, name: `${county} fylkeskommune` },
      status,
      from,
      ...(signed ? { signed } : {}),
    });
  await commitFileByHand(
    dir,
    `avtaler/${targets.dissolved}.md`,
    dissolved('Gamlefylket', 'gamle-fk', 'godkjent', '2020-01-01', '2019-12-10'),
    'Rammeavtale 2020\n\nGodkjent-av: Nils Nav | Direktør | nav-kh | 2019-12-10\nGodkjent-av: Frida Fylke | Fylkesdirektør | gamle-fk | 2019-12-10',
  );
  await commitFileByHand(
    dir,
    `avtaler/${targets.dissolved}.md`,
    dissolved('Tredjefylket', 'tredje-fk', 'utkast', '2024-01-01'),
    'Videreført for Tredjefylket etter delingen',
  );
}

afterAll(async () => {
  await server?.stop();
  await readingServer?.stop();
  await rm(remoteRoot, { recursive: true, force: true });
});

// ------------------------------------------------------------------ the tests

describe('the table of routes × roles', () => {
  it('has every route of the app, and no route the app lacks', () => {
    const real = routesOf(server.app).map(routeKey);
    const table = accessTable.filter((entry) => !entry.middleware).map(routeKey);
    expect(real.filter((route) => !table.includes(route))).toEqual([]);
    expect(table.filter((route) => !real.includes(route))).toEqual([]);
    expect(new Set(table).size).toBe(table.length);
  });

  it('knows how to call every route in it', () => {
    expect(accessTable.filter((entry) => callSpec(entry) === undefined).map(routeKey)).toEqual([]);
    expect(Object.keys(calls).filter((key) => !accessTable.some((entry) => routeKey(entry) === key))).toEqual(
      [],
    );
  });

  it('is the table docs/security.md shows', async () => {
    const doc = await readFile(join(projectRoot, 'docs/security.md'), 'utf8');
    expect(doc).toContain(accessTableMarkdown());
  });
});

describe('every route as every kind of person', () => {
  it.each(accessTable.map((entry) => [routeKey(entry), entry] as const))(
    '%s',
    async (_key, entry) => {
      const spec = callSpec(entry) as CallSpec;
      const mismatches: string[] = [];
      let saved = false;
      const ask = async (target: TestGjerde, asker: Asker, anonymousRead: boolean) => {
        const agent = spec.ownSession
          ? asker === 'anonymous'
            ? request.agent(target.app)
            : await target.as(asker)
          : agentOf(target, asker);
        const call = await spec.call({ target, asker, agent });
        const before = await snapshot(target);
        const response = await send(agent, entry.method, call);
        const expected = expectedOutcome(entry.access, asker, anonymousRead);
        // A refusal for a missing CSRF token would hide whether the gate works: the agents send theirs.
        const got = (response.text ?? '').includes(csrfMessage)
          ? 'refused for its CSRF token'
          : outcomeOf(call.url, response);
        const who = anonymousRead ? 'anonymous (anonymous reading on)' : asker;
        // Without the webhook's secret, every asker is answered 401, signed in or not.
        const wanted = expected === 'secret' ? 'sign in' : expected;
        if (got !== wanted)
          mismatches.push(
            `${who}: expected ${expected}, got ${got}: ${response.status} ${response.headers.location ?? ''}`.trim(),
          );
        const after = await snapshot(target);
        if (entry.method !== 'GET' && !spec.ownSession && expected !== 'allowed' && after !== before)
          mismatches.push(`${who}: refused, but the repository or the accounts changed`);
        if (spec.saves && expected === 'allowed' && after !== before) {
          saved = true;
          const persona = personas[asker as PersonaName];
          const author = lastAuthor(target);
          if (spec.saves === 'git' && author !== `${persona.name} <${persona.email}>`)
            mismatches.push(`${who}: saved with the author ${author}`);
        }
      };
      for (const asker of askers) await ask(server, asker, false);
      await ask(readingServer, 'anonymous', true);
      if (spec.saves && !saved) mismatches.push('no allowed call saved anything');
      expect(mismatches).toEqual([]);
    },
    120_000,
  );

  it('lets the webhook in with its secret, whoever sends it', async () => {
    const before = await server.gjerde.store.head();
    await request(server.app).post('/api/sync').set('authorization', `Bearer ${webhookSecret}`).expect(200);
    await (agents.get('admin') as Agent)
      .post('/api/sync')
      .set('x-gitlab-token', 'feil hemmelighet')
      .expect(401);
    expect(await server.gjerde.store.head()).toBe(before);
  });
});
