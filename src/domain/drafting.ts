import { plainMessages } from '../format/messages.js';
import type { TemplateCatalog } from '../templates/catalog.js';
import { type RenderResult, renderTemplate, TemplateError } from '../templates/render.js';
import { GjerdeError } from './errors.js';

/** Renders a template with answers into a valid agreement, or explains in Norwegian what is wrong. */
export function draftFromTemplate(
  templates: TemplateCatalog,
  templateId: string,
  answers: unknown,
): RenderResult {
  const template = templates.get(templateId);
  if (!template) {
    const known = templates
      .list()
      .map((candidate) => candidate.id)
      .join(', ');
    throw new GjerdeError(
      'not-found',
      `Fant ingen mal «${String(templateId).slice(0, 60)}». Kjente maler: ${known}.`,
    );
  }
  let result: RenderResult;
  try {
    result = renderTemplate(template, answers);
  } catch (error) {
    if (error instanceof TemplateError)
      throw new GjerdeError('invalid-input', error.message, { problems: error.problems });
    throw error;
  }
  if (!result.parsed.ok) {
    throw new GjerdeError('invalid-agreement', 'Avtalen som malen lager med disse svarene, har feil.', {
      messages: plainMessages(result.parsed.file),
    });
  }
  return result;
}
