/**
 * The templates Gjerde ships (`templates/ramme`, `templates/lokal`): each renders its
 * `example-answers.yaml` to a valid agreement of its own type, within its word budget.
 * Passes without checking anything while a template folder does not exist yet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parse as parseYaml } from 'yaml';
import { plainMessages } from '../../src/format/messages.js';
import { TemplateCatalog } from '../../src/templates/catalog.js';
import { renderTemplate } from '../../src/templates/render.js';

const root = fileURLToPath(new URL('../../templates/', import.meta.url));
const shipped = ['ramme', 'lokal'].filter((id) => existsSync(join(root, id, 'example-answers.yaml')));

describe('shipped templates', () => {
  it('are found where they exist (none yet is fine)', () => {
    expect(shipped.every((id) => existsSync(join(root, id, 'template.md.hbs')))).toBe(true);
  });

  if (shipped.length === 0) return;

  it.each(shipped)(
    '%s renders its example answers to a valid agreement within its word budget',
    async (id) => {
      const catalog = await TemplateCatalog.load(root);
      const template = catalog.get(id);
      expect(template).toBeDefined();
      if (!template) return;
      const answers: unknown = parseYaml(readFileSync(join(root, id, 'example-answers.yaml'), 'utf8'));
      const result = renderTemplate(template, answers);
      expect(plainMessages(result.parsed.file)).toEqual([]);
      expect(result.parsed.ok).toBe(true);
      expect(result.parsed.agreement.meta.kind).toBe(id);
      expect(result.parsed.agreement.clauses.length).toBeGreaterThan(0);
      if (template.schema.wordBudget !== undefined)
        expect(result.words).toBeLessThanOrEqual(template.schema.wordBudget);
    },
  );

  it.each(shipped)("%s asks for a clause's owner unless the clause is a grey zone", async (id) => {
    const template = (await TemplateCatalog.load(root)).get(id);
    if (!template) throw new Error(`no template ${id}`);
    const answers = parseYaml(readFileSync(join(root, id, 'example-answers.yaml'), 'utf8')) as {
      clauses: Record<string, unknown>[];
    };
    const [first] = answers.clauses;
    if (!first) throw new Error(`no clause in ${id}`);
    delete first.owner;
    first.greyZone = false;
    expect(() => renderTemplate(template, answers)).toThrow(
      expect.objectContaining({
        problems: [
          {
            variable: 'clauses[0].owner',
            message:
              '«Ansvarlig part» (clauses[0].owner) må fylles ut, eller kryss av for «Gråsone (uavklart)».',
          },
        ],
      }),
    );
    first.greyZone = true;
    first.escalation = 'Samarbeidsutvalget';
    expect(renderTemplate(template, answers).parsed.ok).toBe(true);
  });

  it.each(shipped)('%s writes the dates in its text as people write them, not as ISO dates', async (id) => {
    const template = (await TemplateCatalog.load(root)).get(id);
    if (!template) throw new Error(`no template ${id}`);
    const answers = {
      ...(parseYaml(readFileSync(join(root, id, 'example-answers.yaml'), 'utf8')) as object),
      validFrom: '2027-01-01',
      validTo: '2028-12-31',
    };
    const result = renderTemplate(template, answers);
    expect(result.markdown).toContain('Avtalen gjelder fra 1. januar 2027 til og med 31. desember 2028.');
    expect(result.parsed.agreement.meta).toMatchObject({ validFrom: '2027-01-01', validTo: '2028-12-31' });
  });

  it.each(shipped)('%s takes a cost shared equally by two parties («halvparten hver»)', async (id) => {
    const template = (await TemplateCatalog.load(root)).get(id);
    if (!template) throw new Error(`no template ${id}`);
    const answers = parseYaml(readFileSync(join(root, id, 'example-answers.yaml'), 'utf8')) as {
      clauses: Record<string, unknown>[];
    };
    const [first, second] = renderTemplate(template, answers).parsed.agreement.meta.parties.map(
      (party) => party.id,
    );
    const [clause, ...rest] = answers.clauses;
    const result = renderTemplate(template, {
      ...answers,
      clauses: [{ ...clause, cost: `${first} ${second}` }, ...rest],
    });
    expect(plainMessages(result.parsed.file)).toEqual([]);
    expect(result.markdown).toContain(`kostnad="${first} ${second}"`);
    expect(result.parsed.agreement.clauses[0]?.costShares).toEqual([{ party: first }, { party: second }]);
  });

  it.each(shipped.filter((id) => id === 'ramme'))(
    '%s has a word budget of about a thousand words at most',
    async (id) => {
      const template = (await TemplateCatalog.load(root)).get(id);
      expect(template?.schema.wordBudget).toBeDefined();
      expect(template?.schema.wordBudget).toBeLessThanOrEqual(1000);
    },
  );
});
