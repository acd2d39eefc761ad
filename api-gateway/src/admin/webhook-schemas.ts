import { z } from 'zod';
import { SlugSchema } from '../webhooks/custom/custom-webhook-route.js';
import { JSON_POINTER } from '../webhooks/custom/json-pointer.js';
import { CommandNameSchema } from './admin-schemas.js';

const Pointer = z.string().max(500).regex(JSON_POINTER, 'a JSON pointer (RFC 6901), for example `/issue/title`');
const Repository = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/, '`owner/name`');

export const WebhookMappingSchema = z
  .object({
    text: Pointer.describe('The request text (required in every delivery)'),
    author: Pointer.optional().describe('Who asked: a string or number, checked against `allowed_authors`'),
    repository: Pointer.optional().describe('An `owner/name` string'),
    thread: Pointer.optional().describe('Deliveries with the same thread are one conversation and run in order'),
    delivery_id: Pointer.optional().describe('The sender\'s id of the delivery, for dedupe (else `X-Delivery-Id`, else the body hash)'),
  })
  .meta({ id: 'WebhookMapping', example: { text: '/alert/description', author: '/alert/owner', repository: '/service/repository', thread: '/alert/id' } });

const routeFields = {
  description: z.string().max(500),
  mapping: WebhookMappingSchema,
  default_command: CommandNameSchema.describe('The command when the text names none'),
  default_repository: Repository.nullable().describe('Used when the delivery names no repository'),
  require_mention: z.boolean().describe('Only texts that mention AGENT_MENTION start a task; otherwise the whole text is the request'),
  allowed_authors: z.array(z.string().min(1).max(200)).max(500).describe('When not empty, only these authors may start tasks'),
  enabled: z.boolean(),
};

export const WebhookRouteSchema = z
  .object({
    slug: SlugSchema,
    url: z.string().describe('Where the sender posts: `/webhooks/custom/<slug>` on the gateway'),
    ...routeFields,
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'WebhookRoute' });

export const WebhookRouteListSchema = z.object({ webhooks: z.array(WebhookRouteSchema) }).meta({ id: 'WebhookRouteList' });

const Secret = z.string().min(16, 'at least 16 characters').max(256).describe('The HMAC-SHA256 key the sender signs with');

export const CreateWebhookRouteSchema = z
  .object({
    slug: SlugSchema,
    secret: Secret.optional().describe('Omit to have the gateway generate one'),
    description: routeFields.description.default(''),
    mapping: WebhookMappingSchema,
    default_command: routeFields.default_command.default('ask'),
    default_repository: routeFields.default_repository.default(null),
    require_mention: routeFields.require_mention.default(false),
    allowed_authors: routeFields.allowed_authors.default([]),
    enabled: routeFields.enabled.default(true),
  })
  .meta({
    id: 'CreateWebhookRoute',
    example: { slug: 'pagerduty', description: 'Incidents to fix', mapping: { text: '/incident/title', thread: '/incident/id' }, default_command: 'fix', default_repository: 'acme/api' },
  });

export const CreatedWebhookRouteSchema = WebhookRouteSchema.extend({
  secret: z.string().describe('Shown only now: configure it in the sender'),
}).meta({ id: 'CreatedWebhookRoute' });

export const UpdateWebhookRouteSchema = z
  .object({
    description: routeFields.description.optional(),
    mapping: routeFields.mapping.optional(),
    default_command: routeFields.default_command.optional(),
    default_repository: routeFields.default_repository.optional(),
    require_mention: routeFields.require_mention.optional(),
    allowed_authors: routeFields.allowed_authors.optional(),
    enabled: routeFields.enabled.optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, 'name at least one field to change')
  .meta({ id: 'UpdateWebhookRoute', example: { enabled: false } });

export const RotateSecretSchema = z.object({ secret: Secret.optional().describe('Omit to have the gateway generate one') }).meta({ id: 'RotateWebhookSecret' });
export const WebhookSecretSchema = z.object({ slug: SlugSchema, secret: z.string().describe('Shown only now') }).meta({ id: 'WebhookSecret' });

export const TestDeliverySchema = z
  .object({
    payload: z.unknown().describe('A JSON body as the sender would post it'),
    dry_run: z
      .boolean()
      .default(true)
      .describe('true: show what the route would do and record nothing; false: run it as a real delivery (it may create a task)'),
  })
  .meta({ id: 'TestDelivery', example: { payload: { incident: { title: 'fix the flaky login test', id: 'P123' } }, dry_run: true } });

export const TestDeliveryResultSchema = z
  .object({
    dry_run: z.boolean(),
    outcome: z
      .enum(['would_create_task', 'task_created', 'duplicate', 'not_accepted', 'invalid_payload'])
      .describe('`invalid_payload`: the mapping found no usable text (see `problems`)'),
    reason: z.string().optional().describe('Why no task, for `not_accepted`'),
    task_id: z.string().nullable().optional(),
    command: z.string().optional(),
    options: z.record(z.string(), z.string()).optional(),
    text: z.string().optional().describe('The request as the agent would get it'),
    repository: z.string().nullable().optional(),
    mapped: z.object({
      text: z.string().nullable(),
      author: z.string().nullable(),
      repository: z.string().nullable(),
      thread: z.string().nullable(),
      delivery_id: z.string().nullable(),
    }),
    problems: z.array(z.string()),
  })
  .meta({ id: 'TestDeliveryResult' });

export const WebhookParamsSchema = z.object({ slug: SlugSchema });
