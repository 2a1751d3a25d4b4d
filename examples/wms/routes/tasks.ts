/** Putaway, replenishment and cycle count: each a "next task" and a "confirm" route. */
import type { FastifyInstance } from 'fastify';
import { schemas } from '../schemas.js';
import type { WmsStore } from '../store.js';
import { countView, putawayView, replenishmentView } from '../views.js';

type OperatorBody = { Body: { operatorId: string } };
type QuantityRoute = { Params: { taskId: string }; Body: { operatorId: string; quantity: number } };

export function taskRoutes(app: FastifyInstance, store: WmsStore): void {
  app.post<OperatorBody>('/putaway/tasks/next', { schema: schemas.nextPutaway }, async (request) => {
    const task = store.nextPutaway(request.body.operatorId);
    return { available: task !== null, task: task && putawayView(store, task) };
  });
  app.post<QuantityRoute>('/putaway/tasks/:taskId/confirm', { schema: schemas.confirmPutaway }, async (request) => ({
    task: putawayView(store, store.confirmPutaway(request.params.taskId, request.body)),
  }));

  app.post<OperatorBody>('/replenishment/tasks/next', { schema: schemas.nextReplenishment }, async (request) => {
    const task = store.nextReplenishment(request.body.operatorId);
    return { available: task !== null, task: task && replenishmentView(store, task) };
  });
  app.post<QuantityRoute>('/replenishment/tasks/:taskId/confirm', { schema: schemas.confirmReplenishment }, async (request) => ({
    task: replenishmentView(store, store.confirmReplenishment(request.params.taskId, request.body)),
  }));

  app.post<OperatorBody>('/counts/tasks/next', { schema: schemas.nextCount }, async (request) => {
    const task = store.nextCount(request.body.operatorId);
    return { available: task !== null, task: task && countView(store, task) };
  });
  app.post<QuantityRoute>('/counts/tasks/:taskId/count', { schema: schemas.submitCount }, async (request) => {
    const { task, result } = store.submitCount(request.params.taskId, request.body);
    return { result, attempt: task.counts.length, task: countView(store, task) };
  });
}
