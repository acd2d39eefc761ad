import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { ForbiddenError } from '../errors.js';

export const BOARD_PATH = '/api/v1/board';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The BullMQ board (@bull-board) inside the authenticated /api scope: signing in to the
 * dashboard opens it, and its own requests carry the CSRF token (axios sends the XSRF-TOKEN
 * cookie back as X-XSRF-TOKEN). Looking is for everyone; retrying, removing or pausing jobs is
 * for admins.
 */
export async function registerQueueBoard(apiScope: FastifyInstance, queues: readonly Queue[]): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'SWE AI Fleet queues' } },
  });
  await apiScope.register(async (board) => {
    board.addHook('onRequest', async (request) => {
      if (!SAFE_METHODS.has(request.method) && request.principal?.user.role !== 'admin') {
        throw new ForbiddenError('changing jobs needs the admin role');
      }
    });
    await board.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
  });
}
