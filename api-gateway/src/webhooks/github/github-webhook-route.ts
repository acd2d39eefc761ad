import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InvalidSignatureError, MalformedPayloadError, WebhookNotConfiguredError } from '../../errors.js';
import type { IntakeRules } from '../../pipeline/inbound-message.js';
import { traceparentOf } from '../../pipeline/traceparent.js';
import { WebhookTrail } from '../../pipeline/webhook-trail.js';
import { webhookRateLimit } from '../rate-limit.js';
import { acceptRawBodies } from '../raw-body.js';
import { webhookAnswers } from '../webhook-answers.js';
import type { WebhookIntakeDeps } from '../webhook-intake-deps.js';
import { webhookResponses } from '../webhook-responses.js';
import { GithubAuthorizer } from './github-authorizer.js';
import { decodeGithubBody } from './decode-github-body.js';
import { GithubWebhookHeadersSchema } from './github-headers.js';
import { githubEventMessage } from './github-event-message.js';
import { GithubActionSchema } from './issue-comment-payload.js';
import { verifyGithubSignature } from './verify-github-signature.js';

export interface GithubSettings {
  /** GITHUB_WEBHOOK_SECRET; without it every delivery is refused. */
  webhookSecret: string | undefined;
  /** The platform's own logins: ignored as authors; assigning an issue to one hands it to the agent. */
  botLogins: readonly string[];
  allowedAssociations: readonly string[];
  /** Logins allowed whatever their association. */
  allowedUsers?: readonly string[];
  /** When not empty, only repositories of these owners are served. */
  allowedOrgs?: readonly string[];
  /** The label that hands an issue to the agent; null or absent turns it off. */
  triggerLabel?: string | null;
  /** @defaultValue 'implement' */
  triggerCommand?: string;
  /** The GitHub App's slug: `@<slug>` summons the agent too, and `<slug>[bot]` is the platform's own. */
  appSlug?: string;
}

export interface GithubWebhookDeps extends WebhookIntakeDeps {
  settings: GithubSettings;
}

export const githubWebhookRoutes: FastifyPluginAsyncZod<GithubWebhookDeps> = async (app, deps) => {
  acceptRawBodies(app, ['application/json', 'application/x-www-form-urlencoded'], deps.bodyLimit);
  const { notAccepted, answer } = webhookAnswers(app, 'github', deps.metrics, deps.dashboardUrl);
  const { settings } = deps;
  const rules: IntakeRules = {
    mention: deps.mention,
    extraMentions: settings.appSlug ? [`@${settings.appSlug}`] : [],
    ownLogins: settings.appSlug ? [...settings.botLogins, `${settings.appSlug}[bot]`] : settings.botLogins,
    authorizer: new GithubAuthorizer({
      allowedAssociations: settings.allowedAssociations,
      allowedUsers: settings.allowedUsers ?? [],
      allowedOrgs: settings.allowedOrgs ?? [],
    }),
  };
  const triggers = { triggerLabel: settings.triggerLabel ?? null, triggerCommand: settings.triggerCommand ?? 'implement', botLogins: settings.botLogins };

  app.post(
    '/webhooks/github',
    {
      bodyLimit: deps.bodyLimit,
      config: { rateLimit: webhookRateLimit(deps.rateLimit, 'github') },
      schema: {
        tags: ['webhooks'],
        summary: 'Receive a GitHub webhook delivery',
        description:
          'Point a repository, organization or GitHub App webhook here (content type JSON or form, secret GITHUB_WEBHOOK_SECRET). ' +
          'The body is read as raw bytes and verified with `X-Hub-Signature-256` before anything else looks at it. Tasks come from ' +
          '`issue_comment` created, `pull_request_review_comment` created and `pull_request_review` submitted whose body mentions ' +
          'AGENT_MENTION, `issues` opened with the mention in its body, labeled with GITHUB_TRIGGER_LABEL or assigned to one of ' +
          'GITHUB_BOT_LOGINS; every other event (`ping` included) is answered 200 `event_not_handled`.',
        headers: GithubWebhookHeadersSchema,
        response: webhookResponses,
      },
    },
    async (request, reply) => {
      const receivedAt = deps.now();
      const headers = request.headers;
      const trail = new WebhookTrail(deps.newTaskId(), deps.now);
      const log = request.log.child({ task_id: trail.taskId, delivery_id: headers['x-github-delivery'] });
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      trail.add('received', 'ok', {
        provider: 'github',
        event: headers['x-github-event'],
        delivery_id: headers['x-github-delivery'],
        hook_id: headers['x-github-hook-id'],
        bytes: raw.length,
      });

      if (!settings.webhookSecret) throw new WebhookNotConfiguredError('GitHub', 'GITHUB_WEBHOOK_SECRET');
      const body = raw.toString('utf8');
      if (!(await verifyGithubSignature(settings.webhookSecret, body, headers['x-hub-signature-256']))) throw new InvalidSignatureError();
      const payload = decodeGithubBody(body, headers['content-type']);

      const event = headers['x-github-event'];
      const action = GithubActionSchema.safeParse(payload);
      if (!action.success) throw new MalformedPayloadError('the body is not a JSON object');
      const delivery = { deliveryId: headers['x-github-delivery'], receivedAt, traceparent: traceparentOf(request.span) };
      const message = githubEventMessage(event, action.data.action, payload, triggers, delivery);
      if (!message) {
        log.debug({ event, action: action.data.action }, 'event not handled');
        return notAccepted(request, reply, 'event_not_handled');
      }
      trail.add('validation', 'ok', { signature_valid: true, event: message.event });

      return answer(request, reply, await deps.pipeline.handle(message, rules, trail, log));
    },
  );
};
