import { type Request, Router } from 'express';
import type { Side } from '../../domain/contact-file.js';
import { httpStatusOf } from '../../domain/errors.js';
import type { Gjerde } from '../../gjerde.js';
import type { Guards } from '../auth/guards.js';
import { presentContactsPage } from '../contacts-present.js';
import { actorOf, bodyObject } from '../drafting-input.js';
import { isCorrectable } from '../errors.js';
import { presentChanges } from '../glossary-present.js';
import { queryParam } from '../query.js';
import { urls } from '../urls.js';
import type { Render } from '../views.js';

type WithCounty = Request<{ county: string }>;
type WithContact = Request<{ county: string; id: string }>;

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
      })),
      ...extra,
    });
  };

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
      if (!isCorrectable(error)) throw error;
      res
        .status(httpStatusOf[error.code])
        .type('html')
        .send(await page(req, { error: { message: error.message, problems: error.details.problems ?? [] } }));
    }
  });

  router.post('/kontakter/:county/:id/slett', gate.draft, async (req: WithContact, res) => {
    await contacts.remove(req.params.county, req.params.id, actorOf(req));
    res.redirect(303, urls.contacts());
  });

  return router;
}
