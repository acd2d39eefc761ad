import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Metrics } from '../http/metrics.js';
import { describeRequest } from '../http/request-log.js';
import type { IntakeOutcome } from '../pipeline/inbound-message.js';
import type { NotAcceptedReason } from './webhook-responses.js';

/** Outcome labels of rejections that never reach a handler's own bookkeeping. */
export function outcomeOfStatus(status: number): string {
  if (status === 401) return 'invalid_signature';
  if (status === 404) return 'not_found';
  if (status === 413) return 'too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  if (status === 400) return 'malformed';
  if (status === 503) return 'unavailable';
  return status >= 500 ? 'error' : 'other';
}

export interface WebhookAnswers {
  /** Names the outcome for `webhooks_received_total` and the log line when the reply is not one of the answers below. */
  mark(request: FastifyRequest, outcome: string): void;
  /** Marks what intake made of the delivery, with its log fields (task id, delivery id, why not). */
  markIntake(request: FastifyRequest, outcome: IntakeOutcome): void;
  notAccepted(request: FastifyRequest, reply: FastifyReply, reason: NotAcceptedReason): FastifyReply;
  answer(request: FastifyRequest, reply: FastifyReply, outcome: IntakeOutcome): FastifyReply;
}

/**
 * The answers every provider route gives (202 task, 200 duplicate, 200 not accepted) and the
 * `webhooks_received_total{provider,outcome}` count of each delivery, including the ones refused
 * before the handler ran (signature, size, rate limit).
 */
export function webhookAnswers(app: FastifyInstance, provider: string, metrics: Metrics, dashboardUrl?: string): WebhookAnswers {
  const outcomes = new WeakMap<FastifyRequest, string>();
  app.addHook('onResponse', async (request, reply) => {
    metrics.webhooksReceived.inc({ provider, outcome: outcomes.get(request) ?? outcomeOfStatus(reply.statusCode) });
  });
  const taskLink = (taskId: string) => (dashboardUrl ? new URL(`tasks/${taskId}`, `${dashboardUrl.replace(/\/$/, '')}/`).toString() : undefined);

  const mark = (request: FastifyRequest, outcome: string) => {
    outcomes.set(request, outcome);
    describeRequest(request, { outcome });
  };
  const markIntake = (request: FastifyRequest, outcome: IntakeOutcome) => {
    mark(request, outcome.kind === 'rejected' ? outcome.reason : outcome.kind);
    describeRequest(request, { ...outcome.logFields, ...(outcome.kind === 'rejected' ? {} : { task_id: outcome.taskId }) });
  };
  const notAccepted = (request: FastifyRequest, reply: FastifyReply, reason: NotAcceptedReason) => {
    mark(request, reason);
    return reply.status(200).send({ accepted: false as const, reason });
  };
  const answer = (request: FastifyRequest, reply: FastifyReply, outcome: IntakeOutcome) => {
    markIntake(request, outcome);
    switch (outcome.kind) {
      case 'task_created': {
        const location = taskLink(outcome.taskId);
        if (location) void reply.header('location', location);
        return reply.status(202).send({ task_id: outcome.taskId });
      }
      case 'duplicate':
        return reply.status(200).send({ task_id: outcome.taskId, duplicate: true as const });
      case 'rejected':
        return reply.status(200).send({ accepted: false as const, reason: outcome.reason });
    }
  };
  return { mark, markIntake, notAccepted, answer };
}
