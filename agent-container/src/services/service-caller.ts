import { type Context, ROOT_CONTEXT, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { z } from 'zod';
import { traceparentOf } from '../observability/trace-context.js';
import { createTracing } from '../observability/tracing.js';
import type { TaskLog } from '../task-log/task-log.js';
import { ServiceCallError } from './service-call-error.js';

const ErrorBodySchema = z.object({ code: z.string(), message: z.string() });

/** Who a call is made for: its headers name the task, and it is recorded in the task's 05 log. */
export interface CallContext {
  taskLog: TaskLog;
  /** Required on every write; reads go without. */
  idempotencyKey?: string;
  /** The trace context the call is made in (the job's span, or a child of it); its CLIENT span is a child of it. */
  trace?: Context;
}

export interface ServiceCallerOptions {
  /** The service's name in 05 and in errors: `github-service`, `slack-service`, ... */
  service: string;
  serviceToken: string;
  /** Per-call time limit. @defaultValue 30000 */
  timeoutMs?: number;
  /** Makes the CLIENT span of every call; by default a tracer that exports nothing. */
  tracer?: Tracer;
}

export interface CallTarget {
  /** The provider operation, as 05 names it: `issues.createComment`. */
  operation: string;
  method: string;
  /** The request path with its parameters filled in (never a query carrying data). */
  path: string;
}

/** One request through an openapi-fetch client: given the headers and a signal, its raw outcome. */
export type SendRequest = (headers: Record<string, string>, signal: AbortSignal) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Calls one provider service the same way for every client: the service token, `X-Task-Id`,
 * `Idempotency-Key` and `traceparent` headers; service_call / service_request /
 * service_response (or service_error) lines in 05 with status and duration, never a body; the
 * answer validated with zod; failures as a ServiceCallError that says whether to retry. Every
 * call is a CLIENT span, and the `traceparent` sent is that span's, so the service's SERVER span
 * hangs off it.
 */
export class ServiceCaller {
  private readonly tracer: Tracer;

  constructor(private readonly options: ServiceCallerOptions) {
    this.tracer = options.tracer ?? createTracing({ service: 'agent-container' }).tracer;
  }

  async call<T>(context: CallContext, target: CallTarget, schema: z.ZodType<T>, send: SendRequest): Promise<T> {
    const { service } = this.options;
    const { operation, method, path } = target;
    const parent = context.trace ?? ROOT_CONTEXT;
    const span = this.tracer.startSpan(
      `${service} ${operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': method, 'url.path': path, 'peer.service': service, 'swe_ai_fleet.operation': operation, 'swe_ai_fleet.task_id': context.taskLog.taskId },
      },
      parent,
    );
    try {
      const result = await this.send(context, target, schema, send, traceparentOf(trace.setSpan(parent, span)));
      span.setAttribute('http.response.status_code', result.status);
      span.end();
      return result.data;
    } catch (error) {
      if (error instanceof ServiceCallError && error.status !== undefined) span.setAttribute('http.response.status_code', error.status);
      span.setAttribute('error.type', error instanceof ServiceCallError ? error.code : 'error');
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      span.end();
      throw error;
    }
  }

  private async send<T>(context: CallContext, target: CallTarget, schema: z.ZodType<T>, send: SendRequest, traceparent: string | undefined): Promise<{ data: T; status: number }> {
    const { service } = this.options;
    const { operation, method, path } = target;
    const log = context.taskLog;
    void log.serviceFlow({ type: 'service_call', service, operation });
    void log.serviceFlow({ type: 'service_request', service, operation, method, path });
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.serviceToken}`,
      'x-task-id': log.taskId,
      ...(context.idempotencyKey ? { 'idempotency-key': context.idempotencyKey } : {}),
      ...(traceparent ? { traceparent } : {}),
    };
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let outcome;
    try {
      outcome = await send(headers, AbortSignal.timeout(this.options.timeoutMs ?? 30_000));
    } catch (error) {
      const detail = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
      void log.serviceFlow({ type: 'service_error', service, operation, method, path, duration_ms: elapsed(), error: detail });
      throw new ServiceCallError(service, operation, undefined, 'unreachable', detail);
    }
    const status = outcome.response.status;
    if (!outcome.response.ok) {
      const body = ErrorBodySchema.safeParse(outcome.error);
      const code = body.success ? body.data.code : 'http_error';
      const message = body.success ? body.data.message : outcome.response.statusText;
      void log.serviceFlow({ type: 'service_error', service, operation, method, path, status_code: status, duration_ms: elapsed(), error: `${code}: ${message}` });
      throw new ServiceCallError(service, operation, status, code, message);
    }
    const data = schema.safeParse(outcome.data);
    if (!data.success) {
      void log.serviceFlow({ type: 'service_error', service, operation, method, path, status_code: status, duration_ms: elapsed(), error: 'unexpected response body' });
      throw new ServiceCallError(service, operation, status, 'invalid_response', z.prettifyError(data.error));
    }
    void log.serviceFlow({ type: 'service_response', service, operation, method, path, status_code: status, duration_ms: elapsed() });
    return { data: data.data, status };
  }
}
