/**
 * Every address src/web/urls.ts builds is a page the running service answers: built from real ids,
 * revisions and dates of the example agreements and a case raised for the test, asked over HTTP as an
 * editor who approves (Kari), as an administrator (the users page) or signed out (signing in).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { AttentionTarget } from '../../src/drafting/reviews.js';
import { urls, withHref } from '../../src/web/urls.js';
import { startTestGjerde } from '../helpers/gjerde.js';

let server: Awaited<ReturnType<typeof startTestGjerde>>;
let kari: Awaited<ReturnType<typeof server.as>>;
let admin: Awaited<ReturnType<typeof server.as>>;
let revs: { old: string; new: string };
let caseId: string;
const id = 'fjordvik-ramme';
const clause = 'uten-laereplass';

beforeAll(async () => {
  server = await startTestGjerde();
  kari = await server.as('kari');
  admin = await server.as('admin');
  const versions = [...(await server.gjerde.agreements.versions(id))].sort((a, b) =>
    a.revision.date.localeCompare(b.revision.date),
  );
  const [first, last] = [versions[0], versions.at(-1)];
  if (!first || !last) throw new Error('no versions');
  revs = { old: first.revision.rev, new: last.revision.rev };
  const raised = await kari
    .post('/api/cases')
    .send({
      title: 'PC i OT-klassen',
      agreement: id,
      party: 'ot',
      situation: 'Ungdom i OT-klassen trenger PC.',
      disagreement: 'Partene er uenige om hvem som låner ut PC.',
    })
    .expect(201);
  caseId = (raised.body as { id: string }).id;
}, 120_000);
afterAll(async () => server?.stop());

/** The path and query the service sees (a fragment never reaches it). */
const requested = (url: string) => url.replace(/#.*$/, '');

describe('every page address urls.ts builds answers', () => {
  const pages = (): Array<[string, string]> => [
    ['an agreement', urls.agreement(id)],
    ['an agreement at a clause', urls.agreement(id, { clause })],
    ['an agreement on a date', urls.agreement(id, { at: '2018-06-01', clause })],
    ['an agreement as saved', urls.agreement(id, { rev: revs.old })],
    ['a revision at a clause', urls.revision(id, revs.old, clause)],
    ['a timeline', urls.timeline(id)],
    ['the compare page', urls.compare(id)],
    ['two revisions compared', urls.compare(id, revs.old.slice(0, 12), revs.new.slice(0, 12))],
    ['two dates compared', urls.compare(id, '2017-03-01', '2025-09-01')],
    ['a clause history', urls.clauseHistory(id, clause)],
    ['the editor', urls.edit(id)],
    ['the editor in form mode at a clause', urls.edit(id, { form: true, clause })],
    ['the editor with a last day filled in', urls.edit(id, { validTo: '2030-12-31' })],
    ['the editor after a save', urls.edit(id, { saved: revs.new, note: 'lagret' })],
    ['the draft overview', urls.draft(id)],
    ['the draft overview after a save', urls.draft(id, revs.new)],
    ['sending for approval', urls.send(id)],
    ['the approval page', urls.approve(id)],
    ['the approval page after sending', urls.approve(id, { sent: true })],
    ['the approval page after an approval', urls.approve(id, { approvedBy: 'nav-fjordvik' })],
    ['a case', urls.case(caseId)],
    ['a case just raised', urls.case(caseId, 'meldt')],
    ['raising a case', urls.newCase()],
    [
      'raising a case about a clause',
      urls.newCase({ agreement: id, clause, ages: '16–19', situations: 'skole' }),
    ],
    ['the lookup', urls.lookup({ q: 'hvem betaler arbeidsklær', county: 'Fjordvik' })],
    ['the counties compared', urls.national({ q: 'arbeidsklær', at: '2025-09-01' })],
    ['the counties compared by clause', urls.national({ agreement: id, clause })],
    ['the glossary', urls.glossary()],
    ['the glossary at a term', urls.glossary({ term: 'OT', anchor: 'begrep-ot' })],
    ['the contacts', urls.contacts()],
    ['the contacts at a contact', urls.contacts({ name: 'Fjordvik', id: 'fjordvik' })],
    ['the glossary’s history', urls.glossaryHistory()],
    ['a contact register’s history', urls.contactsHistory('Sørholm')],
    ['a county’s NAV offices', urls.contactOffices('Fjordvik')],
    ['a county’s NAV offices after a save', urls.contactOffices('Sørholm', 'NAV Kystbyen')],
    ['changing the password', urls.password()],
    ['changing the password, then a page', urls.password('/')],
  ];

  it('as an editor who approves', async () => {
    for (const [name, url] of pages()) {
      const res = await kari.get(requested(url));
      expect({ name, url, status: res.status }).toEqual({ name, url, status: 200 });
    }
  });

  it('signing in, as someone not signed in', async () => {
    for (const url of [urls.signIn(), urls.signIn(urls.timeline(id)), urls.signedOut()])
      expect({ url, status: (await request(server.app).get(url)).status }).toEqual({ url, status: 200 });
  });

  it('the users page, as the administrator', async () => {
    for (const url of [urls.users(), urls.users({ changed: 'kari' }), urls.users({ removed: 'nobody' })])
      expect({ url, status: (await admin.get(url)).status }).toEqual({ url, status: 200 });
  });

  it("each kind of attention item's link", async () => {
    const targets: AttentionTarget[] = [
      { page: 'edit', agreementId: id },
      { page: 'edit', agreementId: id, validTo: '2030-12-31' },
      { page: 'approve', agreementId: id },
      { page: 'clause', agreementId: id, clauseId: clause },
      { page: 'compare', agreementId: id, from: revs.old, to: revs.new },
    ];
    for (const target of targets) {
      const { href } = withHref({ id, title: '', kind: 'draft', date: '', text: '', example: false, target });
      expect({ href, status: (await kari.get(requested(href))).status }).toEqual({ href, status: 200 });
    }
  });
});
