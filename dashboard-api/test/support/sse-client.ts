/** One Server-Sent Event as a browser's EventSource would dispatch it. */
export interface ServerSentEvent {
  event: string;
  id: string | undefined;
  data: string;
}

/**
 * Reads a text/event-stream response event by event (WHATWG HTML "Parsing an event stream",
 * the parts the live tail uses: event, id, data, comments).
 */
export function readEvents(response: Response) {
  const body = response.body;
  if (!body) throw new Error('the response has no body');
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queued: ServerSentEvent[] = [];
  let ended = false;

  async function fill(): Promise<void> {
    const { value, done } = await reader.read();
    if (done) {
      ended = true;
      return;
    }
    buffer += value;
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const event: ServerSentEvent = { event: 'message', id: undefined, data: '' };
      let hasData = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const [field = '', ...rest] = line.split(':');
        const text = rest.join(':').replace(/^ /, '');
        if (field === 'event') event.event = text;
        else if (field === 'id') event.id = text;
        else if (field === 'data') {
          event.data += hasData ? `\n${text}` : text;
          hasData = true;
        }
      }
      if (hasData) queued.push(event);
      boundary = buffer.indexOf('\n\n');
    }
  }

  return {
    /** The next event, or null when the stream ended. */
    async next(): Promise<ServerSentEvent | null> {
      while (queued.length === 0 && !ended) await fill();
      return queued.shift() ?? null;
    },
    /** Events until one named `name` (included), or the end of the stream. */
    async until(name: string): Promise<ServerSentEvent[]> {
      const seen: ServerSentEvent[] = [];
      for (;;) {
        const event = await this.next();
        if (!event) return seen;
        seen.push(event);
        if (event.event === name) return seen;
      }
    },
    cancel: () => reader.cancel(),
  };
}
