import { type Request, type RequestHandler, Router } from 'express';
import { countySideCounties, readingScope } from '../../access/party-grants.js';
import type { ServingContact } from '../../contacts/contacts.js';
import { GjerdeError } from '../../domain/errors.js';
import { today } from '../../format/dates.js';
import { agreementKinds, situationFacets } from '../../format/vocabulary.js';
import { list } from '../../format/wording.js';
import type { Gjerde } from '../../gjerde.js';
import {
  type LookupAnswer,
  type LookupRequest,
  type LookupResult,
  maxQuestionLength,
} from '../../lookup/search.js';
import { TermMarker } from '../../render/term-marks.js';
import { presentContact } from '../contacts-present.js';
import { withLastApproved } from '../lookup-approved-text.js';
import { withLegalNotes } from '../lookup-legal.js';
import { withPrecedents } from '../lookup-precedents.js';
import { presentLookupAnswer } from '../lookup-present.js';
import { type RestoredResult, withRestoredVersions } from '../lookup-restored.js';
import { withSuccessionNotes } from '../lookup-succession.js';
import { type PresentedOverlap, withOverlaps } from '../overlaps-present.js';
import { queryParam } from '../query.js';
import { urls, withPermalinks } from '../urls.js';
import type { Render } from '../views.js';

/** The query parameters of the lookup page and API (the page's form fields have the same names). */
const parameters = ['q', 'at', 'county', 'agreement', 'party', 'age', 'situation', 'limit', 'scope'] as const;

function readQuery(req: Request): LookupRequest {
  const request: LookupRequest = {};
  for (const name of parameters) request[name] = queryParam(req, name);
  return request;
}

/** The question, and who asks it: the signed-in person's counties and parties are the default scope. */
function asked(req: Request, request: LookupRequest): LookupRequest {
  return req.principal ? { ...request, person: readingScope(req.principal) } : request;
}

/** The address's query as it was sent, from after the `?`. */
function queryString(req: Request): string {
  const at = req.originalUrl.indexOf('?');
  return at < 0 ? '' : req.originalUrl.slice(at + 1);
}

/** What `fields` may name: the parts of each result. */
type ResultField =
  | keyof RestoredResult
  | 'permalink'
  | 'precedents'
  | 'raiseHref'
  | 'legalBasisRepealed'
  | 'excerpt';
const resultFields: Record<ResultField, true> = {
  precedents: true,
  legalBasisRepealed: true,
  raiseHref: true,
  agreementId: true,
  agreementTitle: true,
  agreementKind: true,
  county: true,
  example: true,
  clauseId: true,
  clauseTitle: true,
  status: true,
  owner: true,
  supporting: true,
  costBearer: true,
  costShares: true,
  legalBasis: true,
  contact: true,
  escalation: true,
  text: true,
  excerpt: true,
  ages: true,
  facets: true,
  revision: true,
  restoredBy: true,
  approvalWarning: true,
  validity: true,
  permalink: true,
  score: true,
  area: true,
  ownerContacts: true,
  today: true,
  upcoming: true,
};

/**
 * The parts of each result an answer has unless more are asked for: enough to show who owns it (or that
 * it is a grey zone, and where the case goes), who pays, whether the text is the approved one, for which
 * dates and where it applies, the committee's decisions on it, the start of the clause and the link to it. Writing the whole answer
 * (14.5 kB with ten clause texts, contacts, revisions and links to raise a case) was the largest part of
 * serving a repeated question.
 */
const briefFields: readonly ResultField[] = [
  'agreementId',
  'county',
  'area',
  'example',
  'clauseId',
  'clauseTitle',
  'status',
  'owner',
  'costShares',
  'escalation',
  'approvalWarning',
  'validity',
  'today',
  'upcoming',
  'excerpt',
  'precedents',
  'permalink',
];

