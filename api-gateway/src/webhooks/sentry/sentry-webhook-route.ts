import type { RepositoryRef } from '@swe-ai-fleet/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { InvalidPayloadError, InvalidSignatureError, MalformedPayloadError, UnavailableError, WebhookNotConfiguredError } from '../../errors.js';
import type { IntakeRules } from '../../pipeline/inbound-message.js';
import { traceparentOf } from '../../pipeline/traceparent.js';
import { WebhookTrail } from '../../pipeline/webhook-trail.js';
import { hmacSha256Hex, sameHexDigest } from '../hmac.js';
import { webhookRateLimit } from '../rate-limit.js';
import { acceptRawBodies } from '../raw-body.js';
import { webhookAnswers } from '../webhook-answers.js';
import type { WebhookIntakeDeps } from '../webhook-intake-deps.js';
import { webhookResponses } from '../webhook-responses.js';
import { SentryAuthorizer } from './sentry-authorizer.js';
import type { SentryInstallationStore } from './sentry-installation-store.js';
import { eventAlertMessage, sentryCommentMessage, slugsOfEvent } from './sentry-message.js';
import { CommentPayloadSchema, EventAlertPayloadSchema, InstallationPayloadSchema, SentryEnvelopeSchema, SentryHeadersSchema } from './sentry-payloads.js';

export interface SentrySettings {
  /** SENTRY_CLIENT_SECRET; without it every delivery is refused. */
  clientSecret: string | undefined;
  /** SENTRY_ORG: the organization of deliveries that name none (an internal integration's comments). */
  organization?: string;
  allowedOrgs: readonly string[];
  projectRepositories: Readonly<Record<string, RepositoryRef>>;
  /** @defaultValue 'fix' */
  alertCommand: string;
  /** An alert for an issue that already has an alert task within this time makes none. */
  alertDedupeMs: number;
}

export interface SentryWebhookDeps extends WebhookIntakeDeps {
  settings: SentrySettings;
  installations: SentryInstallationStore;
}

/** Organizations Sentry never names in a payload are recorded as this, so an allowlist refuses them. */
const UNKNOWN_ORGANIZATION = 'unknown';

function parse<T>(schema: z.ZodType<T>, payload: unknown, resource: string): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new InvalidPayloadError(`${resource} payload: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  return parsed.data;
}

export const sentryWebhookRoutes: FastifyPluginAsyncZod<SentryWebhookDeps> = async (app, deps) => {
  acceptRawBodies(app, ['application/json'], deps.bodyLimit);
  const answers = webhookAnswers(app, 'sentry', deps.metrics, deps.dashboardUrl);
  const { settings, installations } = deps;
  const rules: IntakeRules = { mention: deps.mention, ownLogins: [], authorizer: new SentryAuthorizer(settings.allowedOrgs) };

  /** The organization from the payload, else from the recorded installation, else SENTRY_ORG. */
  const organizationOf = async (named: string | null, installationUuid: string | undefined): Promise<string> => {
    if (named) return named;
    if (installationUuid) {
      const recorded = await installations.organizationOf(installationUuid).catch(() => {
        throw new UnavailableError();
      });
      if (recorded) return recorded;
    }
    return settings.organization ?? UNKNOWN_ORGANIZATION;
  };

  app.post(
    '/webhooks/sentry',
    {
      bodyLimit: deps.bodyLimit,
      config: { rateLimit: webhookRateLimit(deps.rateLimit, 'sentry') },
      schema: {
        tags: ['webhooks'],
        summary: 'Receive a Sentry integration platform webhook',
        description:
          'Set as the Webhook URL of a Sentry internal or public integration (client secret SENTRY_CLIENT_SECRET), with the alert rule action ' +
          'enabled and the `issue` and `comment` webhooks. The raw body is verified with `Sentry-Hook-Signature` and deduplicated on `Request-ID`. ' +
          '`event_alert`: an alert rule fired, a SENTRY_ALERT_COMMAND task (one per Sentry issue within SENTRY_ALERT_DEDUPE_SECONDS). ' +
          '`comment` created or updated with AGENT_MENTION: a task. `installation`: the organization is recorded. `issue` and others: 200 `event_not_handled`.',
        headers: SentryHeadersSchema,
        response: webhookResponses,
      },
    },
    async (request, reply) => {
      const receivedAt = deps.now();
      const headers = request.headers;
      const resource = headers['sentry-hook-resource'];
      const deliveryId = headers['request-id'];
      const trail = new WebhookTrail(deps.newTaskId(), deps.now);
      const log = request.log.child({ task_id: trail.taskId, delivery_id: deliveryId });
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      trail.add('received', 'ok', { provider: 'sentry', resource, delivery_id: deliveryId, bytes: raw.length });

      if (!settings.clientSecret) throw new WebhookNotConfiguredError('Sentry', 'SENTRY_CLIENT_SECRET');
      if (raw.length === 0 || !sameHexDigest(headers['sentry-hook-signature'], hmacSha256Hex(settings.clientSecret, raw))) throw new InvalidSignatureError();
      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        throw new MalformedPayloadError('the body is not valid JSON');
      }
      const envelope = SentryEnvelopeSchema.safeParse(payload);
      if (!envelope.success) throw new MalformedPayloadError('the body is not a Sentry webhook (no action)');
      const action = envelope.data.action;
      const context = { deliveryId, receivedAt, traceparent: traceparentOf(request.span), projectRepositories: settings.projectRepositories };

      if (resource === 'installation') {
        const installation = parse(InstallationPayloadSchema, payload, resource).data.installation;
        const status = action === 'deleted' ? 'deleted' : installation.status;
        await installations.record(installation.uuid, installation.organization.slug, status).catch((error: unknown) => {
          log.error({ err: error }, 'could not record the Sentry installation');
          throw new UnavailableError();
        });
        log.info({ organization: installation.organization.slug, status }, 'Sentry installation recorded');
        answers.mark(request, `installation_${action}`);
        return reply.status(200).send({ accepted: false as const, reason: 'event_not_handled' as const });
      }
      if (resource === 'event_alert' && action === 'triggered') {
        const alert = parse(EventAlertPayloadSchema, payload, resource);
        trail.add('validation', 'ok', { signature_valid: true, event: 'event_alert.triggered' });
        const organization = await organizationOf(slugsOfEvent(alert.data.event).organization, alert.installation?.uuid);
        const message = eventAlertMessage(alert, organization, settings.alertCommand, settings.alertDedupeMs, context);
        return answers.answer(request, reply, await deps.pipeline.handle(message, rules, trail, log));
      }
      if (resource === 'comment' && (action === 'created' || action === 'updated')) {
        const comment = parse(CommentPayloadSchema, payload, resource);
        trail.add('validation', 'ok', { signature_valid: true, event: `comment.${action}` });
        const organization = await organizationOf(null, comment.installation?.uuid);
        return answers.answer(request, reply, await deps.pipeline.handle(sentryCommentMessage(comment, organization, context), rules, trail, log));
      }
      log.debug({ resource, action }, 'event not handled');
      return answers.notAccepted(request, reply, 'event_not_handled');
    },
  );
};
