import type { FastifyInstance } from 'fastify';

/**
 * Keeps webhook bodies as the exact bytes received: signatures are computed over them, and any
 * re-serialization would change them. Registered inside a webhook plugin, so other routes keep
 * Fastify's JSON parser.
 */
export function acceptRawBodies(app: FastifyInstance, contentTypes: string[], bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(contentTypes, { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    done(null, body);
  });
}
