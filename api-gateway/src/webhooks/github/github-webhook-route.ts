import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InvalidPayloadError, InvalidSignatureError, MalformedPayloadError, WebhookNotConfiguredError } from '../../errors.js';
import type { Metrics } from '../../http/metrics.js';
import type { IntakeRules } from '../../pipeline/inbound-message.js';
import type { IntakePipeline } from '../../pipeline/intake-pipeline.js';
import { traceparentFor } from '../../pipeline/traceparent.js';
import { WebhookTrail } from '../../pipeline/webhook-trail.js';
import { acceptRawBodies } from '../raw-body.js';
import { webhookAnswers } from '../webhook-answers.js';
import { webhookResponses } from '../webhook-responses.js';
import { decodeGithubBody } from './decode-github-body.js';
import { GithubWebhookHeadersSchema } from './github-headers.js';
import { issueCommentMessage } from './issue-comment-message.js';
import { GithubActionSchema, IssueCommentPayloadSchema } from './issue-comment-payload.js';
import { verifyGithubSignature } from './verify-github-signature.js';

export interface GithubWebhookDeps {
  /** GITHUB_WEBHOOK_SECRET; without it every delivery is refused. */
  secret: string | undefined;
  bodyLimit: number;
  rules: IntakeRules;
  pipeline: IntakePipeline;
  metrics: Metrics;
  newTaskId: () => string;
  now: () => Date;
  /** When set, a 202 carries `Location` pointing at the task in the dashboard. */
  dashboardUrl?: string;
}

export const githubWebhookRoutes: FastifyPluginAsyncZod<GithubWebhookDeps> = async (app, deps) => {
  acceptRawBodies(app, ['application/json', 'application/x-www-form-urlencoded'], deps.bodyLimit);
  const { notAccepted, answer } = webhookAnswers(app, 'github', deps.metrics, deps.dashboardUrl);

  app.post(
    '/webhooks/github',
    {
      bodyLimit: deps.bodyLimit,
      schema: {
        tags: ['webhooks'],
        summary: 'Receive a GitHub webhook delivery',
        description:
          'Point a repository, organization or GitHub App webhook here (content type JSON or form, secret GITHUB_WEBHOOK_SECRET). ' +
          'An `issue_comment` `created` event whose body mentions AGENT_MENTION becomes a task. The body is read as raw bytes ' +
          'and verified with `X-Hub-Signature-256` before anything else looks at it.',
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

      if (!deps.secret) throw new WebhookNotConfiguredError('GitHub', 'GITHUB_WEBHOOK_SECRET');
      const body = raw.toString('utf8');
      if (!(await verifyGithubSignature(deps.secret, body, headers['x-hub-signature-256']))) throw new InvalidSignatureError();
      const payload = decodeGithubBody(body, headers['content-type']);

      const event = headers['x-github-event'];
      const action = GithubActionSchema.safeParse(payload);
      if (!action.success) throw new MalformedPayloadError('the body is not a JSON object');
      if (event !== 'issue_comment' || action.data.action !== 'created') {
        log.debug({ event, action: action.data.action }, 'event not handled');
        return notAccepted(request, reply, 'event_not_handled');
      }
      const parsed = IssueCommentPayloadSchema.safeParse(payload);
      if (!parsed.success) throw new InvalidPayloadError(`issue_comment payload: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
      trail.add('validation', 'ok', { signature_valid: true, event: `${event}.${action.data.action}` });

      const message = issueCommentMessage(parsed.data, {
        deliveryId: headers['x-github-delivery'],
        receivedAt,
        traceparent: traceparentFor(headers.traceparent),
      });
      return answer(request, reply, await deps.pipeline.handle(message, deps.rules, trail, log));
    },
  );
};
