import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Operation = z.object({ security: z.array(z.record(z.string(), z.array(z.string()))).optional() }).loose();
const Document = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) }).loose();
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

export interface ApiRoute {
  component: string;
  method: string;
  /** The OpenAPI path template, `{name}` parameters included. */
  path: string;
  /** `security: []` in the document: the operation says it needs no credentials (a sign-in, liveness). */
  declaredPublic: boolean;
  /** The operation has a `security` list at all; without one, its public-ness is judged by {@link isPublicByDesign}. */
  declared: boolean;
}

/** Every operation of one OpenAPI document (committed file or a live `/docs/json`). */
export function routesOf(component: string, document: unknown): ApiRoute[] {
  const { paths } = Document.parse(document);
  return Object.entries(paths).flatMap(([route, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => {
        const security = Operation.parse(operation).security;
        return { component, method: method.toUpperCase(), path: route, declaredPublic: Array.isArray(security) && security.length === 0, declared: Array.isArray(security) };
      }),
  );
}

/** The committed `<component>/openapi.json` of every component of the workspace. */
export function committedDocuments(root: string): Array<{ component: string; document: unknown }> {
  return readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'openapi.json')) && existsSync(path.join(root, name, 'package.json')))
    .map((component) => ({ component, document: JSON.parse(readFileSync(path.join(root, component, 'openapi.json'), 'utf8')) as unknown }));
}

/**
 * Routes open to anyone by design, for operations whose document does not say (no `security`):
 * liveness, Prometheus, the API docs, and the provider webhooks (authenticated by their
 * signatures, proven in the gateway's own tests and in ./webhooks-*.test.ts).
 */
export function isPublicByDesign(route: ApiRoute): boolean {
  const { path } = route;
  return path === '/health' || path === '/metrics' || path === '/docs' || path.startsWith('/docs/') || path.startsWith('/webhooks/');
}

/**
 * Whether a route may answer without credentials: what its operation declares (`security: []` is
 * open, any other list guarded) and, only when it declares nothing, {@link isPublicByDesign}.
 */
export function isPublic(route: ApiRoute): boolean {
  return route.declared ? route.declaredPublic : isPublicByDesign(route);
}

/** A concrete URL path for a template: any value routes, since credentials are checked before validation. */
export function concretePath(template: string): string {
  return template.replace(/\{[^}]+\}/g, '1');
}
