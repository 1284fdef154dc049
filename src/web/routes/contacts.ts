import { type Request, type Response, Router } from 'express';
import { mayAdminister, mayDraft } from '../../access/policy.js';
import { registerPath, type Side } from '../../domain/contact-file.js';
import type { Gjerde } from '../../gjerde.js';
import type { Guards } from '../auth/guards.js';
import {
  contactFormPrefix,
  officeFormPrefix,
  presentContactsPage,
  registerFormPrefix,
} from '../contacts-present.js';
import { actorOf, bodyObject } from '../drafting-input.js';
import { presentFormError, sendFormAgain, typedBack } from '../form-errors.js';
import { presentChanges } from '../glossary-present.js';
import { presentDataFileHistoryPage } from '../history-present.js';
import { queryParam } from '../query.js';
import { urls } from '../urls.js';
import type { Render } from '../views.js';

type WithCounty = Request<{ county: string }>;
type WithContact = Request<{ county: string; id: string }>;
type WithOffice = Request<{ county: string; office: string }>;

/**
 * The contact register: `/kontakter` (find the contacts for a NAV office or a municipality, and each
 * county's register, changed by each side's editors) and `/api/contacts`.
 */
export function contactRoutes(gjerde: Gjerde, render: Render, gate: Guards): Router {
  const router = Router();
  const { contacts } = gjerde;

  router.get('/api/contacts', async (req, res) => {
    const office = queryParam(req, 'office');
    const municipality = queryParam(req, 'municipality');
    if (office === undefined && municipality === undefined) {
      const { registers } = await contacts.read();
      res.json({ registers });
      return;
    }
    res.json({
      contacts: await contacts.find({
        offices: office ? [office] : [],
        ...(municipality ? { municipality } : {}),
      }),
    });
  });

  router.get('/api/contacts/:county', async (req: WithCounty, res) => {
    res.json(await contacts.register(req.params.county));
  });

  router.post('/api/contacts/:county', gate.draft, async (req: WithCounty, res) => {
    const contact = await contacts.save(req.params.county, undefined, bodyObject(req), actorOf(req));
    res
      .status(201)
      .location(`/api/contacts/${encodeURIComponent(req.params.county)}/${contact.id}`)
      .json(contact);
  });

  router.put('/api/contacts/:county/:id', gate.draft, async (req: WithContact, res) => {
    res.json(await contacts.save(req.params.county, req.params.id, bodyObject(req), actorOf(req)));
  });

  router.delete('/api/contacts/:county/:id', gate.draft, async (req: WithContact, res) => {
    await contacts.remove(req.params.county, req.params.id, actorOf(req));
    res.status(204).end();
  });

  // A county's NAV offices and the municipalities they serve: editors of either side, and administrators
  // (the service checks who, so the gate only asks for a signed-in person).
  router.post('/api/contacts/:county/offices', gate.signedIn, async (req: WithCounty, res) => {
    const office = await contacts.saveOffice(req.params.county, undefined, bodyObject(req), actorOf(req));
    res.status(201).json(office);
  });

  router.put('/api/contacts/:county/offices/:office', gate.signedIn, async (req: WithOffice, res) => {
    res.json(await contacts.saveOffice(req.params.county, req.params.office, bodyObject(req), actorOf(req)));
  });

  router.delete('/api/contacts/:county/offices/:office', gate.signedIn, async (req: WithOffice, res) => {
    // The body is optional here (a reason); a DELETE without one is the common case.
    const body = req.body === undefined ? {} : bodyObject(req);
    await contacts.removeOffice(req.params.county, req.params.office, body, actorOf(req));
    res.status(204).end();
  });

  const page = async (req: Request, extra: Record<string, unknown> = {}) => {
    const municipality = queryParam(req, 'kommune')?.trim() || undefined;
    const office = queryParam(req, 'kontor')?.trim() || undefined;
    const registers = await Promise.all(
      (await contacts.read()).registers.map(async (register) => ({
        register,
        contacts: await contacts.all(register.county),
        changes: presentChanges(await contacts.history(register.county), 1),
      })),
    );
    const mayEdit = async (county: string, side: Side) =>
      req.principal !== undefined && (await contacts.mayEdit(req.principal, county, side));
    const mayEditOffices = async (county: string) =>
      req.principal !== undefined && (await contacts.mayEditOffices(req.principal, county));
    const found =
      municipality || office
        ? await contacts.find({ offices: office ? [office] : [], ...(municipality ? { municipality } : {}) })
        : undefined;
    return render('contacts', {
      title: 'Kontakter',
      ...(await presentContactsPage({
        registers,
        places: await contacts.places(),
        municipality,
        office,
        found,
        examplesLeftOut: await gjerde.lookup.examplesLeftOut(),
        mayEdit,
        mayEditOffices,
        officeForm: extra.officeForm as Record<string, unknown> | undefined,
        contactForm: extra.contactForm as Record<string, unknown> | undefined,
        mayStartRegister:
          req.principal !== undefined && (mayDraft(req.principal) || mayAdminister(req.principal)),
        registerForm: extra.registerForm as Record<string, unknown> | undefined,
      })),
      ...extra,
    });
  };

  router.get('/kontakter/:county/historikk', async (req: WithCounty, res) => {
    const { county } = await contacts.register(req.params.county);
    res.type('html').send(
      render('data-file-history', {
        title: `Historikk: Kontaktregisteret for ${county}`,
        fileTitle: `Kontaktregisteret for ${county}`,
        about: `Hvem i OT og på NAV-kontorene i ${county} som er kontakt for hvilke NAV-kontorer og kommuner.`,
        parentHref: urls.contacts(),
        parentLabel: 'Kontakter',
        selfHref: urls.contactsHistory(county),
        ...presentDataFileHistoryPage(await gjerde.history.dataFile(registerPath(county))),
      }),
    );
  });

  router.get('/kontakter', async (req, res) => {
    res.type('html').send(
      await page(req, {
        saved: typeof req.query.lagret === 'string' ? req.query.lagret.slice(0, 100) : undefined,
      }),
    );
  });

  /** A new contact (no `id`), or a change to one, from the page. */
  router.post('/kontakter/:county', gate.draft, async (req: WithCounty, res) => {
    const { id, ...fields } = bodyObject(req) as Record<string, unknown>;
    try {
      const saved = await contacts.save(
        req.params.county,
        typeof id === 'string' && id ? id : undefined,
        fields,
        actorOf(req),
      );
      res.redirect(303, urls.contacts(saved));
    } catch (error) {
      const form = { county: req.params.county, id, ...fields };
      await sendFormAgain(res, error, (refused) =>
        page(req, {
          error: presentFormError(refused, contactFormPrefix(req.params.county, form.id)),
          contactForm: typedBack(refused, form, { county: form.county, id: form.id }),
        }),
      );
    }
  });

  /** The page again with what went wrong, linked to the office form it came from, and what was typed in it. */
  const officeProblem = (req: Request, res: Response, error: unknown, form: Record<string, unknown>) =>
    sendFormAgain(res, error, (refused) =>
      page(req, {
        error: presentFormError(
          refused,
          officeFormPrefix(String(form.county), form.office as string | undefined),
        ),
        officeForm: typedBack(refused, form, { county: form.county, office: form.office }),
      }),
    );

  /** The first register of a county that has none, with its first NAV office. */
  router.post('/kontakter', gate.signedIn, async (req, res) => {
    const { county, ...fields } = bodyObject(req) as Record<string, unknown>;
    try {
      const office = await contacts.saveOffice(String(county ?? ''), undefined, fields, actorOf(req));
      const { county: name } = await contacts.register(String(county));
      res.redirect(303, urls.contactOffices(name, office.name));
    } catch (error) {
      await sendFormAgain(res, error, (refused) =>
        page(req, {
          error: presentFormError(refused, registerFormPrefix),
          registerForm: typedBack(refused, { county, ...fields }, {}),
        }),
      );
    }
  });

  router.post('/kontakter/:county/kontor', gate.signedIn, async (req: WithCounty, res) => {
    const fields = bodyObject(req);
    try {
      const office = await contacts.saveOffice(req.params.county, undefined, fields, actorOf(req));
      res.redirect(303, urls.contactOffices(req.params.county, office.name));
    } catch (error) {
      await officeProblem(req, res, error, { ...fields, county: req.params.county });
    }
  });

  router.post('/kontakter/:county/kontor/:office/endre', gate.signedIn, async (req: WithOffice, res) => {
    const fields = bodyObject(req);
    const { county, office: id } = req.params;
    try {
      const office = await contacts.saveOffice(county, id, fields, actorOf(req));
      res.redirect(303, urls.contactOffices(county, office.name));
    } catch (error) {
      await officeProblem(req, res, error, { ...fields, county, office: id });
    }
  });

  router.post('/kontakter/:county/kontor/:office/slett', gate.signedIn, async (req: WithOffice, res) => {
    const fields = bodyObject(req);
    const { county, office } = req.params;
    try {
      await contacts.removeOffice(county, office, fields, actorOf(req));
      res.redirect(303, urls.contactOffices(county));
    } catch (error) {
      await officeProblem(req, res, error, { ...fields, county, office });
    }
  });

  router.post('/kontakter/:county/:id/slett', gate.draft, async (req: WithContact, res) => {
    await contacts.remove(req.params.county, req.params.id, actorOf(req));
    res.redirect(303, urls.contacts());
  });

  return router;
}
