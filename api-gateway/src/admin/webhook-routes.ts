import type { Span } from '@opentelemetry/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ulid } from 'ulid';
import { z } from 'zod';
import type { Log } from '../observability/logger.js';
import type { IntakePipeline } from '../pipeline/intake-pipeline.js';
import { traceparentOf } from '../pipeline/traceparent.js';
import { WebhookTrail } from '../pipeline/webhook-trail.js';
import { customMessage } from '../webhooks/custom/custom-message.js';
import { customRules } from '../webhooks/custom/custom-webhook-route.js';
import { mapCustomPayload } from '../webhooks/custom/map-custom-payload.js';
import type { WebhookRoute, WebhookRouteStore } from '../webhooks/custom/webhook-route-store.js';
import { ErrorSchema } from '../webhooks/webhook-responses.js';
import {
  CreateWebhookRouteSchema,
  CreatedWebhookRouteSchema,
  RotateSecretSchema,
  TestDeliveryResultSchema,
  TestDeliverySchema,
  UpdateWebhookRouteSchema,
  WebhookParamsSchema,
  WebhookRouteListSchema,
  WebhookRouteSchema,
  WebhookSecretSchema,
} from './webhook-schemas.js';

export interface WebhookAdminDeps {
  store: WebhookRouteStore;
  pipeline: IntakePipeline;
  mention: string;
  newTaskId: () => string;
  now: () => Date;
}

function routeView(route: WebhookRoute): z.infer<typeof WebhookRouteSchema> {
  return {
    slug: route.slug,
    url: `/webhooks/custom/${route.slug}`,
    description: route.description,
    mapping: route.mapping,
    default_command: route.defaultCommand,
    default_repository: route.defaultRepository,
    require_mention: route.requireMention,
    allowed_authors: route.allowedAuthors,
    enabled: route.enabled,
    created_at: route.createdAt.toISOString(),
    updated_at: route.updatedAt.toISOString(),
  };
}

const security = [{ serviceToken: [] }];
const unauthorized = ErrorSchema.describe('Missing or wrong bearer token');
const notFound = ErrorSchema.describe('`webhook_not_found`');
const noKey = ErrorSchema.describe('`encryption_not_configured`: CREDENTIALS_ENCRYPTION_KEY is not set, so no secret can be stored');

type TestResult = z.infer<typeof TestDeliveryResultSchema>;

/** Runs a test delivery through the route's mapping and the intake pipeline, as a dry run or for real. */
async function testDelivery(deps: WebhookAdminDeps, route: WebhookRoute, payload: unknown, dryRun: boolean, request: { log: Log; span: Span | null }): Promise<TestResult> {
  const { log } = request;
  const mapped = mapCustomPayload(payload, route.mapping);
  const base = {
    dry_run: dryRun,
    mapped: {
      text: mapped.text,
      author: mapped.author,
      repository: mapped.repository ? `${mapped.repository.owner}/${mapped.repository.name}` : null,
      thread: mapped.thread,
      delivery_id: mapped.deliveryId,
    },
    problems: mapped.problems,
  };
  if (mapped.text === null || mapped.problems.length > 0) return { ...base, outcome: 'invalid_payload' };
  const receivedAt = deps.now();
  const trail = new WebhookTrail(deps.newTaskId(), deps.now);
  trail.add('received', 'ok', { provider: 'custom', route: route.slug, test_delivery: true });
  trail.add('validation', 'ok', { signature_valid: 'admin_api', event: `custom.${route.slug}` });
  const deliveryId = dryRun ? `dry-run-${ulid()}` : (mapped.deliveryId ?? `test-${ulid()}`);
  const message = customMessage(route, { ...mapped, text: mapped.text }, { deliveryId, receivedAt, traceparent: traceparentOf(request.span) });
  const rules = customRules(route, deps.mention);

  if (dryRun) {
    const decision = await deps.pipeline.decide(message, rules, trail, log);
    if (decision.kind === 'rejected') return { ...base, outcome: 'not_accepted', reason: decision.reason };
    const { draft } = decision;
    const repository = draft.repository ? `${draft.repository.owner}/${draft.repository.name}` : null;
    return { ...base, outcome: 'would_create_task', command: draft.command, options: draft.options, text: draft.text, repository };
  }
  const outcome = await deps.pipeline.handle(message, rules, trail, log);
  if (outcome.kind === 'task_created') return { ...base, outcome: 'task_created', task_id: outcome.taskId };
  if (outcome.kind === 'duplicate') return { ...base, outcome: 'duplicate', task_id: outcome.taskId };
  return { ...base, outcome: 'not_accepted', reason: outcome.reason };
}

