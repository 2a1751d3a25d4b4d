import type { FastifyInstance } from 'fastify';
import { schemas } from '../schemas.js';
import type { WmsStore } from '../store.js';

type OperatorParams = { Params: { operatorId: string } };

export function operatorRoutes(app: FastifyInstance, store: WmsStore): void {
  app.get<OperatorParams>('/operators/:operatorId', { schema: schemas.operator }, async (request) => ({
    operator: store.operator(request.params.operatorId),
  }));

  app.post<OperatorParams>('/operators/:operatorId/sign-on', { schema: schemas.signOn }, async (request) => ({
    operator: store.signOn(request.params.operatorId),
  }));

  app.post<OperatorParams>('/operators/:operatorId/sign-off', { schema: schemas.signOff }, async (request) => ({
    operator: store.signOff(request.params.operatorId),
  }));
}
