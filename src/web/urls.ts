/**
 * Every page address Gjerde links or redirects to, built in one place. Features and the domain return
 * data (ids, revisions, dates); presenters and routes turn it into links here, so a page that moves moves
 * in one file, and `test/web/urls.test.ts` asks each address built here of the running service. Views keep
 * their static links (`/oppslag`, `/saker`).
 */
import type { AttentionItem, AttentionTarget } from '../drafting/reviews.js';
import { slugOf } from '../format/ids.js';

type Query = Record<string, string | number | undefined>;

/** A path with a query of the given parameters (those undefined or empty left out) and a fragment. */
function address(path: string, query: Query = {}, fragment?: string): string {
  // Percent-encoded as encodeURIComponent does (a space is %20), as the links were written by hand.
  const search = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${path}${search ? `?${search}` : ''}${fragment ? `#${encodeURIComponent(fragment)}` : ''}`;
}

const agreementPath = (id: string) => `/avtaler/${encodeURIComponent(id)}`;

export const urls = {
  /** An agreement's page: as in force today, as saved in a revision, or as in force on a date. */
  agreement: (id: string, at: { rev?: string; at?: string; clause?: string } = {}) =>
    address(agreementPath(id), { rev: at.rev, at: at.at }, at.clause),
  /** A clause on its agreement's page as in force on the date an answer is about (today: as it is now). */
  clauseOn: (agreementId: string, clauseId: string, answer: { date: string; isToday: boolean }) =>
    urls.agreement(agreementId, { at: answer.isToday ? undefined : answer.date, clause: clauseId }),
  /** An agreement's page as saved in a revision (the commit id shortened to 12 characters), at a clause. */
  revision: (id: string, rev: string, clauseId?: string) =>
    address(agreementPath(id), { rev: rev.slice(0, 12) }, clauseId),
  timeline: (id: string) => `${agreementPath(id)}/historikk`,
  /** Two versions side by side, each a revision or a date (`fra`, `til`). */
  compare: (id: string, from?: string, to?: string) =>
    address(`${agreementPath(id)}/sammenlign`, { fra: from, til: to }),
  /** The same comparison as an A4 PDF report. */
  comparePdf: (id: string, from?: string, to?: string) =>
    address(`${agreementPath(id)}/sammenlign.pdf`, { fra: from, til: to }),
  clauseHistory: (id: string, clauseId: string) =>
    `${agreementPath(id)}/punkter/${encodeURIComponent(clauseId)}/historikk`,
  /**
   * The editor: after a save (the revision saved, the one merged with, a note), in form mode
   * (`visning=skjema`), with a last day in force filled in, at a clause.
   */
  edit: (
    id: string,
    options: {
      saved?: string;
      mergedWith?: string;
      note?: string;
      form?: boolean;
      validTo?: string;
      /** A successor county the editor continues a dissolved county's agreement for. */
      continueFor?: string;
      clause?: string;
    } = {},
  ) =>
    address(
      `${agreementPath(id)}/rediger`,
      {
        lagret: options.saved,
        slatt: options.mergedWith,
        merknad: options.note,
        visning: options.form ? 'skjema' : undefined,
        'gyldig-til': options.validTo,
        for: options.continueFor,
      },
      options.clause === undefined ? undefined : `punkt-${options.clause}`,
    ),
  /** A successor county's own agreement, started from a dissolved county's agreement another successor continued. */
  ownAgreement: (id: string, county: string) => address(`${agreementPath(id)}/egen-avtale`, { for: county }),
  /** The draft overview, after a save with the revision saved. */
  draft: (id: string, saved?: string) => address(`${agreementPath(id)}/utkast`, { lagret: saved }),
  send: (id: string) => `${agreementPath(id)}/send`,
  /** The approval page, after sending it or after a party approved (and ended the agreement it replaces). */
  approve: (id: string, after: { sent?: boolean; approvedBy?: string; ended?: string } = {}) =>
    address(`${agreementPath(id)}/godkjenn`, {
      sendt: after.sent ? '1' : undefined,
      godkjent: after.approvedBy,
      avsluttet: after.ended,
    }),
  case: (id: string, after?: 'meldt' | 'behandlet' | 'endret') =>
    address(`/saker/${encodeURIComponent(id)}`, after ? { [after]: '1' } : {}),
  /** Raising a case with what is known filled in (agreement, clause, ages `15–24`, situations). */
  newCase: (given: { agreement?: string; clause?: string; ages?: string; situations?: string } = {}) =>
    address('/saker/ny', {
      avtale: given.agreement,
      punkt: given.clause,
      alder: given.ages,
      situasjon: given.situations,
    }),
  /** The lookup page with its parameters (`q`, `county`, `at`, …). */
  lookup: (query: Query) => address('/oppslag', query),
  /** «Slik gjør fylkene det» with its parameters. */
  national: (query: Query) => address('/fylkene', query),
  /** The shared glossary, after a term was saved (and at it). */
  glossary: (saved?: { term: string; anchor: string }) =>
    address('/begreper', { lagret: saved?.term }, saved?.anchor),
  /** The contact registers, after a contact was saved (and at it). */
  contacts: (saved?: { name: string; id: string }) =>
    address('/kontakter', { lagret: saved?.name }, saved && `kontakt-${saved.id}`),
  /** Every change to the shared glossary: who, when, why and what. */
  glossaryHistory: () => '/begreper/historikk',
  /** Every change to a county's contact register. */
  contactsHistory: (county: string) => `/kontakter/${encodeURIComponent(county)}/historikk`,
  /** A county's NAV offices on the contact page, after one was saved or removed. */
  contactOffices: (county: string, saved?: string) =>
    address('/kontakter', { lagret: saved }, `kontorer-${slugOf(county)}`),
  /** The users page, after an account was changed or removed. */
  users: (after: { changed?: string; removed?: string } = {}) =>
    address('/admin/brukere', { endret: after.changed, fjernet: after.removed }),
  /** Signing in, and where to go after (a path on this site, percent-encoded whole). */
  signIn: (next?: string) =>
    next === undefined ? '/logg-inn' : `/logg-inn?neste=${encodeURIComponent(next)}`,
  signedOut: () => '/logg-inn?utlogget=1',
  /** Changing one's password, and where to go after. */
  password: (next?: string) =>
    next === undefined ? '/konto/passord' : `/konto/passord?neste=${encodeURIComponent(next)}`,
};

type ClauseRef = { agreementId: string; clauseId: string };

/** A lookup answer's results with the link to each clause as in force on the date asked about. */
export function withPermalinks<
  R extends ClauseRef,
  A extends { date: string; isToday: boolean; results: R[]; elsewhere: R[] },
>(answer: A) {
  const linked = (result: R) => ({
    ...result,
    permalink: urls.clauseOn(result.agreementId, result.clauseId, answer),
  });
  return { ...answer, results: answer.results.map(linked), elsewhere: answer.elsewhere.map(linked) };
}

/** Where an item that needs attention is acted on. */
function attentionHref(target: AttentionTarget): string {
  switch (target.page) {
    case 'edit':
      return urls.edit(target.agreementId, { validTo: target.validTo });
    case 'approve':
      return urls.approve(target.agreementId);
    case 'clause':
      return urls.agreement(target.agreementId, { clause: target.clauseId });
    case 'compare':
      return urls.compare(target.agreementId, target.from, target.to);
  }
}

/** An item that needs attention as pages and the API show it: with the link to act on it. */
export function withHref({ target, ...item }: AttentionItem) {
  return { ...item, href: attentionHref(target) };
}