/** `/api/v1/webhooks`: custom webhook routes (Bearer SERVICE_TOKEN). */
export const webhookAdminRoutes: FastifyPluginAsyncZod<WebhookAdminDeps> = async (app, deps) => {
  const { store } = deps;

  app.get(
    '/api/v1/webhooks',
    { schema: { tags: ['webhook routes'], summary: 'List the custom webhook routes', security, response: { 200: WebhookRouteListSchema.describe('Every route, sorted by slug; secrets are never shown'), 401: unauthorized } } },
    async () => ({ webhooks: (await store.list()).map(routeView) }),
  );

  app.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['webhook routes'],
        summary: 'Add a custom webhook route',
        description: 'The answer carries the HMAC secret once; it is stored encrypted and never shown again (rotate it to get a new one).',
        security,
        body: CreateWebhookRouteSchema,
        response: {
          201: CreatedWebhookRouteSchema.describe('Added; the secret is shown this once'),
          400: ErrorSchema.describe('Invalid body, or `unknown_command` (default_command names no command)'),
          401: unauthorized,
          409: ErrorSchema.describe('`webhook_exists`'),
          503: noKey,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { route, secret } = await store.create({
        slug: body.slug,
        description: body.description,
        mapping: body.mapping,
        defaultCommand: body.default_command,
        defaultRepository: body.default_repository,
        requireMention: body.require_mention,
        allowedAuthors: body.allowed_authors,
        enabled: body.enabled,
        ...(body.secret !== undefined ? { secret: body.secret } : {}),
      });
      return reply.status(201).send({ ...routeView(route), secret });
    },
  );

  app.get(
    '/api/v1/webhooks/:slug',
    {
      schema: { tags: ['webhook routes'], summary: 'Read one custom webhook route', security, params: WebhookParamsSchema, response: { 200: WebhookRouteSchema.describe('The route (without its secret)'), 401: unauthorized, 404: notFound } },
    },
    async (request) => routeView(await store.get(request.params.slug)),
  );

  app.patch(
    '/api/v1/webhooks/:slug',
    {
      schema: {
        tags: ['webhook routes'],
        summary: 'Change, enable or disable a custom webhook route',
        description: 'The slug and the secret are not changed here (the secret has its own route). Changes apply to the next delivery.',
        security,
        params: WebhookParamsSchema,
        body: UpdateWebhookRouteSchema,
        response: { 200: WebhookRouteSchema.describe('The route as changed'), 400: ErrorSchema.describe('Invalid body, or `unknown_command`'), 401: unauthorized, 404: notFound },
      },
    },
    async (request) => {
      const body = request.body;
      return routeView(
        await store.update(request.params.slug, {
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.mapping !== undefined ? { mapping: body.mapping } : {}),
          ...(body.default_command !== undefined ? { defaultCommand: body.default_command } : {}),
          ...(body.default_repository !== undefined ? { defaultRepository: body.default_repository } : {}),
          ...(body.require_mention !== undefined ? { requireMention: body.require_mention } : {}),
          ...(body.allowed_authors !== undefined ? { allowedAuthors: body.allowed_authors } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
        }),
      );
    },
  );

  app.delete(
    '/api/v1/webhooks/:slug',
    {
      schema: {
        tags: ['webhook routes'],
        summary: 'Delete a custom webhook route',
        description: 'Its deliveries are refused with 404 from now on; tasks it created stay.',
        security,
        params: WebhookParamsSchema,
        response: { 204: z.undefined().describe('Deleted'), 401: unauthorized, 404: notFound },
      },
    },
    async (request, reply) => {
      await store.remove(request.params.slug);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/webhooks/:slug/secret',
    {
      schema: {
        tags: ['webhook routes'],
        summary: "Rotate a route's HMAC secret",
        description: 'Deliveries signed with the old secret are refused from now on.',
        security,
        params: WebhookParamsSchema,
        body: RotateSecretSchema,
        response: { 200: WebhookSecretSchema.describe('The new secret, shown this once'), 400: ErrorSchema.describe('Invalid body'), 401: unauthorized, 404: notFound, 503: noKey },
      },
    },
    async (request) => ({ slug: request.params.slug, secret: await store.rotateSecret(request.params.slug, request.body.secret) }),
  );

  app.post(
    '/api/v1/webhooks/:slug/test',
    {
      schema: {
        tags: ['webhook routes'],
        summary: 'Send a test delivery through a route',
        description:
          'Maps the payload with the route and runs intake on it without a signature (the caller holds SERVICE_TOKEN). ' +
          'A dry run records nothing and shows the command, text and repository a task would get; otherwise the delivery is real and may create a task. ' +
          'Works on disabled routes too, so a route can be checked before it is enabled.',
        security,
        params: WebhookParamsSchema,
        body: TestDeliverySchema,
        response: { 200: TestDeliveryResultSchema.describe('What the route did, or would do, with the payload'), 400: ErrorSchema.describe('Invalid body'), 401: unauthorized, 404: notFound, 503: ErrorSchema.describe('Postgres could not take the delivery') },
      },
    },
    async (request) => {
      const route = await store.get(request.params.slug);
      return testDelivery(deps, route, request.body.payload, request.body.dry_run, request);
    },
  );
};
