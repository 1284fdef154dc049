import { sameCounty } from '../domain/county-spelling.js';
import { isFollowUpService } from '../format/party-kinds.js';
import type { AgreementMeta } from '../format/types.js';
import type { Template } from '../templates/render.js';
import type { VariableSpec } from '../templates/schema.js';
import type { FieldProblem } from './form.js';

/** The template variable that holds OT's party id, beside the one that names its parent agreement. */
const followUpServiceId = 'otId';
const parentAgreement = 'parent';

/** The parent agreement a template's answers name (`overordnet`), if they name one. */
export function parentOf(template: Template, answers: unknown): string | undefined {
  if (!template.schema.variables.some((spec) => spec.name === parentAgreement)) return undefined;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return undefined;
  const parent = (answers as Record<string, unknown>)[parentAgreement];
  return typeof parent === 'string' && parent.trim() !== '' ? parent.trim() : undefined;
}

/**
 * An agreement under another one has the county's OT as its parent has it: the parent's follow-up service
 * party id, so that grants, lookups and contact registers read one party. The form asks for OT by name and
 * otherwise gives every county the template's default id (`ot`), which names a different OT in each county
 * (docs/security.md, «A party grant means one party»). An id typed other than the default stays.
 */
export function withParentFollowUpService(
  template: Template,
  answers: unknown,
  parent: AgreementMeta,
): unknown {
  const spec = template.schema.variables.find((candidate) => candidate.name === followUpServiceId);
  if (!spec || typeof answers !== 'object' || answers === null || Array.isArray(answers)) return answers;
  const given = (answers as Record<string, unknown>)[followUpServiceId];
  if (given !== undefined && given !== '' && given !== spec.default) return answers;
  const service = parent.parties.find(isFollowUpService);
  if (!service) return answers;
  const before = typeof given === 'string' && given !== '' ? given : undefined;
  const renamed = before
    ? renameParty(template.schema.variables, answers as Answers, before, service.id)
    : answers;
  return { ...(renamed as Answers), [followUpServiceId]: service.id };
}

/** An agreement under another one is in its parent's county (the templates ask for it as `county`). */
export function parentCountyProblems(answers: unknown, parent: AgreementMeta | undefined): FieldProblem[] {
  const county = typeof answers === 'object' && answers !== null ? (answers as Answers).county : undefined;
  if (!parent || typeof county !== 'string' || !county.trim() || sameCounty(county, parent.county)) return [];
  return [
    {
      variable: 'county',
      message: `Den overordnede avtalen «${parent.title}» gjelder ${parent.county}. En avtale som hører under den, må gjelde samme fylke: skriv ${parent.county}, eller velg en annen overordnet avtale.`,
    },
  ];
}

type Answers = Record<string, unknown>;

/** The answers with every reference to a party (a field choosing parties, also in lists) moved to another id. */
function renameParty(specs: VariableSpec[], answers: Answers, from: string, to: string): Answers {
  const renamed: Answers = { ...answers };
  for (const spec of specs) {
    const value = renamed[spec.name];
    if (spec.choices === 'parties' && typeof value === 'string')
      renamed[spec.name] = value.replace(/\S+/g, (id) => (id === from ? to : id));
    else if (spec.items && Array.isArray(value))
      renamed[spec.name] = value.map((item: unknown) =>
        typeof item === 'object' && item !== null && !Array.isArray(item)
          ? renameParty(spec.items as VariableSpec[], item as Answers, from, to)
          : item,
      );
  }
  return renamed;
}
