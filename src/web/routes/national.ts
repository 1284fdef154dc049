import { type Request, Router } from 'express';
import { GjerdeError, httpStatusOf } from '../../domain/errors.js';
import { situationFacets } from '../../format/vocabulary.js';
import type { Gjerde } from '../../gjerde.js';
import type { NationalRequest } from '../../lookup/national.js';
import { nationalWithLastApproved } from '../lookup-approved-text.js';
import { nationalJson, presentNational } from '../national-present.js';
import { queryParam } from '../query.js';
import type { Render } from '../views.js';

/** The query parameters of the page and the API (the page's form fields have the same names). */
const parameters = ['q', 'situation', 'agreement', 'clause', 'age', 'at'] as const;

function readQuery(req: Request): NationalRequest {
  const request: NationalRequest = {};
  for (const name of parameters) request[name] = queryParam(req, name);
  return request;
}

/** The comparison, each clause from an unrecorded text with what the parties last approved for it. */
async function acrossCounties(gjerde: Gjerde, request: NationalRequest) {
  return nationalWithLastApproved(gjerde.agreements, await gjerde.lookup.acrossCounties(request));
}

/**
 * Across counties: `GET /api/national` (JSON) and the page `/fylkene`. Agreements are documents every
 * signed-in person may read, so the comparison is open to the same people as the lookup.
 */
export function nationalRoutes(gjerde: Gjerde, render: Render): Router {
  const router = Router();

  router.get('/api/national', async (req, res) => {
    // A question may be personal: never cached on the way.
    res.set('Cache-Control', 'no-store');
    res.json(nationalJson(await acrossCounties(gjerde, readQuery(req))));
  });

  router.get('/fylkene', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    let request: NationalRequest = {};
    let overview: ReturnType<typeof presentNational> | undefined;
    let error: GjerdeError | undefined;
    try {
      request = readQuery(req);
      if (Object.values(request).some((value) => value !== undefined))
        overview = presentNational(await acrossCounties(gjerde, request), request);
    } catch (caught) {
      if (!(caught instanceof GjerdeError)) throw caught;
      error = caught;
      // A refused question is not shown again (it may hold a national identity number).
      if (caught.code === 'personal-data') request.q = undefined;
    }
    res.status(error ? httpStatusOf[error.code] : 200);
    res.type('html').send(
      render('national', {
        title: overview ? overview.heading : 'Slik gjør fylkene det',
        form: request,
        error: error?.message,
        overview,
        situations: Object.entries(situationFacets).map(([value, label]) => ({
          value,
          label,
          selected: value === request.situation,
        })),
      }),
    );
  });

  return router;
}
