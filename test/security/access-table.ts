/**
 * Who may use which route: the table of docs/security.md as data. test/security/roles.test.ts holds every
 * route of the app to it with real requests as every kind of person, fails when the app has a route the
 * table lacks, and checks that docs/security.md shows exactly this table (`accessTableMarkdown`).
 */

/** What a route does, and so who may use it. */
export type Access =
  /** Anyone: the service's own files, health, the API description, signing in and out. */
  | 'public'
  /** Anyone signed in: their own account and session. */
  | 'signedIn'
  /** Reading, lookup, history, compare, downloads: anyone signed in, or anyone with anonymous reading. */
  | 'read'
  /** Drafting without an agreement yet (templates, preview, check): editors. */
  | 'draft'
  /** Changing an agreement (or saving a new one): editors whose counties or parties it concerns. */
  | 'edit'
  /**
   * A successor county's own agreement from a dissolved county's text another successor continued: editors for
   * a successor county (its name, or its county authority's party) that has not continued it.
   */
  | 'successor'
  /** Approving: approvers, each for their own party. */
  | 'approve'
  /** A county's NAV offices and their municipalities: its register's editors (either side), and administrators. */
  | 'offices'
  /** Raising an unclear case for the cooperation committee: anyone signed in. */
  | 'raise'
  /** What the committee does with a case (decide, escalate, close): its members, for their counties' agreements. */
  | 'decide'
  | 'admin'
  /** The sync webhook: the shared secret, never a session. */
  | 'secret';

/** The columns: who is asking. */
export const audiences = [
  'anonymous',
  'anonymousRead',
  'leser',
  'redaktor',
  'godkjenner',
  'utvalg',
  'admin',
] as const;
export type Audience = (typeof audiences)[number];

export const audienceHeadings: Record<Audience, string> = {
  anonymous: 'anonymous',
  anonymousRead: 'anonymous, `GJERDE_ANONYMOUS_READ=1`',
  leser: 'signed in, no role (leser)',
  redaktor: 'redaktør',
  godkjenner: 'godkjenner',
  utvalg: 'utvalg (samarbeidsutvalget)',
  admin: 'admin',
};

/**
 * `yes`; `in scope`: only for an agreement of one of the person's counties, or one their party is a party
 * to (for a new agreement: the one being saved; for a case: the agreement it concerns); `own party`: approving only for their own party; `no`
 * (the person is sent to sign in, or refused with 403); `secret`: only with the webhook's shared secret.
 */
export type Permission = 'yes' | 'in scope' | 'own party' | 'no' | 'secret';

export const permissions: Record<Access, Record<Audience, Permission>> = {
  public: {
    anonymous: 'yes',
    anonymousRead: 'yes',
    leser: 'yes',
    redaktor: 'yes',
    godkjenner: 'yes',
    utvalg: 'yes',
    admin: 'yes',
  },
  signedIn: {
    anonymous: 'no',
    anonymousRead: 'no',
    leser: 'yes',
    redaktor: 'yes',
    godkjenner: 'yes',
    utvalg: 'yes',
    admin: 'yes',
  },
  read: {
    anonymous: 'no',
    anonymousRead: 'yes',
    leser: 'yes',
    redaktor: 'yes',
    godkjenner: 'yes',
    utvalg: 'yes',
    admin: 'yes',
  },
  draft: {
    anonymous: 'no',
    anonymousRead: 'no',
    leser: 'no',
    redaktor: 'yes',
    godkjenner: 'no',
    utvalg: 'no',
    admin: 'no',
  },
  edit: {
    anonymous: 'no',
    anonymousRead: 'no',
    leser: 'no',
    redaktor: 'in scope',
    godkjenner: 'no',
    utvalg: 'no',
    admin: 'no',
  },
  successor: {
    anonymous: 'no',
    anonymousRead: 'no',
    leser: 'no',
    redaktor: 'in scope',
    godkjenner: 'no',
    utvalg: 'no',
    admin: 'no',
  },
  approve: {
    anonymous: 'no',
    anonymousRead: 'no',
    leser: 'no',
    redaktor: 'no',
    godkjenner: 'own party',
    utvalg: 'no',
    admin: 'no',
  },
  offices: {
    anonymous: 'no',
    anonymousRead: 'no',
    leser: 'no',
    redaktor: 'in scope',
    godkjenner: 'no',
    utvalg: 'no',
    admin: 'yes',
  },
  admin: {
    anonymous: 'no',
    anonymousRead: 'no',
    leser: 'no',
    redaktor: 'no',
    godkjenner: 'no',
    utvalg: 'no',
    admin: 'yes',
  },
  raise: {
    anonymous: 'no',
    anonymousRead: 'no',
    leser: 'yes',
    redaktor: 'yes',
    godkjenner: 'yes',
    utvalg: 'yes',
    admin: 'yes',
  },
  decide: {
    anonymous: 'no',
    anonymousRead: 'no',
    leser: 'no',
    redaktor: 'no',
    godkjenner: 'no',
    utvalg: 'in scope',
    admin: 'no',
  },
  secret: {
    anonymous: 'secret',
    anonymousRead: 'secret',
    leser: 'secret',
    redaktor: 'secret',
    godkjenner: 'secret',
    utvalg: 'secret',
    admin: 'secret',
  },
};

