import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Transform = typeof jsonSchemaTransform;

/**
 * Response headers worth documenting. The zod transform keeps only a response's description and
 * content, so they are added here; @fastify/swagger turns `headers` into OpenAPI response headers.
 */
const RESPONSE_HEADERS: Record<string, Record<string, { type: string; description: string }>> = {
  '409': { 'retry-after': { type: 'integer', description: 'Seconds to wait before retrying the same Idempotency-Key' } },
  '429': { 'retry-after': { type: 'integer', description: 'Seconds to wait before retrying, as Sentry asked' } },
};

const withResponseHeaders: Transform = (document) => {
  const transformed = jsonSchemaTransform(document);
  const response = transformed.schema.response as Record<string, Record<string, unknown>> | undefined;
  for (const [status, headers] of Object.entries(RESPONSE_HEADERS)) {
    const entry = response?.[status];
    if (entry) entry.headers = headers;
  }
  return transformed;
};

/** OpenAPI 3.1 from the routes' zod schemas: `/docs` (Swagger UI) and `/docs/json`. */
export async function registerDocs(app: FastifyInstance, info: { title: string; description: string; version: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info,
      components: {
        securitySchemes: { serviceToken: { type: 'http', scheme: 'bearer', description: 'SERVICE_TOKEN' } },
      },
    },
    transform: withResponseHeaders,
    // Puts every schema named with `.meta({ id })` under components.schemas, so each $ref resolves.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
