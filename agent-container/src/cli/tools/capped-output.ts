/**
 * Collects output up to `maxBytes`, keeping the first and the last half: the start of a
 * command's output says what ran, the end says how it finished (the error, the summary line).
 */
export class CappedOutput {
  private readonly half: number;
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);
  private total = 0;

  constructor(private readonly maxBytes: number) {
    this.half = Math.floor(maxBytes / 2);
  }

  push(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.total += bytes.length;
    const headRoom = this.half - this.head.length;
    const rest = headRoom > 0 ? bytes.subarray(headRoom) : bytes;
    if (headRoom > 0) this.head = Buffer.concat([this.head, bytes.subarray(0, headRoom)]);
    if (rest.length === 0) return;
    const joined = Buffer.concat([this.tail, rest]);
    this.tail = joined.subarray(Math.max(0, joined.length - (this.maxBytes - this.half)));
  }

  get totalBytes(): number {
    return this.total;
  }

  get truncated(): boolean {
    return this.total > this.head.length + this.tail.length;
  }

  toString(): string {
    if (!this.truncated) return Buffer.concat([this.head, this.tail]).toString('utf8');
    const omitted = this.total - this.head.length - this.tail.length;
    return `${this.head.toString('utf8')}\n[... ${omitted} bytes omitted ...]\n${this.tail.toString('utf8')}`;
  }
}

/** A string cut to `maxBytes` the same way. */
export function capText(text: string, maxBytes: number): string {
  const output = new CappedOutput(maxBytes);
  output.push(text);
  return output.toString();
}
