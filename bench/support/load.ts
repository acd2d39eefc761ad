import autocannon from 'autocannon';
import { type Summary, summarize } from './stats.ts';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  /** Origin of the server under load (loopback only). */
  origin: string;
  connections: number;
  /** Requests per second over all connections; unset means as fast as the server answers. */
  rate?: number;
  /** Bounded by count... */
  amount?: number;
  /** ...and by time: the run stops after this many seconds whatever the count. */
  durationS: number;
  /** Called for every request sent (unique delivery ids, signatures). */
  next: () => LoadRequest;
  /** Status codes that count as success. @defaultValue [200] */
  expect?: readonly number[];
  /** Also receives every latency sample (to merge runs made side by side). */
  collect?: number[];
}

export interface LoadResult {
  connections: number;
  rate: number | null;
  /** Wall time of the run, seconds. */
  durationS: number;
  succeeded: number;
  /** Requests answered with an unexpected status, by status. */
  unexpected: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  /** Successful answers per second over the run. */
  throughput: number;
  /** Latency of the successful answers, milliseconds, from the request's write to its last byte. */
  latency: Summary;
}

/**
 * Drives one server with autocannon (a well-kept HTTP/1.1 load tool) and keeps every latency
 * sample, so percentiles are exact (autocannon's own histogram stores whole milliseconds and has
 * no p95). With `rate`, autocannon caps each connection at `rate / connections` requests per
 * one-second window and sends them back to back at the start of the window: load arrives in
 * bursts at full concurrency, which is harsher than a perfectly smooth rate.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const expected = new Set(options.expect ?? [200]);
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  let deadline: NodeJS.Timeout | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.origin,
        connections: options.connections,
        // The samples below are raw latencies; autocannon's coordinated-omission correction would only touch its own histogram.
        ...(options.rate ? { overallRate: options.rate, ignoreCoordinatedOmission: true } : {}),
        ...(options.amount ? { amount: options.amount } : { duration: options.durationS }),
        timeout: 10,
        requests: [
          {
            setupRequest: (request) => {
              const next = options.next();
              return { ...request, method: next.method ?? 'POST', path: next.path ?? '/', headers: { ...request.headers, ...next.headers }, body: next.body ?? '' };
            },
          },
        ],
      },
      (error) => {
        clearTimeout(deadline);
        if (error) {
          reject(error);
          return;
        }
        const durationS = (performance.now() - started) / 1000;
        resolve({
          connections: options.connections,
          rate: options.rate ?? null,
          durationS,
          succeeded: latencies.length,
          unexpected,
          errors,
          throughput: latencies.length / durationS,
          latency: summarize(latencies),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (expected.has(statusCode)) {
        latencies.push(responseTime);
        options.collect?.push(responseTime);
      }
      else unexpected[String(statusCode)] = (unexpected[String(statusCode)] ?? 0) + 1;
    });
    instance.on('reqError', () => {
      errors++;
    });
    // `amount` wins over `duration` in autocannon, so the time bound is kept here.
    deadline = setTimeout(() => instance.stop(), options.durationS * 1000);
  });
}
