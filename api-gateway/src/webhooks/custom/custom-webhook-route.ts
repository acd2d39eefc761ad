import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, InvalidPayloadError, InvalidSignatureError, MalformedPayloadError, NotFoundError, UnavailableError, WebhookNotConfiguredError } from '../../errors.js';
import type { IntakeRules } from '../../pipeline/inbound-message.js';
import { traceparentOf } from '../../pipeline/traceparent.js';
import { WebhookTrail } from '../../pipeline/webhook-trail.js';
import { hmacSha256Hex, sameHexDigest } from '../hmac.js';
import { webhookRateLimit } from '../rate-limit.js';
import { acceptRawBodies } from '../raw-body.js';
import { webhookAnswers } from '../webhook-answers.js';
import type { WebhookIntakeDeps } from '../webhook-intake-deps.js';
import { webhookResponses } from '../webhook-responses.js';
import { customMessage } from './custom-message.js';
import { mapCustomPayload } from './map-custom-payload.js';
import { RouteAuthorizer } from './route-authorizer.js';
import type { WebhookRoute, WebhookRouteStore } from './webhook-route-store.js';

export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a slug is lowercase letters, digits and `-`, at most 63 characters')
  .describe('The route name in `/webhooks/custom/<slug>`');

export const CustomWebhookHeadersSchema = z.object({
  'x-signature-256': z.string().optional().describe('`sha256=<hex>`: HMAC-SHA256 of the raw body with the route secret'),
  'x-delivery-id': z.string().min(1).max(200).optional().describe('Dedupe key when the mapping names no `delivery_id`; without either the body hash is used'),
  'content-type': z.string().optional(),
  traceparent: z.string().optional().describe('W3C trace context of the sender'),
});

export interface CustomWebhookDeps extends WebhookIntakeDeps {
  store: WebhookRouteStore;
}

/** The rules a custom route's deliveries go through: the platform mention, the route's author allowlist. */
export function customRules(route: WebhookRoute, mention: string): IntakeRules {
  return { mention, ownLogins: [], authorizer: new RouteAuthorizer(route.allowedAuthors) };
}

export const customWebhookRoutes: FastifyPluginAsyncZod<CustomWebhookDeps> = async (app, deps) => {
  acceptRawBodies(app, ['application/json'], deps.bodyLimit);
  const answers = webhookAnswers(app, 'custom', deps.metrics, deps.dashboardUrl);

  app.post(
    '/webhooks/custom/:slug',
    {
      bodyLimit: deps.bodyLimit,
      config: { rateLimit: webhookRateLimit(deps.rateLimit, (request) => `custom:${(request.params as { slug?: string }).slug ?? ''}`) },
      schema: {
        tags: ['webhooks'],
        summary: 'Receive a delivery on a custom webhook route',
        description:
          'Routes are defined under `/api/v1/webhooks`. The raw body is verified with `X-Signature-256: sha256=<hex>` (HMAC-SHA256, the route secret), ' +
          'then the route maps text, author, repository and thread out of the JSON with JSON pointers and runs the same intake as the providers: ' +
          'dedupe, mention (if the route requires it), command, authorization, task.',
        params: z.object({ slug: SlugSchema }),
        headers: CustomWebhookHeadersSchema,
        response: { ...webhookResponses, 404: webhookResponses[400].describe('No enabled route with this slug') },
      },
    },
    async (request, reply) => {
      const receivedAt = deps.now();
      const { slug } = request.params;
      const headers = request.headers;
      const trail = new WebhookTrail(deps.newTaskId(), deps.now);
      const log = request.log.child({ task_id: trail.taskId, webhook_route: slug });
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      trail.add('received', 'ok', { provider: 'custom', route: slug, bytes: raw.length });

      let found: Awaited<ReturnType<WebhookRouteStore['withSecret']>>;
      try {
        found = await deps.store.withSecret(slug);
      } catch (error) {
        if (error instanceof AppError) throw error;
        log.error({ err: error }, 'could not read the webhook route');
        // A secret sealed with another key fails to open as surely as Postgres being down: deliver later.
        if (error instanceof Error && /authenticate|decipher/i.test(error.message)) throw new WebhookNotConfiguredError(`custom route ${slug}`, 'the CREDENTIALS_ENCRYPTION_KEY its secret was sealed with');
        throw new UnavailableError();
      }
      if (!found || !found.route.enabled) throw new NotFoundError('webhook_not_found', `no enabled webhook route ${slug}`);
      const signature = headers['x-signature-256'];
      const digest = signature?.startsWith('sha256=') ? signature.slice('sha256='.length) : undefined;
      if (raw.length === 0 || !sameHexDigest(digest, hmacSha256Hex(found.secret, raw))) throw new InvalidSignatureError();

      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        throw new MalformedPayloadError('the body is not valid JSON');
      }
      const mapped = mapCustomPayload(payload, found.route.mapping);
      if (mapped.text === null || mapped.problems.length > 0) throw new InvalidPayloadError(`custom route ${slug}: ${mapped.problems.join('; ')}`);
      const deliveryId = mapped.deliveryId ?? headers['x-delivery-id'] ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
      trail.add('validation', 'ok', { signature_valid: true, event: `custom.${slug}`, delivery_id: deliveryId });

      const message = customMessage(found.route, { ...mapped, text: mapped.text }, { deliveryId, receivedAt, traceparent: traceparentOf(request.span) });
      return answers.answer(request, reply, await deps.pipeline.handle(message, customRules(found.route, deps.mention), trail, log.child({ delivery_id: deliveryId })));
    },
  );
};
