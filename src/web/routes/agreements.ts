import { type Request, Router } from 'express';
import type { AgreementVersion } from '../../domain/agreements.js';
import { versionInForce } from '../../domain/validity.js';
import { today } from '../../format/dates.js';
import type { Gjerde } from '../../gjerde.js';
import { agreementToHtml } from '../agreement-html.js';
import { describePeriod, formatDate } from '../labels.js';
import { presentSummary } from '../present.js';
import { versionQuery } from '../query.js';
import type { Render } from '../views.js';

export function agreementRoutes(gjerde: Gjerde, render: Render): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const agreements = (await gjerde.agreements.summaries()).map((summary) => {
      const presented = presentSummary(summary);
      return {
        ...presented,
        parties: presented.parties.map((party) => party.name).join(', '),
        draftPending: summary.latest !== summary.inForce,
        latestStatus: summary.latest.agreement.meta.status,
      };
    });
    res.type('html').send(render('front', { title: 'Avtaler', agreements }));
  });

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
    res.type('html').send(
      render('agreement', {
        title: meta.title,
        id: version.id,
        meta,
        parent: meta.parent,
        revision: version.revision,
        at: query.at ?? '',
        html: agreementToHtml(version.markdown, version.agreement),
        banner: versionBanner(version, current, versions[0], query.at),
      }),
    );
  });

  return router;
}

/** The version a page asks for: by revision or date; otherwise the one in force, else the latest. */
async function pickVersion(gjerde: Gjerde, req: Request<{ id: string }>, current?: AgreementVersion) {
  const query = versionQuery(req);
  if (query.rev !== undefined || query.at !== undefined || !current)
    return gjerde.agreements.get(req.params.id, query);
  return current;
}

function versionBanner(
  version: AgreementVersion,
  current: AgreementVersion | undefined,
  latest: AgreementVersion | undefined,
  at: string | undefined,
) {
  const { meta } = version.agreement;
  const period = describePeriod(meta.validFrom, meta.validTo);
  const currentHref = `/avtaler/${version.id}`;
  if (version === current) {
    if (latest && latest !== current) {
      return {
        heading: 'Dette er gjeldende versjon.',
        text: `Et nyere utkast (${latest.agreement.meta.status}, lagret ${formatDate(latest.revision.date)}) er ikke godkjent ennå.`,
      };
    }
    return undefined;
  }
  const when = at ? `Slik avtalen gjaldt ${formatDate(at)}: versjonen` : 'Versjonen';
  return {
    heading: current ? 'Dette er ikke gjeldende versjon.' : 'Avtalen er ikke i kraft i dag.',
    text: `${when} lagret ${formatDate(version.revision.date)} (${meta.status}), gyldig ${period}.`,
    currentHref: current ? currentHref : undefined,
  };
}
