/**
 * Test controls, as a real WMS's staging instance would not have them: reset to the seed and
 * fault injection (answer N requests with a status, or delay them) for error-path tests.
 */
import type { FastifyInstance } from 'fastify';
import { schemas } from '../schemas.js';
import type { WmsStore } from '../store.js';

export interface Faults {
  status: number;
  count: number;
  pathPrefix: string;
  delayMs: number;
  /** Handled at once, answered after this long: the WMS applied it, the client may have given up. */
  delayResponseMs: number;
}

export interface FaultState {
  current: Faults | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const heldBack = new WeakMap<object, number>();

export function testingRoutes(app: FastifyInstance, store: WmsStore, faults: FaultState, forgetReplies: () => void): void {
  app.addHook('onRequest', async (request, reply) => {
    const fault = faults.current;
    const path = request.url;
    if (!fault || path.startsWith('/test/') || path.startsWith('/docs') || !path.startsWith(fault.pathPrefix)) return;
    fault.count -= 1;
    if (fault.count <= 0) faults.current = null;
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.status > 0) {
      return reply.status(fault.status).send({ code: 'injected_fault', message: `Injected fault: HTTP ${fault.status}.` });
    }
    if (fault.delayResponseMs > 0) heldBack.set(request, fault.delayResponseMs);
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    const ms = heldBack.get(request);
    if (ms !== undefined) await sleep(ms);
    return payload;
  });

  app.post('/test/reset', { schema: schemas.reset }, async () => {
    store.reset();
    faults.current = null;
    forgetReplies();
    return { status: 'reset' };
  });

  app.post<{ Body: Partial<Faults> | undefined }>('/test/faults', { schema: schemas.setFaults }, async (request) => {
    const body = request.body ?? {};
    faults.current = {
      status: body.status ?? 500,
      count: body.count ?? 1,
      pathPrefix: body.pathPrefix ?? '/',
      delayMs: body.delayMs ?? 0,
      delayResponseMs: body.delayResponseMs ?? 0,
    };
    return faults.current;
  });

  app.delete('/test/faults', { schema: schemas.clearFaults }, async () => {
    faults.current = null;
    return { status: 'cleared' };
  });
}
