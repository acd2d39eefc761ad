import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * One Server-Sent Events response (WHATWG HTML, "Server-sent events"). The reply is hijacked,
 * so Fastify neither serializes nor ends it; `close()` or the client going away ends it.
 */
export class EventStream {
  private closed = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(request: FastifyRequest, private readonly reply: FastifyReply) {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise hold events back in their buffers.
      'x-accel-buffering': 'no',
    });
    reply.raw.flushHeaders();
    request.raw.once('close', () => this.close());
    reply.raw.once('error', () => this.close());
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** One event; `data` is JSON on a single line, so it can never break the framing. */
  send(event: string, data: unknown, id?: string): void {
    if (this.closed) return;
    const lines = [`event: ${event}`];
    if (id !== undefined) lines.push(`id: ${id}`);
    lines.push(`data: ${JSON.stringify(data)}`);
    this.reply.raw.write(`${lines.join('\n')}\n\n`);
  }

  /** A comment line: keeps proxies from closing an idle connection. */
  keepAlive(): void {
    if (!this.closed) this.reply.raw.write(': keep-alive\n\n');
  }

  /** How long the client waits before it reconnects after the stream ends. */
  retryAfter(ms: number): void {
    if (!this.closed) this.reply.raw.write(`retry: ${ms}\n\n`);
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reply.raw.end();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

/** The streams open in one app, so shutting down can end them instead of waiting for them. */
export class OpenStreams {
  private readonly streams = new Set<EventStream>();

  add(stream: EventStream): void {
    this.streams.add(stream);
    stream.onClose(() => this.streams.delete(stream));
  }

  get size(): number {
    return this.streams.size;
  }

  closeAll(): void {
    for (const stream of [...this.streams]) stream.close();
  }
}
