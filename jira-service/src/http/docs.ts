import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

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
    // Puts the schemas registered with an id (`.meta({ id })`) under components/schemas, where the $refs point.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