/** What an answer's results hold: `fields=clauseTitle,owner,…`, every part with `full=1`, else the brief. */
function readFields(req: Request): readonly ResultField[] | 'all' {
  const full = queryParam(req, 'full');
  if (full !== undefined && full !== '1' && full !== 'true')
    throw new GjerdeError(
      'invalid-input',
      `full kan bare være 1 (hele svaret); ikke «${full.slice(0, 20)}».`,
    );
  const value = queryParam(req, 'fields');
  const named = value !== undefined && value.trim() !== '';
  if (full !== undefined && named)
    throw new GjerdeError(
      'invalid-input',
      'Bruk enten fields (de delene du nevner) eller full=1 (alt), ikke begge.',
    );
  if (full !== undefined) return 'all';
  if (!named) return briefFields;
  const names = [...new Set(value.split(',').map((name) => name.trim()))];
  const unknown = names.filter((name) => !Object.hasOwn(resultFields, name));
  if (unknown.length > 0)
    throw new GjerdeError(
      'invalid-input',
      `fields kan bare nevne ${Object.keys(resultFields).join(', ')}; ikke «${unknown.join(', ').slice(0, 60)}».`,
    );
  return names as ResultField[];
}

/** How long an excerpt is at most, in characters: a line or two of the clause. */
const excerptLength = 140;

/** The start of a clause's text, cut between words and marked «…» when there is more. */
function excerptOf(text: string): string {
  if (text.length <= excerptLength) return text;
  const cut = text.lastIndexOf(' ', excerptLength - 1);
  return `${text.slice(0, cut > excerptLength / 2 ? cut : excerptLength - 1).trimEnd()}…`;
}

function withFields<R extends { text: string }, A extends { results: readonly R[]; elsewhere: readonly R[] }>(
  answer: A,
  fields: readonly ResultField[] | 'all',
) {
  if (fields === 'all') return answer;
  const pick = (result: R) =>
    Object.fromEntries(
      fields.map((name) => [
        name,
        name === 'excerpt' ? excerptOf(result.text) : (result as Record<string, unknown>)[name],
      ]),
    );
  return { ...answer, results: answer.results.map(pick), elsewhere: answer.elsewhere.map(pick) };
}

/**
 * `GET /api/lookup`: «who owns this?» as JSON. Scripts and the page's own requests ask it many times a
 * second, so app.ts serves it before the page-only middleware (CSRF token, page context, sign-in pages),
 * behind the same gates; a repeated question is answered from the answer cache as prepared bytes.
 */
export function lookupApi(gjerde: Gjerde): RequestHandler {
  const { answers } = gjerde;
  return async (req, res) => {
    // What people type may be personal; answers are never cached on the way (only here, in memory).
    res.set('Cache-Control', 'no-store');
    // A kept answer is found before the question is read (a tenth of serving one went to reading it): by
    // the query as sent, the person's scope (asked), today (a question without a date is answered for
    // today) and HEAD (decided cases change answers). A query that is refused is never kept.
    const scope = req.principal ? readingScope(req.principal) : null;
    const key = JSON.stringify([queryString(req), scope, today(), await gjerde.store.head()]);
    const answer = await answers.get(key, async () => {
      const request = asked(req, readQuery(req));
      const fields = readFields(req);
      const municipality = queryParam(req, 'kommune')?.trim() || undefined;
      const found = await withRestoredVersions(
        gjerde.agreements,
        await withLastApproved(gjerde.agreements, await gjerde.lookup.search(request)),
      );
      const body = Buffer.from(
        JSON.stringify({
          ...withFields(
            withLegalNotes(
              await gjerde.legal.current(),
              await withOverlaps(
                gjerde.agreements,
                await withPrecedents(gjerde.cases, withPermalinks(found)),
              ),
            ),
            fields,
          ),
          contacts: (await contactsFor(gjerde, req, municipality, found.date)).listed,
        }),
        'utf8',
      );
      // Express's own ETag, computed once for the answer instead of on every send.
      const etag = (req.app.get('etag fn') as ((body: Buffer) => string | undefined) | undefined)?.(body);
      return { body, etag: etag ?? '' };
    });
    if (answer.etag) res.set('ETag', answer.etag);
    res.type('json').send(answer.body);
  };
}

