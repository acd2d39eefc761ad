import type { RepositoryRef } from '@swe-ai-fleet/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvalidPayloadError, InvalidSignatureError, MalformedPayloadError, StaleRequestError, WebhookNotConfiguredError } from '../../errors.js';
import type { IntakeOutcome, IntakeRules } from '../../pipeline/inbound-message.js';
import { traceparentOf } from '../../pipeline/traceparent.js';
import { WebhookTrail } from '../../pipeline/webhook-trail.js';
import { webhookRateLimit } from '../rate-limit.js';
import { acceptRawBodies } from '../raw-body.js';
import { webhookAnswers } from '../webhook-answers.js';
import type { WebhookIntakeDeps } from '../webhook-intake-deps.js';
import { DuplicateDeliverySchema, NotAcceptedSchema, webhookResponses } from '../webhook-responses.js';
import { SlackAuthorizer } from './slack-authorizer.js';
import { SlackHeadersSchema } from './slack-headers.js';
import { type SlackContext, slackEventMessage, slashCommandMessage } from './slack-message.js';
import {
  EventCallbackSchema,
  SlackEnvelopeSchema,
  SlackMessageEventSchema,
  SlashCommandReplySchema,
  SlashCommandSchema,
  UrlVerificationAnswerSchema,
  UrlVerificationSchema,
} from './slack-payloads.js';
import { verifySlackSignature } from './verify-slack-signature.js';

export interface SlackSettings {
  /** SLACK_SIGNING_SECRET; without it every request is refused. */
  signingSecret: string | undefined;
  /** SLACK_BOT_USER_ID; otherwise taken from the event's bot authorization. */
  botUserId?: string;
  allowedTeams: readonly string[];
  allowedUsers: readonly string[];
  channelRepositories: Readonly<Record<string, RepositoryRef>>;
}

export interface SlackWebhookDeps extends WebhookIntakeDeps {
  settings: SlackSettings;
}

const FIRST_USER_MENTION = /<@[UW][A-Z0-9]+>/;

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new MalformedPayloadError('the body is not valid JSON');
  }
}

function issues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
}

/** What the person who typed the slash command reads (only them): Slack shows it within its 3 s. */
function slashReply(outcome: IntakeOutcome, dashboardUrl: string | undefined): string {
  const link = (taskId: string) => (dashboardUrl ? ` <${dashboardUrl.replace(/\/$/, '')}/tasks/${taskId}|Follow it in the dashboard.>` : '');
  switch (outcome.kind) {
    case 'task_created':
      return `On it: queued as ${outcome.taskId}. The answer comes in this channel.${link(outcome.taskId)}`;
    case 'duplicate':
      return outcome.taskId ? `Already received: ${outcome.taskId}.` : 'Already received.';
    case 'rejected':
      return outcome.reason === 'author_not_authorized' ? 'You are not allowed to ask the agent here.' : `Nothing to do (${outcome.reason}).`;
  }
}

