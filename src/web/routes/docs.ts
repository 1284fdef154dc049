import { Router } from 'express';
import { openApiDocument } from '../openapi.js';
import type { Render } from '../views.js';

/** `GET /api/openapi.json` (OpenAPI 3.1) and `/api/dokumentasjon`, the same document as a page. */
export function docsRoutes(render: Render): Router {
  const router = Router();
  const page = presentDocument();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  router.get('/api/dokumentasjon', (_req, res) => {
    res.type('html').send(render('api-docs', { title: 'API-dokumentasjon', ...page }));
  });
  return router;
}

interface ParameterLike {
  name: string;
  in: string;
  required?: boolean;
  description: string;
  schema: { type?: unknown; format?: string };
}
interface OperationLike {
  tags: readonly string[];
  summary: string;
  description?: string;
  parameters?: readonly ParameterLike[];
  requestBody?: { content: Record<string, { schema: SchemaLike }> };
  responses: Record<string, { description: string; content: Record<string, { schema: SchemaLike }> }>;
}
interface SchemaLike {
  $ref?: string;
  type?: unknown;
  properties?: Record<string, SchemaLike>;
  required?: readonly string[];
}

const where: Record<string, string> = {
  path: 'i stien',
  query: 'i spørringen',
  header: 'i hodet (HTTP-header)',
};

function schemaName(schema: SchemaLike): string {
  if (schema.$ref) return schema.$ref.split('/').pop() ?? '';
  return Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? '');
}

function presentDocument() {
  const operations: Array<{
    tag: string;
    method: string;
    path: string;
    anchor: string;
    operation: OperationLike;
  }> = [];
  for (const [path, methods] of Object.entries(openApiDocument.paths)) {
    for (const [method, operation] of Object.entries(methods as Record<string, OperationLike>)) {
      const anchor = `${method}-${path}`
        .replace(/[^a-z0-9]+/gi, '-')
        .replace(/-+$/, '')
        .toLowerCase();
      operations.push({ tag: operation.tags[0] ?? '', method, path, anchor, operation });
    }
  }
  const tags = openApiDocument.tags.map((tag) => ({
    name: tag.name,
    description: tag.description,
    id: `tag-${tag.name.toLowerCase().replace(/[^a-zæøå0-9]+/g, '-')}`,
    operations: operations
      .filter((entry) => entry.tag === tag.name)
      .map(({ method, path, anchor, operation }) => {
        const body = operation.requestBody?.content['application/json']?.schema;
        return {
          method: method.toUpperCase(),
          path,
          anchor,
          summary: operation.summary,
          description: operation.description,
          parameters: (operation.parameters ?? []).map((parameter) => ({
            name: parameter.name,
            where: where[parameter.in] ?? parameter.in,
            required: parameter.required === true,
            type:
              schemaName(parameter.schema) + (parameter.schema.format ? ` (${parameter.schema.format})` : ''),
            description: parameter.description,
          })),
          body: body?.properties
            ? Object.entries(body.properties).map(([name, schema]) => ({
                name,
                type: schemaName(schema),
                required: body.required?.includes(name) === true,
              }))
            : undefined,
          responses: Object.entries(operation.responses).map(([status, response]) => ({
            status,
            description: response.description,
            schema: schemaName(response.content['application/json']?.schema ?? {}),
            isRef: Boolean(response.content['application/json']?.schema.$ref),
          })),
        };
      }),
  }));
  return {
    info: openApiDocument.info,
    tags,
    schemas: Object.entries(openApiDocument.components.schemas).map(([name, schema]) => {
      const { properties = {}, required = [] } = schema as SchemaLike;
      return {
        name,
        properties: Object.entries(properties).map(([property, value]) => ({
          name: property,
          type: schemaName(value),
          required: required.includes(property),
        })),
      };
    }),
  };
}
