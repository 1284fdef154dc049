import { type Request, Router } from 'express';
import { approvableParties, continuingSuccessors, mayEdit } from '../../access/policy.js';
import type { AgreementVersion } from '../../domain/agreements.js';
import { approvalRound, approvalState } from '../../domain/approvals.js';
import { successionNote } from '../../domain/county-splits.js';
import { repealedCitations } from '../../domain/legal-references.js';
import { listedApprovalWarnings, unrecordedVersion } from '../../domain/text-approval.js';
import { isApproved, signedBy, versionInForce } from '../../domain/validity.js';
import { ownAgreementFacts } from '../../drafting/own-agreement.js';
import { today } from '../../format/dates.js';
import type { Gjerde } from '../../gjerde.js';
import { agreementForPage } from '../../render/agreement-html.js';
import { TermMarker } from '../../render/term-marks.js';
import { presentSuccessorActions } from '../agreement-present.js';
import { clauseNotes } from '../cases-present.js';
import { presentFront } from '../front-present.js';
import { versionBanner } from '../history-banner.js';
import { nationalHref } from '../national-present.js';
import { agreementOverlaps } from '../overlaps-present.js';

import { presentProblems, presentSyncConflict } from '../problems-present.js';
import { versionQuery } from '../query.js';
import { presentUnrecorded, versionOrigin } from '../version-origin.js';
import type { Render } from '../views.js';

export function agreementRoutes(gjerde: Gjerde, render: Render): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const summaries = await gjerde.agreements.summaries();
    const front = presentFront(summaries, req.principal, today(), {
      selfApproval: gjerde.config.selfApproval,
      approvalWarnings: await listedApprovalWarnings(gjerde.agreements, summaries),
      legal: await gjerde.legal.current(),
      overlaps: await gjerde.agreements.umbrellaOverlaps(),
      splits: await gjerde.countySplits.current(),
    });
    res
      .type('html')
      .send(render('front', { title: front.heading, ...front, hideHeaderSearch: front.lookup }));
  });

  // The agreement list is `/`, where the breadcrumb «Avtaler» goes; an agreement's address trimmed back or
  // typed as the list's lands there too.
  router.get('/avtaler', (_req, res) => res.redirect(302, '/'));

  router.get('/avtaler/:id.md', async (req, res) => {
    const version = await pickVersion(gjerde, req);
    res.type('text/markdown; charset=utf-8');
    res.attachment(`${version.id}.md`);
    res.send(version.markdown);
  });

  router.get('/avtaler/:id', async (req, res) => {
    const query = versionQuery(req);
    const versions = await gjerde.agreements.versions(req.params.id);
    const current = versionInForce(versions, today());
    const version = await pickVersion(gjerde, req, current);
    const { meta } = version.agreement;
    // Links only to what this person may do; the routes and the domain check again.
    const latest = versions[0]?.agreement.meta ?? meta;
    const principal = req.principal;
    const mayChange = principal !== undefined && mayEdit(principal, latest);
    const splits = await gjerde.countySplits.current();
    // A successor county's editor continues a dissolved county's agreement in the editor (docs/format.md).
    const continuing =
      principal !== undefined && !mayChange ? continuingSuccessors(principal, latest, splits) : [];
    // Once one successor has continued the file, another successor's editor writes their own agreement from
    // the dissolved county's text, which still applies there until that agreement is approved.
    const others = await gjerde.agreements.latestMetas();
    const own =
      principal !== undefined && !mayChange && continuing.length === 0
        ? ownAgreementFacts(principal, versions, splits, others)
        : undefined;
    const mayApprove =
      principal !== undefined &&
      latest.status === 'til-godkjenning' &&
      approvableParties(
        principal,
        latest.county,
        approvalState(latest, approvalRound(versions, splits)).required,
      ).length > 0;
    const precedents = await gjerde.cases.precedents({
      date: query.at ?? today(),
      facets: [],
      results: version.agreement.clauses.map((clause) => ({ agreementId: version.id, clauseId: clause.id })),
    });
    const legal = await gjerde.legal.current();
    const { titleHtml, html, outline } = agreementForPage(version.markdown, version.agreement, {
      clauseNotes: (clause) => [
        ...repealedCitations(legal, clause.legalBasis, query.at ?? today()).map(({ provision, text }) => ({
          warning: 'Hjemmel opphevet',
          text,
          ...(provision.sources[0] ? { link: { href: provision.sources[0], text: 'Kilde' } } : {}),
        })),
        // A draft answers no one: its clauses are no place to raise a case about (its writers take questions).
        ...clauseNotes(
          precedents,
          version.id,
          principal !== undefined && version.valid && isApproved(meta),
        )(clause),
        {
          link: {
            href: nationalHref({ agreement: version.id, clause: clause.id, at: query.at }),
            text: 'Slik gjør andre fylker det',
          },
        },
      ],
      terms: new TermMarker(await gjerde.glossary.forAgreement(version.agreement.glossary)),
    });
    res.type('html').send(
      render('agreement', {
        title: meta.title,
        outline,
        clauseCount: version.agreement.clauses.length,
        id: version.id,
        meta,
        parent: meta.parent && (await parentLink(gjerde, meta.parent)),
        signatories: signedBy(meta),
        revision: version.revision,
        origin: versionOrigin(version, versions),
        at: query.at ?? '',
        titleHtml,
        html,
        banner: versionBanner(version, versions, current, query.at),
        unrecorded: presentUnrecorded(await unrecordedVersion(versions, version.revision.rev)),
        succession: successionNote(
          splits,
          meta,
          versions.map((item) => item.agreement.meta),
          others,
        ),
        overlaps: agreementOverlaps(await gjerde.agreements.umbrellaOverlaps(), version.id, {
          ...(query.at !== undefined ? { at: query.at } : {}),
          today: today(),
        }),
        problems: presentProblems(version, versions[0], current),
        syncConflict: presentSyncConflict(version.id, versions, mayChange),
        mayChange,
        ...presentSuccessorActions(version.id, {
          dissolved: own?.split.county ?? meta.county,
          continuedBy: latest.county,
          continuing,
          replacing: own?.candidates ?? [],
        }),
        mayApprove,
      }),
    );
  });

  return router;
}

/** The agreement a sub-agreement belongs to, as its page links it: by title (its id if it is not in the store). */
async function parentLink(gjerde: Gjerde, id: string) {
  const parent = (await gjerde.agreements.latestMetas()).find((meta) => meta.id === id);
  return { id, title: parent?.title ?? id };
}

/** The version a page asks for: by revision or date; otherwise the one in force, else the latest. */
async function pickVersion(gjerde: Gjerde, req: Request<{ id: string }>, current?: AgreementVersion) {
  const query = versionQuery(req);
  if (query.rev !== undefined || query.at !== undefined || !current)
    return gjerde.agreements.get(req.params.id, query);
  return current;
}
