import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Template } from './render.js';
import { checkSchema } from './schema.js';

/** The templates in a folder: `<id>/schema.yaml` beside `<id>/template.md.hbs`. */
export class TemplateCatalog {
  private constructor(private readonly templates: Map<string, Template>) {}

  static async load(dir: string): Promise<TemplateCatalog> {
    const templates = new Map<string, Template>();
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries
      .filter((item) => item.isDirectory())
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const schemaPath = join(dir, entry.name, 'schema.yaml');
      const path = join(dir, entry.name, 'template.md.hbs');
      const schema = checkSchema(parseYaml(await readFile(schemaPath, 'utf8')), schemaPath);
      templates.set(entry.name, { id: entry.name, schema, source: await readFile(path, 'utf8'), path });
    }
    return new TemplateCatalog(templates);
  }

  list(): Template[] {
    return [...this.templates.values()];
  }

  get(id: string): Template | undefined {
    return this.templates.get(id);
  }
}
