import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** What each error status means here; OpenAPI requires a description for every response. */
const RESPONSE_DESCRIPTIONS: Record<string, string> = {
  200: 'Success',
  201: 'Created',
  400: 'Invalid request (body, query, parameters or headers), or a response_url outside the allowlist',
  401: 'Missing or wrong `Authorization: Bearer $SERVICE_TOKEN`',
  403: 'Slack refused this bot the action (not in the channel, not its message, workspace restriction)',
  404: 'Slack does not know the channel, message, thread or user (or the response_url has expired)',
  409: 'The channel is archived, or a request with this Idempotency-Key is still in progress',
  422: "Slack refused the content (invalid blocks, bad name), or the Idempotency-Key was used for another request",
  429: 'Slack rate limit; retry after the Retry-After header',
  502: 'Slack failed, or refused this service\'s own credentials (invalid_auth, missing_scope)',
  503: 'No Slack credentials are configured, or they cannot be decrypted',
  504: 'Slack did not answer in time; a write may or may not have happened',
};

type Document = ReturnType<typeof jsonSchemaTransformObject>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fills in response descriptions and the Retry-After header that zod schemas cannot express. */
function describeResponses(document: Document): Document {
  const paths: unknown = document.paths;
  if (!isRecord(paths)) return document;
  for (const operations of Object.values(paths)) {
    if (!isRecord(operations)) continue;
    for (const operation of Object.values(operations)) {
      if (!isRecord(operation) || !isRecord(operation.responses)) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!isRecord(response)) continue;
        const description = RESPONSE_DESCRIPTIONS[status];
        if (description && response.description === 'Default Response') response.description = description;
        if (status === '429' || status === '409') {
          response.headers = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } };
        }
      }
    }
  }
  return document;
}

const REF = /"\$ref":"#\/components\/schemas\/([^"]+)"/g;

/**
 * The zod registry yields an input and an output variant of every named schema; generated
 * clients should only see the ones the routes actually reference.
 */
function dropUnusedSchemas(document: Document): Document {
  const schemas: unknown = 'components' in document ? document.components?.schemas : undefined;
  if (!isRecord(schemas)) return document;
  const used = new Set<string>();
  let frontier = JSON.stringify(document.paths);
  while (frontier !== '') {
    const found = [...frontier.matchAll(REF)].map((match) => match[1] ?? '').filter((name) => !used.has(name));
    for (const name of found) used.add(name);
    frontier = found.map((name) => JSON.stringify(schemas[name] ?? {})).join('');
  }
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  return document;
}

/** OpenAPI 3 from the routes' zod schemas: `/docs` (Swagger UI) and `/docs/json`. */
export async function registerDocs(app: FastifyInstance, info: { title: string; description: string; version: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info,
      components: {
        securitySchemes: { serviceToken: { type: 'http', scheme: 'bearer', description: 'SERVICE_TOKEN' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => dropUnusedSchemas(describeResponses(jsonSchemaTransformObject(input))),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
