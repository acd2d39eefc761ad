import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GatewayAdmin } from '../gateway/gateway-admin.js';
import {
  CreateWebhookRouteSchema,
  CreatedWebhookRouteSchema,
  TestDeliveryResultSchema,
  TestDeliverySchema,
  UpdateWebhookRouteSchema,
  WebhookRouteSchema,
  WebhookSecretSchema,
} from '../gateway/gateway-schemas.js';
import { principalOf } from '../http/authenticate.js';
import { ErrorSchema, commonErrors } from './schemas.js';

const gatewayErrors = { ...commonErrors, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 502: ErrorSchema, 503: ErrorSchema };
const SlugParams = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });
const admin = { adminOnly: true };

/**
 * Custom webhook routes (`/webhooks/custom/<slug>` on the gateway), managed through the gateway's
 * admin API. Secrets pass through to the admin who asked, once, and are never logged.
 */
export const webhookRoutes: FastifyPluginAsyncZod<{ gateway: GatewayAdmin }> = async (app, { gateway }) => {
  const audit = (request: Parameters<typeof principalOf>[0], action: string, slug: string) =>
    request.log.info({ user_id: principalOf(request).user.id, webhook: slug }, `webhook route ${action}`);

  app.get(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'The custom webhook routes',
        response: { 200: z.object({ items: z.array(WebhookRouteSchema) }).meta({ id: 'WebhookRouteList' }), ...gatewayErrors },
      },
    },
    async () => ({ items: await gateway.listWebhooks() }),
  );

  app.get(
    '/api/v1/webhooks/:slug',
    { schema: { tags: ['webhooks'], summary: 'One custom webhook route', params: SlugParams, response: { 200: WebhookRouteSchema, ...gatewayErrors } } },
    async (request) => gateway.getWebhook(request.params.slug),
  );

  app.post(
    '/api/v1/webhooks',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Add a custom webhook route; the answer holds its secret, shown this once',
        body: CreateWebhookRouteSchema,
        response: { 201: CreatedWebhookRouteSchema, ...gatewayErrors },
      },
    },
    async (request, reply) => {
      const created = await gateway.createWebhook(request.body);
      audit(request, 'created', created.slug);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/v1/webhooks/:slug',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Change, enable or disable a custom webhook route',
        params: SlugParams,
        body: UpdateWebhookRouteSchema,
        response: { 200: WebhookRouteSchema, ...gatewayErrors },
      },
    },
    async (request) => {
      const updated = await gateway.updateWebhook(request.params.slug, request.body);
      audit(request, 'changed', updated.slug);
      return updated;
    },
  );

  app.delete(
    '/api/v1/webhooks/:slug',
    {
      config: admin,
      schema: { tags: ['webhooks'], summary: 'Delete a custom webhook route', params: SlugParams, response: { 204: z.undefined().describe('Deleted'), ...gatewayErrors } },
    },
    async (request, reply) => {
      await gateway.deleteWebhook(request.params.slug);
      audit(request, 'deleted', request.params.slug);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/webhooks/:slug/secret',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: "Rotate a route's HMAC secret; the new one is shown this once",
        params: SlugParams,
        body: z.object({ secret: z.string().min(16).max(256).optional().describe('Omit to have the gateway generate one') }),
        response: { 200: WebhookSecretSchema, ...gatewayErrors },
      },
    },
    async (request) => {
      const rotated = await gateway.rotateSecret(request.params.slug, request.body.secret);
      audit(request, 'secret rotated', rotated.slug);
      return rotated;
    },
  );

  app.post(
    '/api/v1/webhooks/:slug/test',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Send a test delivery through a route (a dry run unless dry_run is false)',
        params: SlugParams,
        body: TestDeliverySchema,
        response: { 200: TestDeliveryResultSchema, ...gatewayErrors },
      },
    },
    async (request) => {
      const result = await gateway.testDelivery(request.params.slug, { payload: request.body.payload, dry_run: request.body.dry_run ?? true });
      audit(request, result.dry_run ? 'tested (dry run)' : 'tested', request.params.slug);
      return result;
    },
  );
};
