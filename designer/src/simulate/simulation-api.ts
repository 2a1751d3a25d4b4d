/** The server's simulation routes (docs/api.md, "Simulations"), typed for `createServerSession`. */
import { call } from '../api/client.js';
import type { SimulationApi } from './server-session.js';
import type { SimView } from '@voiceman/simulator';

const enc = encodeURIComponent;

export const simulationApi: SimulationApi = {
  create: (body) => call<{ id: string; view: SimView }>('POST', '/api/simulations', body),
  input: (id, input) => call<{ view: SimView }>('POST', `/api/simulations/${enc(id)}/input`, input),
  back: (id, toStep) => call<{ view: SimView }>('POST', `/api/simulations/${enc(id)}/back`, { toStep }),
  restart: (id) => call<{ view: SimView }>('POST', `/api/simulations/${enc(id)}/restart`),
  remove: (id) => call<void>('DELETE', `/api/simulations/${enc(id)}`),
};
