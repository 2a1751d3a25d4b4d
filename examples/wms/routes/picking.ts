import type { FastifyInstance } from 'fastify';
import { schemas } from '../schemas.js';
import type { WmsStore } from '../store.js';
import { assignmentView, pickView } from '../views.js';

type OperatorBody = { operatorId: string };

export function pickingRoutes(app: FastifyInstance, store: WmsStore): void {
  app.post<{ Body: OperatorBody }>('/picking/assignments/next', { schema: schemas.nextAssignment }, async (request) => {
    const assignment = store.nextAssignment(request.body.operatorId);
    return { available: assignment !== null, assignment: assignment && assignmentView(store, assignment) };
  });

  app.get<{ Params: { assignmentId: string } }>('/picking/assignments/:assignmentId', { schema: schemas.assignment }, async (request) => {
    const assignment = store.assignment(request.params.assignmentId);
    return { assignment: assignmentView(store, assignment), picks: assignment.picks.map((p) => pickView(store, p)) };
  });

  app.get<{ Params: { assignmentId: string } }>(
    '/picking/assignments/:assignmentId/next-pick',
    { schema: schemas.nextPick },
    async (request) => {
      const assignment = store.assignment(request.params.assignmentId);
      const pick = store.nextPick(assignment.id);
      return {
        done: pick === null,
        remaining: assignment.picks.filter((p) => p.status === 'open').length,
        pick: pick && pickView(store, pick),
      };
    },
  );

  app.post<{ Params: { pickId: string }; Body: OperatorBody & { quantity: number; reasonCode?: string } }>(
    '/picking/picks/:pickId/confirm',
    { schema: schemas.confirmPick },
    async (request) => ({ pick: pickView(store, store.confirmPick(request.params.pickId, request.body)) }),
  );

  app.post<{ Params: { pickId: string }; Body: OperatorBody }>(
    '/picking/picks/:pickId/skip',
    { schema: schemas.skipPick },
    async (request) => {
      const { pick, position } = store.skipPick(request.params.pickId, request.body.operatorId);
      return { pick: pickView(store, pick), position };
    },
  );

  app.post<{ Params: { assignmentId: string }; Body: OperatorBody & { doorId: string } }>(
    '/picking/assignments/:assignmentId/deliver',
    { schema: schemas.deliver },
    async (request) => ({ assignment: assignmentView(store, store.deliver(request.params.assignmentId, request.body)) }),
  );
}
