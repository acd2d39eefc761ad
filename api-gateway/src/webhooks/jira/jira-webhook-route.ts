import type { RepositoryRef } from '@swe-ai-fleet/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InvalidPayloadError, InvalidSignatureError, MalformedPayloadError, WebhookNotConfiguredError } from '../../errors.js';
import type { IntakeRules } from '../../pipeline/inbound-message.js';
import { traceparentOf } from '../../pipeline/traceparent.js';
import { WebhookTrail } from '../../pipeline/webhook-trail.js';
import { hmacSha256Hex, sameHexDigest } from '../hmac.js';
import { webhookRateLimit } from '../rate-limit.js';
import { acceptRawBodies } from '../raw-body.js';
import { webhookAnswers } from '../webhook-answers.js';
import type { WebhookIntakeDeps } from '../webhook-intake-deps.js';
import { webhookResponses } from '../webhook-responses.js';
import { JiraAuthorizer } from './jira-authorizer.js';
import { jiraCommentMessage } from './jira-message.js';
import { JiraCommentEventSchema, JiraEnvelopeSchema, JiraHeadersSchema } from './jira-payloads.js';

export interface JiraSettings {
  /** JIRA_WEBHOOK_SECRET; without it every delivery is refused. */
  webhookSecret: string | undefined;
  botAccountId?: string;
  allowedAccounts: readonly string[];
  projectRepositories: Readonly<Record<string, RepositoryRef>>;
}

export interface JiraWebhookDeps extends WebhookIntakeDeps {
  settings: JiraSettings;
}

export const jiraWebhookRoutes: FastifyPluginAsyncZod<JiraWebhookDeps> = async (app, deps) => {
  acceptRawBodies(app, ['application/json'], deps.bodyLimit);
  const answers = webhookAnswers(app, 'jira', deps.metrics, deps.dashboardUrl);
  const { settings } = deps;
  // The converters write the bot's mention as AGENT_MENTION, so one spelling covers ADF, wiki markup and typed text.
  const rules: IntakeRules = { mention: deps.mention, ownLogins: [], authorizer: new JiraAuthorizer(settings.allowedAccounts) };

  app.post(
    '/webhooks/jira',
    {
      bodyLimit: deps.bodyLimit,
      config: { rateLimit: webhookRateLimit(deps.rateLimit, 'jira') },
      schema: {
        tags: ['webhooks'],
        summary: 'Receive a Jira Cloud webhook delivery',
        description:
          'Register as a Jira admin webhook with the events `comment_created` and `comment_updated` and the secret JIRA_WEBHOOK_SECRET. ' +
          'The raw body is verified with `X-Hub-Signature: sha256=<hex>` and deduplicated on `X-Atlassian-Webhook-Identifier`. ' +
          'A comment (wiki markup or Atlassian Document Format) that mentions AGENT_MENTION or the Jira user JIRA_BOT_ACCOUNT_ID becomes a task; ' +
          'its repository is `repo:owner/name` in the comment, the issue’s earlier task, or JIRA_PROJECT_REPOSITORIES.',
        headers: JiraHeadersSchema,
        response: webhookResponses,
      },
    },
    async (request, reply) => {
      const receivedAt = deps.now();
      const headers = request.headers;
      const deliveryId = headers['x-atlassian-webhook-identifier'];
      const trail = new WebhookTrail(deps.newTaskId(), deps.now);
      const log = request.log.child({ task_id: trail.taskId, delivery_id: deliveryId });
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      trail.add('received', 'ok', { provider: 'jira', delivery_id: deliveryId, bytes: raw.length, ...(headers['x-atlassian-webhook-retry'] ? { retry: headers['x-atlassian-webhook-retry'] } : {}) });

      if (!settings.webhookSecret) throw new WebhookNotConfiguredError('Jira', 'JIRA_WEBHOOK_SECRET');
      const signature = headers['x-hub-signature'];
      const digest = signature?.startsWith('sha256=') ? signature.slice('sha256='.length) : undefined;
      if (raw.length === 0 || !sameHexDigest(digest, hmacSha256Hex(settings.webhookSecret, raw))) throw new InvalidSignatureError();

      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        throw new MalformedPayloadError('the body is not valid JSON');
      }
      const envelope = JiraEnvelopeSchema.safeParse(payload);
      if (!envelope.success) throw new MalformedPayloadError('the body is not a Jira webhook event (no webhookEvent)');
      const name = envelope.data.webhookEvent;
      if (name !== 'comment_created' && name !== 'comment_updated') {
        log.debug({ event: name }, 'event not handled');
        return answers.notAccepted(request, reply, 'event_not_handled');
      }
      const event = JiraCommentEventSchema.safeParse(payload);
      if (!event.success) throw new InvalidPayloadError(`${name} payload: ${event.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
      trail.add('validation', 'ok', { signature_valid: true, event: name });

      const message = jiraCommentMessage(event.data, {
        deliveryId,
        receivedAt,
        traceparent: traceparentOf(request.span),
        botAccountId: settings.botAccountId,
        agentMention: deps.mention,
        projectRepositories: settings.projectRepositories,
      });
      return answers.answer(request, reply, await deps.pipeline.handle(message, rules, trail, log));
    },
  );
};
