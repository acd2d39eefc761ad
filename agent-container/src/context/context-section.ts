import { ServiceCallError } from '../services/service-call-error.js';

/** One piece of what the thread says, for the prompt: a heading and its text. */
export interface ContextSection {
  title: string;
  body: string;
}

/** What context gathering produced: the sections, and what could not be read (said to the model too). */
export interface GatheredContext {
  sections: ContextSection[];
  missing: string[];
}

export function cut(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}\n[… cut at ${maxChars} characters]`;
}

/**
 * Reads one piece of context. A transient failure (the service is down, rate limited) throws, so
 * the attempt is retried with its context whole; a refusal (not found, too large, forbidden) is
 * noted and the task goes on without that piece.
 */
export async function readPiece<T>(what: string, missing: string[], read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ServiceCallError && !error.retryable) {
      missing.push(`${what}: ${error.message}`);
      return null;
    }
    throw error;
  }
}
