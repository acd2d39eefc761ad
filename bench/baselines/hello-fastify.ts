// The lower bound of any webhook receiver on this machine: bare Fastify, no logging, the same
// POST (body read and JSON-parsed by Fastify's default parser), a constant answer. Run as its
// own process by bench/ingest.ts: `PORT=<port> node bench/baselines/hello-fastify.ts`.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
app.get('/health', async () => ({ status: 'ok' }));
app.post('/webhooks/github', async (_request, reply) => reply.code(202).send({ hello: 'world' }));

const port = Number(process.env.PORT ?? 0);
await app.listen({ port, host: '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