/** The lookup page `/oppslag` (a GET form that works without JS). */
export function lookupRoutes(gjerde: Gjerde, render: Render): Router {
  const router = Router();
  // Build the index as the service starts; a question asked meanwhile waits for it. Failures are logged.
  // Every answer says which umbrella agreements overlap: read them once the index is ready, so the first
  // question does not wait for them.
  gjerde.lookup
    .ready()
    .then(() => gjerde.agreements.umbrellaOverlaps())
    .catch(() => undefined);

  router.get('/oppslag', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    // The form without JavaScript sends its empty fields too (`&at=&county=`): the address people share and
    // bookmark is the same question without them. Empty parameters are read as absent, so the answer is the same.
    const query = Object.entries(req.query);
    if (query.some(([, value]) => value === '') && query.every(([, value]) => typeof value === 'string')) {
      const given = query.filter(([, value]) => value !== '') as [string, string][];
      res.redirect(303, urls.lookup(Object.fromEntries(given)));
      return;
    }
    let request: LookupRequest = {};
    let answer:
      | ReturnType<
          typeof withSuccessionNotes<
            ReturnType<typeof withLegalNotes<Awaited<ReturnType<typeof withPrecedents<LookupAnswer>>>>>
          >
        >
      | undefined;
    let overlaps: PresentedOverlap[] = [];
    let error: GjerdeError | undefined;
    try {
      request = readQuery(req);
      const given = Object.values(request).some((value) => value !== undefined);
      if (given) {
        answer = withSuccessionNotes(
          await gjerde.countySplits.current(),
          withLegalNotes(
            await gjerde.legal.current(),
            await withPrecedents(
              gjerde.cases,
              await withRestoredVersions(
                gjerde.agreements,
                await withLastApproved(gjerde.agreements, await gjerde.lookup.search(asked(req, request))),
              ),
            ),
          ),
        );
        overlaps = (await withOverlaps(gjerde.agreements, answer)).overlaps;
      }
    } catch (caught) {
      if (!(caught instanceof GjerdeError)) throw caught;
      error = caught;
      // A refused question is not shown again (it may hold a national identity number).
      if (
        caught.code === 'personal-data' ||
        (typeof req.query.q === 'string' && req.query.q.length > maxQuestionLength)
      )
        request.q = undefined;
    }
    const choices = await gjerde.lookup.choices(answer?.date ?? today());
    const municipality = queryParam(req, 'kommune')?.trim() || undefined;
    const places = await gjerde.contacts.places();
    const contacts = answer
      ? await contactsFor(gjerde, req, municipality, answer.date)
      : { heading: '', listed: [], forCards: [] };
    const form = { ...request, q: request.q ?? '' };
    // The date sits beside the question, not among the filters; the county has the scope line above the
    // answer, with the action that changes it. Opened for a county alone (the chooser's tap), the panel put
    // the first owner 1,120 px down on a phone.
    const filtersUsed = Boolean(
      request.agreement || request.party || request.age || request.situation || municipality,
    );
    res.status(error ? (error.code === 'personal-data' ? 422 : 400) : 200);
    res.type('html').send(
      render('lookup', {
        title: request.q ? `${request.q} – Hvem har ansvaret?` : 'Hvem har ansvaret?',
        hideHeaderSearch: true,
        form,
        filtersOpen: filtersUsed || Boolean(error && !request.q),
        error: error?.message,
        answer:
          answer &&
          presentLookupAnswer(
            answer,
            asked(req, request),
            today(),
            await termMarkers(gjerde, answer),
            contacts.forCards,
          ),
        overlaps,
        asked: Boolean(answer || error),
        contacts: answer && {
          heading: contacts.heading,
          list: contacts.listed.map(presentContact),
        },
        municipalities: places.municipalities.map((name) => ({
          value: name,
          label: name,
          selected: name === municipality,
        })),
        counties: choices.counties.map((name) => ({
          value: name,
          label: name,
          selected: name === answer?.filters.county,
        })),
        agreementGroups: choices.agreements.map((group) => ({
          county: group.county,
          agreements: group.agreements.map((agreement) => ({
            value: agreement.id,
            label: `${agreementKinds[agreement.kind]}: ${agreement.title}`,
            selected: agreement.id === request.agreement,
          })),
        })),
        parties: choices.parties.map((party) => ({
          value: party.id,
          label: party.name,
          selected: party.id === request.party,
        })),
        situations: Object.entries(situationFacets).map(([value, label]) => ({
          value,
          label,
          selected: value === request.situation,
        })),
        examples: [
          '19 år og fikk ikke læreplass',
          'hvem betaler arbeidsklær i praksis',
          'elev som vurderer å slutte',
          'hvem ringer jeg i OT',
        ].map((q) => ({ q, href: urls.lookup({ q }) })),
      }),
    );
  });

  return router;
}

