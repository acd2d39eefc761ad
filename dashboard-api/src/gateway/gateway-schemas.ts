import { z } from 'zod';

// The shapes of the gateway's admin API (defaults as the gateway documents them) (api-gateway/openapi.json), checked when they cross into
// this service and documented again in dashboard-api's own openapi.json for the dashboard.
// test/gateway/gateway-schemas.test.ts fails at compile time when they drift from the generated types.

const instant = z.iso.datetime();
const commandName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a command is a lower-case word');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a slug is lower-case letters, digits and dashes');
const repository = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/, 'a repository is owner/name');
const pointer = z.string().max(500).regex(/^(?:\/(?:[^~/]|~[01])*)*$/, 'a JSON pointer such as /issue/title');
const optionKey = z.string().regex(/^[a-z][\w-]{0,31}$/);

export const CommandSchema = z
  .object({
    name: commandName.describe('The word written after the mention, for example `review`'),
    description: z.string(),
    enabled: z.boolean(),
    options: z.record(z.string(), z.string()).describe('`--key=value` defaults'),
    protected: z.boolean().describe('`help` cannot be disabled or deleted'),
    created_at: instant,
    updated_at: instant,
  })
  .meta({ id: 'GatewayCommand' });
export type Command = z.infer<typeof CommandSchema>;

export const CreateCommandSchema = z
  .object({
    name: commandName,
    description: z.string().min(1).max(500),
    enabled: z.boolean().default(true),
    options: z.record(optionKey, z.string().max(200)).default({}),
  })
  .meta({ id: 'CreateGatewayCommand' });

export const UpdateCommandSchema = z
  .object({
    description: z.string().min(1).max(500).optional(),
    enabled: z.boolean().optional(),
    options: z.record(optionKey, z.string().max(200)).optional(),
  })
  .meta({ id: 'UpdateGatewayCommand' });

export const WebhookMappingSchema = z
  .object({
    text: pointer.describe('The request text (required in every delivery)'),
    author: pointer.optional(),
    repository: pointer.optional(),
    thread: pointer.optional(),
    delivery_id: pointer.optional(),
  })
  .meta({ id: 'WebhookMapping' });

const routeFields = {
  slug: slug.describe('The route name in `/webhooks/custom/<slug>`'),
  url: z.string().describe('Where the sender posts, on the gateway'),
  description: z.string().max(500),
  mapping: WebhookMappingSchema,
  default_command: commandName,
  default_repository: repository.nullable(),
  require_mention: z.boolean(),
  allowed_authors: z.array(z.string().min(1).max(200)).max(500),
  enabled: z.boolean(),
  created_at: instant,
  updated_at: instant,
};

export const WebhookRouteSchema = z.object(routeFields).meta({ id: 'WebhookRoute' });
export type WebhookRoute = z.infer<typeof WebhookRouteSchema>;

export const CreatedWebhookRouteSchema = z
  .object({ ...routeFields, secret: z.string().describe('Shown only now: configure it in the sender') })
  .meta({ id: 'CreatedWebhookRoute' });

export const CreateWebhookRouteSchema = z
  .object({
    slug,
    secret: z.string().min(16).max(256).optional().describe('Omit to have the gateway generate one'),
    description: z.string().max(500).default(''),
    mapping: WebhookMappingSchema,
    default_command: commandName.default('ask'),
    default_repository: repository.nullable().default(null),
    require_mention: z.boolean().default(false),
    allowed_authors: z.array(z.string().min(1).max(200)).max(500).default([]),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'CreateWebhookRoute' });

export const UpdateWebhookRouteSchema = z
  .object({
    description: z.string().max(500).optional(),
    mapping: WebhookMappingSchema.optional(),
    default_command: commandName.optional(),
    default_repository: repository.nullable().optional(),
    require_mention: z.boolean().optional(),
    allowed_authors: z.array(z.string().min(1).max(200)).max(500).optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: 'UpdateWebhookRoute' });

export const WebhookSecretSchema = z.object({ slug, secret: z.string() }).meta({ id: 'WebhookSecret' });

export const TestDeliverySchema = z
  .object({
    payload: z.unknown().describe('A JSON body as the sender would post it'),
    dry_run: z.boolean().optional().describe('true (the default): show what would happen and record nothing'),
  })
  .meta({ id: 'TestDelivery' });

export const TestDeliveryResultSchema = z
  .object({
    dry_run: z.boolean(),
    outcome: z.enum(['would_create_task', 'task_created', 'duplicate', 'not_accepted', 'invalid_payload']),
    reason: z.string().optional(),
    task_id: z.string().nullable().optional(),
    command: z.string().optional(),
    options: z.record(z.string(), z.string()).optional(),
    text: z.string().optional(),
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
