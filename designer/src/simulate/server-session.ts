/**
 * A simulation run by the server (`/api/simulations`, docs/api.md), behind the same
 * `SimulationSession` interface as a run in the page, so the panel does not care where it runs.
 */
import type { JsonValue, Lang } from '@voiceman/runtime';
import type { SimInput, SimView, SimulationSession, WmsStubs } from '@voiceman/simulator';

export interface CreateSimulationBody {
  processKey: string;
  version: 'draft' | number;
  language?: Lang;
  input?: Record<string, JsonValue>;
  stubs?: WmsStubs;
}

export interface SimulationApi {
  create(body: CreateSimulationBody): Promise<{ id: string; view: SimView }>;
  input(id: string, input: SimInput): Promise<{ view: SimView }>;
  back(id: string, toStep: number): Promise<{ view: SimView }>;
  restart(id: string): Promise<{ view: SimView }>;
  remove(id: string): Promise<void>;
}

export function createServerSession(api: SimulationApi, body: CreateSimulationBody): SimulationSession {
  let id: string | null = null;
  let current: SimView | null = null;
  let disposed = false;
  const need = (): string => {
    if (id === null) throw new Error('the simulation has not started');
    return id;
  };
  const keep = (view: SimView) => (current = view);
  return {
    async start() {
      const created = await api.create(body);
      id = created.id;
      // Disposed while the server was creating it: delete it there too.
      if (disposed) void api.remove(created.id).catch(() => {});
      return keep(created.view);
    },
    async send(input) {
      return keep((await api.input(need(), input)).view);
    },
    async stepBack(toStep) {
      return keep((await api.back(need(), toStep)).view);
    },
    async restart() {
      return keep((await api.restart(need())).view);
    },
    // The server's run moves only on a request (its clock is virtual): nothing to push.
    subscribe() {
      return () => {};
    },
    view() {
      if (!current) throw new Error('the simulation has not started');
      return current;
    },
    dispose() {
      disposed = true;
      if (id !== null) void api.remove(id).catch(() => {});
    },
  };
}
