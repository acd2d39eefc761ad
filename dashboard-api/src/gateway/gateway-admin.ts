import createClient from 'openapi-fetch';
import { z } from 'zod';
import { AppError, UpstreamError, UpstreamNotConfiguredError } from '../errors.js';
import type { paths } from '../generated/api-gateway.js';
import {
  type Command,
  CommandSchema,
  CreatedWebhookRouteSchema,
  TestDeliveryResultSchema,
  type WebhookRoute,
  WebhookRouteSchema,
  WebhookSecretSchema,
} from './gateway-schemas.js';

type CreateCommand = paths['/api/v1/commands']['post']['requestBody']['content']['application/json'];
type UpdateCommand = NonNullable<paths['/api/v1/commands/{name}']['patch']['requestBody']>['content']['application/json'];
type CreateWebhook = paths['/api/v1/webhooks']['post']['requestBody']['content']['application/json'];
type UpdateWebhook = NonNullable<paths['/api/v1/webhooks/{slug}']['patch']['requestBody']>['content']['application/json'];
type TestDelivery = paths['/api/v1/webhooks/{slug}/test']['post']['requestBody']['content']['application/json'];

const ErrorBodySchema = z.object({ code: z.string(), message: z.string() });

/** The gateway's own 4xx reach the caller as they are (a 409, a 404, a refused mapping). */
function passOn(status: number, body: unknown): AppError {
  const parsed = ErrorBodySchema.safeParse(body);
  // A 401 here is this service's SERVICE_TOKEN being refused: never a reason to sign the user out.
  if (status === 401 || status === 403) return new UpstreamError('the gateway refused SERVICE_TOKEN; check that both use the same value');
  if (status >= 400 && status < 500 && parsed.success) return new AppError(parsed.data.code, parsed.data.message, status);
  if (status === 503) return new UpstreamError(parsed.success ? `the gateway is unavailable: ${parsed.data.message}` : 'the gateway is unavailable', 503);
  return new UpstreamError(`the gateway answered HTTP ${status}`);
}

export interface GatewayAdminOptions {
  baseUrl: string;
  serviceToken?: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/**
 * The gateway's admin API (webhook routes and commands) through the client generated from
 * api-gateway/openapi.json; every answer is checked against its schema before it goes on.
 */
export class GatewayAdmin {
  private readonly client;

  constructor(private readonly options: GatewayAdminOptions) {
    this.client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  }

  private headers(): Record<string, string> {
    if (!this.options.serviceToken) throw new UpstreamNotConfiguredError('SERVICE_TOKEN is not set, so the gateway admin API cannot be called');
    return { authorization: `Bearer ${this.options.serviceToken}` };
  }

  /** One call: the parsed data of a success, or an AppError that says what went wrong. */
  private async call<T extends z.ZodType>(
    schema: T,
    request: (init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
  ): Promise<z.infer<T>> {
    const headers = this.headers();
    let outcome: { data?: unknown; error?: unknown; response: Response };
    try {
      outcome = await request({ headers, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new UpstreamError(timedOut ? `the gateway did not answer within ${this.options.timeoutMs} ms` : 'the gateway cannot be reached', 503);
    }
    if (!outcome.response.ok) throw passOn(outcome.response.status, outcome.error);
    if (outcome.response.status === 204) return schema.parse(undefined);
    const parsed = schema.safeParse(outcome.data);
    if (!parsed.success) throw new UpstreamError('the gateway answered in a shape this version does not understand');
    return parsed.data;
  }

  async listCommands(): Promise<Command[]> {
    const list = await this.call(z.object({ commands: z.array(CommandSchema) }), (init) => this.client.GET('/api/v1/commands', init));
    return list.commands;
  }

  createCommand(body: CreateCommand): Promise<Command> {
    return this.call(CommandSchema, (init) => this.client.POST('/api/v1/commands', { ...init, body }));
  }

  updateCommand(name: string, body: UpdateCommand): Promise<Command> {
    return this.call(CommandSchema, (init) => this.client.PATCH('/api/v1/commands/{name}', { ...init, params: { path: { name } }, body }));
  }

  async deleteCommand(name: string): Promise<void> {
    await this.call(z.undefined(), (init) => this.client.DELETE('/api/v1/commands/{name}', { ...init, params: { path: { name } } }));
  }

  async listWebhooks(): Promise<WebhookRoute[]> {
    const list = await this.call(z.object({ webhooks: z.array(WebhookRouteSchema) }), (init) => this.client.GET('/api/v1/webhooks', init));
    return list.webhooks;
  }

  getWebhook(slug: string): Promise<WebhookRoute> {
    return this.call(WebhookRouteSchema, (init) => this.client.GET('/api/v1/webhooks/{slug}', { ...init, params: { path: { slug } } }));
  }

  createWebhook(body: CreateWebhook) {
    return this.call(CreatedWebhookRouteSchema, (init) => this.client.POST('/api/v1/webhooks', { ...init, body }));
  }

  updateWebhook(slug: string, body: UpdateWebhook): Promise<WebhookRoute> {
    return this.call(WebhookRouteSchema, (init) => this.client.PATCH('/api/v1/webhooks/{slug}', { ...init, params: { path: { slug } }, body }));
  }

  async deleteWebhook(slug: string): Promise<void> {
    await this.call(z.undefined(), (init) => this.client.DELETE('/api/v1/webhooks/{slug}', { ...init, params: { path: { slug } } }));
  }

  rotateSecret(slug: string, secret?: string) {
    return this.call(WebhookSecretSchema, (init) => this.client.POST('/api/v1/webhooks/{slug}/secret', { ...init, params: { path: { slug } }, body: secret ? { secret } : {} }));
  }

  testDelivery(slug: string, body: TestDelivery) {
    return this.call(TestDeliveryResultSchema, (init) => this.client.POST('/api/v1/webhooks/{slug}/test', { ...init, params: { path: { slug } }, body }));
  }
}
