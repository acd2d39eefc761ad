import { WebAPIRateLimitedError } from '@slack/web-api';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { ProviderError } from '../errors.js';
import { mapSlackError } from './map-slack-error.js';

export interface SlackCallPolicy {
  /** A 429 whose Retry-After is at most this long is waited out and the call made again. */
  rateLimitMaxWaitSeconds: number;
  /** How many 429s one call may wait out before the 429 is handed to the caller. */
  maxRateLimitRetries: number;
  logger: Logger;
  /** Counts each call by Slack method and outcome (Prometheus). */
  record?: (method: string, outcome: 'ok' | 'error' | 'rate_limited') => void;
  /** @defaultValue setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Makes one Slack call under the service's rate-limit policy: a short Retry-After is honoured
 * here, a long one becomes a 429 for the caller (whose job queue backs off); every failure is
 * mapped to our error shape with Slack's message.
 */
export async function callSlack<T>(method: string, policy: SlackCallPolicy, work: () => Promise<T>): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const result = await work();
      policy.record?.(method, 'ok');
      return result;
    } catch (error) {
      if (error instanceof WebAPIRateLimitedError) {
        policy.record?.(method, 'rate_limited');
        if (error.retryAfter <= policy.rateLimitMaxWaitSeconds && attempt < policy.maxRateLimitRetries) {
          policy.logger.warn({ method, retryAfter: error.retryAfter, attempt }, 'Slack rate limit; waiting before the next attempt');
          await sleep(error.retryAfter * 1000);
          continue;
        }
      } else {
        policy.record?.(method, 'error');
      }
      throw mapSlackError(error);
    }
  }
}

/** Checks the part of a Slack answer this service relies on; a surprise is a 502, never a crash later. */
export function parseSlackResult<S extends z.ZodType>(method: string, schema: S, result: unknown): z.infer<S> {
  const parsed = schema.safeParse(result);
  if (!parsed.success) {
    throw new ProviderError('slack_bad_response', `Slack's answer to ${method} did not have the expected shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`, 502);
  }
  return parsed.data;
}