export const slackWebhookRoutes: FastifyPluginAsyncZod<SlackWebhookDeps> = async (app, deps) => {
  acceptRawBodies(app, ['application/json', 'application/x-www-form-urlencoded'], deps.bodyLimit);
  const answers = webhookAnswers(app, 'slack', deps.metrics, deps.dashboardUrl);
  const { settings } = deps;
  const authorizer = new SlackAuthorizer(settings);

  const rulesFor = (botUserId: string | undefined, text: string): IntakeRules => {
    // Without a known bot id, an app_mention's first user mention is the bot's: Slack sent the event because it is there.
    const mention = botUserId ? `<@${botUserId}>` : (FIRST_USER_MENTION.exec(text)?.[0] ?? deps.mention);
    return { mention, extraMentions: [deps.mention], ownLogins: botUserId ? [botUserId] : [], authorizer };
  };

  const slashCommand = async (request: FastifyRequest, reply: FastifyReply, form: URLSearchParams, context: Omit<SlackContext, 'botUserId'>, trail: WebhookTrail) => {
    const parsed = SlashCommandSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new InvalidPayloadError(`slash command: ${issues(parsed.error)}`);
    trail.add('validation', 'ok', { signature_valid: true, event: 'slash_command', command: parsed.data.command });
    const message = slashCommandMessage(parsed.data, { ...context, botUserId: settings.botUserId });
    const log = request.log.child({ task_id: trail.taskId, delivery_id: message.deliveryId });
    const outcome = await deps.pipeline.handle(message, rulesFor(settings.botUserId, ''), trail, log);
    answers.markIntake(request, outcome);
    // Slack shows a slash command's answer only on HTTP 200.
    return reply.status(200).send({ response_type: 'ephemeral' as const, text: slashReply(outcome, deps.dashboardUrl) });
  };

  app.post(
    '/webhooks/slack',
    {
      bodyLimit: deps.bodyLimit,
      config: { rateLimit: webhookRateLimit(deps.rateLimit, 'slack') },
      schema: {
        tags: ['webhooks'],
        summary: 'Receive a Slack Events API request or slash command',
        description:
          'Set as the Request URL of Event Subscriptions (bot events `app_mention` and `message.im`) and of the slash command. ' +
          'Every request is verified with `X-Slack-Signature` (v0, SLACK_SIGNING_SECRET) and `X-Slack-Request-Timestamp` within 5 minutes. ' +
          '`url_verification` is answered with its challenge; events are deduplicated on `event_id` (Slack retries carry `X-Slack-Retry-Num`); ' +
          'a slash command is answered at once with an ephemeral reply. A thread names its repository with `repo:owner/name`, or the ' +
          "channel's default from SLACK_CHANNEL_REPOSITORIES applies.",
        headers: SlackHeadersSchema,
        response: {
          ...webhookResponses,
          200: z
            .union([DuplicateDeliverySchema, NotAcceptedSchema, UrlVerificationAnswerSchema, SlashCommandReplySchema])
            .describe('A repeat, nothing to do, the url_verification challenge, or the reply to a slash command'),
        },
      },
    },
    async (request, reply) => {
      const receivedAt = deps.now();
      const headers = request.headers;
      const trail = new WebhookTrail(deps.newTaskId(), deps.now);
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      trail.add('received', 'ok', {
        provider: 'slack',
        bytes: raw.length,
        ...(headers['x-slack-retry-num'] ? { retry_num: headers['x-slack-retry-num'], retry_reason: headers['x-slack-retry-reason'] } : {}),
      });
      if (!settings.signingSecret) throw new WebhookNotConfiguredError('Slack', 'SLACK_SIGNING_SECRET');
      const check = verifySlackSignature({
        secret: settings.signingSecret,
        rawBody: raw,
        timestamp: headers['x-slack-request-timestamp'],
        signature: headers['x-slack-signature'],
        now: receivedAt,
      });
      if (check === 'stale') {
        answers.mark(request, 'stale_request');
        throw new StaleRequestError('X-Slack-Request-Timestamp is more than 5 minutes from now; Slack requests cannot be replayed');
      }
      if (check !== 'valid') throw new InvalidSignatureError();

      const body = raw.toString('utf8');
      const context = { receivedAt, traceparent: traceparentOf(request.span), channelRepositories: settings.channelRepositories };
      if (headers['content-type']?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
        const form = new URLSearchParams(body);
        // Interactivity (`payload=`) and Slack's `ssl_check` pings start nothing.
        if (!form.has('command')) return answers.notAccepted(request, reply, 'event_not_handled');
        return slashCommand(request, reply, form, context, trail);
      }

      const payload = parseJson(body);
      const envelope = SlackEnvelopeSchema.safeParse(payload);
      if (!envelope.success) throw new MalformedPayloadError('the body is not a JSON object');
      if (envelope.data.type === 'url_verification') {
        const verification = UrlVerificationSchema.safeParse(payload);
        if (!verification.success) throw new InvalidPayloadError(`url_verification: ${issues(verification.error)}`);
        answers.mark(request, 'url_verification');
        return reply.status(200).send({ challenge: verification.data.challenge });
      }
      if (envelope.data.type !== 'event_callback') return answers.notAccepted(request, reply, 'event_not_handled');
      const callback = EventCallbackSchema.safeParse(payload);
      if (!callback.success) throw new InvalidPayloadError(`event_callback: ${issues(callback.error)}`);
      const log = request.log.child({ task_id: trail.taskId, delivery_id: callback.data.event_id });
      if (callback.data.event.type !== 'app_mention' && callback.data.event.type !== 'message') return answers.notAccepted(request, reply, 'event_not_handled');
      const event = SlackMessageEventSchema.safeParse(callback.data.event);
      if (!event.success) throw new InvalidPayloadError(`${callback.data.event.type} event: ${issues(event.error)}`);

      const botUserId = settings.botUserId ?? callback.data.authorizations?.find((authorization) => authorization.is_bot)?.user_id;
      const message = slackEventMessage(callback.data, event.data, { ...context, botUserId });
      if (!message) {
        log.debug({ type: event.data.type, subtype: event.data.subtype, channel_type: event.data.channel_type }, 'event not handled');
        return answers.notAccepted(request, reply, 'event_not_handled');
      }
      trail.add('validation', 'ok', { signature_valid: true, event: message.event, event_id: callback.data.event_id });
      return answers.answer(request, reply, await deps.pipeline.handle(message, rulesFor(botUserId, message.rawText), trail, log));
    },
  );
};