export interface AccessRule {
  method: string;
  /** Express notation, as in the router stack. */
  path: string;
  access: Access;
  /** Served by a middleware (express.static), not a route: not in the router stack, tested all the same. */
  middleware?: true;
  note?: string;
}

const rule = (method: string, path: string, access: Access, note?: string): AccessRule =>
  note === undefined ? { method, path, access } : { method, path, access, note };

export const accessTable: AccessRule[] = [
  // The service itself and signing in.
  { method: 'GET', path: '/assets/*', access: 'public', middleware: true, note: 'styles, scripts' },
  rule('GET', '/assets/designsystemet.css', 'public'),
  rule('GET', '/assets/designsystemet-theme.css', 'public'),
  rule('GET', '/healthz', 'public'),
  rule('GET', '/api/openapi.json', 'public'),
  rule('GET', '/api/dokumentasjon', 'public'),
  rule('GET', '/logg-inn', 'public'),
  rule('POST', '/logg-inn', 'public', 'rate-limited; CSRF token from the sign-in page'),
  rule('POST', '/logg-ut', 'public'),
  rule('POST', '/api/session', 'public', 'rate-limited; JSON sign-in for scripts'),
  rule('GET', '/logg-inn/oidc', 'public', 'only with OpenID Connect set up (docs/oidc.md)'),
  rule('GET', '/logg-inn/oidc/tilbake', 'public', 'only with OpenID Connect set up'),
  rule('DELETE', '/api/session', 'public'),
  rule('GET', '/api/session', 'signedIn', 'who is signed in, and the CSRF token'),
  rule('GET', '/konto/passord', 'signedIn', 'local accounts'),
  rule('POST', '/konto/passord', 'signedIn', 'local accounts'),
  rule('POST', '/api/sync', 'secret', 'the webhook; off without `GJERDE_WEBHOOK_SECRET`'),
  // Reading.
  rule('GET', '/', 'read'),
  rule('GET', '/avtaler', 'read', 'a redirect to `/`'),
  rule('GET', '/avtaler/:id', 'read'),
  rule('GET', '/avtaler/:id.md', 'read'),
  rule('GET', '/avtaler/:id.pdf', 'read'),
  rule('GET', '/avtaler/:id.docx', 'read'),
  rule('GET', '/oppslag', 'read'),
  rule('GET', '/api/lookup', 'read'),
  rule('GET', '/fylkene', 'read', 'agreements are read by every signed-in person; so is the comparison'),
  rule('GET', '/api/national', 'read'),
  rule('GET', '/api/agreements', 'read'),
  rule('GET', '/api/agreements/:id', 'read'),
  rule('GET', '/avtaler/:id/historikk', 'read'),
  rule('GET', '/avtaler/:id/sammenlign', 'read'),
  rule('GET', '/avtaler/:id/sammenlign.pdf', 'read'),
  rule('GET', '/avtaler/:id/punkter/:clauseId/historikk', 'read'),
  rule('GET', '/api/agreements/:id/history', 'read'),
  rule('GET', '/api/agreements/:id/compare', 'read'),
  rule('GET', '/api/agreements/:id/clauses/:clauseId/history', 'read'),
  rule('GET', '/avtaler/:id/godkjenn', 'read', 'the approval state; the form only for approvers'),
  rule('GET', '/api/agreements/:id/approvals', 'read'),
  rule('GET', '/api/reviews', 'read'),
  // Drafting and editing.
  rule('GET', '/ny', 'draft'),
  rule('GET', '/ny/:template', 'draft'),
  rule('POST', '/api/preview', 'draft', 'saves nothing'),
  rule('POST', '/api/check', 'draft', 'saves nothing'),
  rule(
    'POST',
    '/api/agreements/:id/clause-check',
    'draft',
    'one clause form, checked as it is typed; saves nothing',
  ),
  rule('POST', '/ny/:template', 'edit', 'the new agreement’s county or parties'),
  rule('POST', '/api/agreements', 'edit', 'the new agreement’s county or parties'),
  rule(
    'GET',
    '/avtaler/:id/egen-avtale',
    'successor',
    'in scope: an editor for a successor county that has not continued the dissolved county’s agreement',
  ),
  rule(
    'POST',
    '/avtaler/:id/egen-avtale',
    'successor',
    'also the new agreement’s county or parties; only as that county’s own agreement (its county, erstatter and county authority), and only while it has none',
  ),
  rule('GET', '/avtaler/:id/utkast', 'edit', 'the draft overview «Lagre utkast» lands on'),
  rule('GET', '/avtaler/:id/rediger', 'edit'),
  rule('POST', '/avtaler/:id/rediger', 'edit', 'also the county and parties the text is saved with'),
  rule('POST', '/avtaler/:id/rediger/konflikt', 'edit'),
  rule('POST', '/avtaler/:id/rediger/punkt', 'edit'),
  rule('PUT', '/api/agreements/:id', 'edit', 'also the county and parties the text is saved with'),
  rule('GET', '/avtaler/:id/send', 'edit'),
  rule('POST', '/avtaler/:id/send', 'edit'),
  rule('POST', '/api/agreements/:id/submit', 'edit'),
  // Approving.
  rule('POST', '/avtaler/:id/godkjenn', 'approve'),
  rule('POST', '/api/agreements/:id/approvals', 'approve'),
  // Administration.
  rule('GET', '/admin/integritet', 'admin'),
  rule('GET', '/api/admin/integrity', 'admin'),
  rule('GET', '/admin/godkjenninger', 'admin'),
  rule(
    'POST',
    '/admin/godkjenninger',
    'admin',
    'confirms an approval Gjerde did not record: a commit by the administrator with why',
  ),
  rule('POST', '/api/admin/approvals/:rev/confirm', 'admin', 'as the page'),
  rule('GET', '/admin/innstillinger', 'admin', 'read-only: settings come from the environment'),
  rule('GET', '/admin/brukere', 'admin'),
  rule('POST', '/admin/brukere', 'admin', 'shows the one-time password once'),
  rule('GET', '/admin/brukere/:username', 'admin'),
  rule('POST', '/admin/brukere/:username', 'admin'),
  rule('POST', '/admin/brukere/:username/nytt-passord', 'admin'),
  rule('GET', '/admin/brukere/:username/fjern', 'admin'),
  rule('POST', '/admin/brukere/:username/fjern', 'admin'),
  rule('GET', '/api/admin/users', 'admin'),
  rule('POST', '/api/admin/users', 'admin'),
  rule('GET', '/api/admin/users/:username', 'admin'),
  rule('PATCH', '/api/admin/users/:username', 'admin'),
  rule('DELETE', '/api/admin/users/:username', 'admin'),
  rule('POST', '/api/admin/users/:username/reset', 'admin'),
  // Unclear cases for the cooperation committee (samarbeidsutvalget).
  rule('GET', '/saker', 'read', 'the committee’s list; a member sees their queue first'),
  rule('GET', '/saker/:id', 'read'),
  rule('GET', '/api/cases', 'read'),
  rule('GET', '/api/cases/:id', 'read'),
  rule('GET', '/saker/ny', 'raise'),
  rule(
    'POST',
    '/saker',
    'raise',
    'anonymous descriptions only: no fødselsnummer; names and addresses must be confirmed',
  ),
  rule('POST', '/api/cases', 'raise', 'as `POST /saker`'),
  rule('POST', '/saker/:id/vedtak', 'decide', 'decide, send to the steering group, or close as covered'),
  rule('POST', '/api/cases/:id/decision', 'decide'),
  rule('GET', '/saker/:id/endring', 'edit', 'the amendment a decision leads to; the case’s agreement'),
  rule('POST', '/saker/:id/endring', 'edit', 'a draft of the agreement, approved by the parties as usual'),
  rule('POST', '/api/cases/:id/amendment', 'edit'),
  // The shared glossary: national, so any editor changes it (one commit each, in their name).
  rule('GET', '/begreper', 'read'),
  rule('POST', '/begreper', 'draft', 'the shared glossary is national: any editor'),
  rule('POST', '/begreper/slett', 'draft'),
  rule('GET', '/begreper/historikk', 'read', 'every change: who, when, why and what'),
  rule('GET', '/api/glossary', 'read'),
  rule('PUT', '/api/glossary/:term', 'draft', 'adds the term, or changes it'),
  rule('DELETE', '/api/glossary/:term', 'draft'),
  // The contact register: each side keeps its own contacts.
  rule('GET', '/kontakter', 'read', 'finds the contacts for a municipality or a NAV office'),
  rule(
    'POST',
    '/kontakter/:county',
    'edit',
    'in scope: the county’s side for editors of the county or its county authority, NAV’s for editors of a NAV office in the register',
  ),
  rule('POST', '/kontakter/:county/:id/slett', 'edit'),
  rule('GET', '/kontakter/:county/historikk', 'read', 'every change to the county’s register'),
  rule('GET', '/api/contacts', 'read'),
  rule('GET', '/api/contacts/:county', 'read'),
  rule('POST', '/api/contacts/:county', 'edit', 'as `POST /kontakter/:county`'),
  rule('PUT', '/api/contacts/:county/:id', 'edit'),
  rule('DELETE', '/api/contacts/:county/:id', 'edit'),
  // A county's NAV offices and the municipalities they serve: both sides' contacts are kept against them.
  rule(
    'POST',
    '/kontakter',
    'offices',
    'starts the register of a county that has none, with its first NAV office; as `POST /kontakter/:county/kontor`',
  ),
  rule(
    'POST',
    '/kontakter/:county/kontor',
    'offices',
    'in scope: an editor of either side of the county’s register; administrators for every county',
  ),
  rule(
    'POST',
    '/kontakter/:county/kontor/:office/endre',
    'offices',
    'renames it or changes its municipalities',
  ),
  rule('POST', '/kontakter/:county/kontor/:office/slett', 'offices', 'only an office no contact serves'),
  rule('POST', '/api/contacts/:county/offices', 'offices', 'as `POST /kontakter/:county/kontor`'),
  rule('PUT', '/api/contacts/:county/offices/:office', 'offices'),
  rule('DELETE', '/api/contacts/:county/offices/:office', 'offices'),
];

const cell = (access: Access, audience: Audience): string => {
  const permission = permissions[access][audience];
  if (permission === 'yes') return '✓';
  if (permission === 'no') return audience.startsWith('anonymous') ? 'sign in' : '403';
  return permission;
};

/** The table as docs/security.md shows it. */
export function accessTableMarkdown(): string {
  const header = ['route', ...audiences.map((audience) => audienceHeadings[audience]), 'note'];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const entry of accessTable) {
    const cells = audiences.map((audience) => cell(entry.access, audience));
    lines.push(`| \`${entry.method} ${entry.path}\` | ${cells.join(' | ')} | ${entry.note ?? ''} |`);
  }
  return lines.join('\n');
}
