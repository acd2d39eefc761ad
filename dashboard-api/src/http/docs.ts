import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../auth/session-cookies.js';

/** The ways to call a protected route, as the document names them. */
export const SECURITY_SCHEMES = {
  apiToken: { type: 'http', scheme: 'bearer', description: 'An API token (`sfd_…`) made in the dashboard; needs no CSRF token' },
  sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie set by POST /api/v1/auth/login' },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: "The session's CSRF token (also accepted as X-XSRF-Token); required with the session cookie on POST, PUT, PATCH and DELETE",
  },
} as const;

type SecurityRequirement = Record<keyof typeof SECURITY_SCHEMES, string[]>;
const READ: Array<Partial<SecurityRequirement>> = [{ apiToken: [] }, { sessionCookie: [] }];
const WRITE: Array<Partial<SecurityRequirement>> = [{ apiToken: [] }, { sessionCookie: [], csrfToken: [] }];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** OpenAPI 3.1 from the routes' zod schemas: `/docs` (Swagger UI) and `/docs/json`. */
export async function registerDocs(app: FastifyInstance, info: { title: string; description: string; version: string }) {
  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info, components: { securitySchemes: SECURITY_SCHEMES } },
    transform: jsonSchemaTransform,
    // Fills components.schemas with every schema given a `.meta({ id })`, so `$ref`s resolve.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}

/**
 * What a route needs, written into its OpenAPI operation: `security: []` when it needs nothing,
 * otherwise an API token, or the session cookie (with the CSRF header on a write).
 */
export function securityOf(method: string | string[], isPublic: boolean): Array<Partial<SecurityRequirement>> {
  if (isPublic) return [];
  const methods = (Array.isArray(method) ? method : [method]).map((name) => name.toUpperCase());
  return methods.every((name) => SAFE_METHODS.has(name)) ? READ : WRITE;
}

/** Declares `security` on a route being added, from whether it is open; a route's own declaration wins. */
export function declareSecurity(route: RouteOptions, isPublic: boolean): void {
  if (route.schema?.hide || route.schema?.security !== undefined) return;
  route.schema = { ...route.schema, security: securityOf(route.method, isPublic) };
}