/**
 * The contacts a lookup answer shows (`listed`, under `heading`): for a chosen municipality both sides; for a
 * NAV worker OT's contacts for the NAV offices they work for (their parties that are offices in a contact
 * register); for someone on the county's side (the county authority, OT, a school) the NAV offices' contacts
 * in their counties, each with the offices it serves. `forCards` are those the first card may name on the
 * owner's side: both sides of the same offices or municipality, so a NAV worker asking about a clause NAV
 * owns is named the contact at their own office; none for the county's side, where no one NAV office is
 * theirs. An example register's contacts carry «Eksempel», and are left out once the example agreements are.
 */
async function contactsFor(
  gjerde: Gjerde,
  req: Request,
  municipality: string | undefined,
  date: string,
): Promise<{ heading: string; listed: ServingContact[]; forCards: ServingContact[] }> {
  // The example registers' fictional people leave with the example agreements (on the date asked).
  const withoutExamples = await gjerde.lookup.examplesLeftOut(date);
  if (municipality) {
    const both = await gjerde.contacts.find({ municipality, withoutExamples });
    return { heading: `Kontakter for ${municipality}`, listed: both, forCards: both };
  }
  const officeHeading = 'OT-kontakter for ditt NAV-kontor';
  if (!req.principal) return { heading: officeHeading, listed: [], forCards: [] };
  const offices = readingScope(req.principal).parties;
  const both = offices.length > 0 ? await gjerde.contacts.find({ offices, withoutExamples }) : [];
  if (both.length > 0)
    return {
      heading: officeHeading,
      listed: both.filter((contact) => contact.side === 'fylkeskommune'),
      forCards: both,
    };
  const counties = countySideCounties(req.principal);
  const nav =
    counties.length > 0 ? await gjerde.contacts.find({ counties, side: 'nav', withoutExamples }) : [];
  return { heading: `NAV-kontakter i ${list(counties)}`, listed: nav, forCards: [] };
}

/**
 * One term marker per agreement version among the cards: the shared glossary with that version's own
 * `:::ordliste` (which wins where both explain a name), each with ids of its own on the page.
 */
async function termMarkers(
  gjerde: Gjerde,
  answer: LookupAnswer,
): Promise<(result: LookupResult) => TermMarker> {
  const index = await gjerde.lookup.ready();
  const markers = new Map<string, TermMarker>();
  const keyOf = (result: LookupResult) => `${result.agreementId}@${result.revision.rev}`;
  for (const result of [...answer.results, ...answer.elsewhere]) {
    if (markers.has(keyOf(result))) continue;
    const version = index.history(result.agreementId).find((v) => v.revision.rev === result.revision.rev);
    const terms = await gjerde.glossary.forAgreement(version?.agreement.glossary ?? []);
    markers.set(keyOf(result), new TermMarker(terms, `begrep-${markers.size + 1}`));
  }
  const shared = new TermMarker(await gjerde.glossary.forAgreement([]), 'begrep-0');
  return (result) => markers.get(keyOf(result)) ?? shared;
}
