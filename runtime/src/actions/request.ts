/** `vm.request`: a WMS call. The job carries the resolved request; the driver performs it. */
import type { Backoff, JsonValue, RequestParams } from '../format.js';
import { activation } from '../context.js';
import type { CelActivation, CelProgram } from '../cel.js';
import { prepareCel, prepareTemplate, renderTemplate, resolveScope, type CompiledPart, type ScopeRuntime } from '../prepare.js';
import { joinUrl, renderValue } from '../template.js';
import type { ActionDefinition } from './types.js';

export interface PreparedRequest {
  stateId: string;
  scope: ScopeRuntime;
  method: RequestParams['method'];
  url: CompiledPart[];
  body?: CelProgram;
  headers: Record<string, CompiledPart[]>;
  timeoutMs: number;
  retries: number;
  retryStatuses?: number[];
  backoff?: Backoff;
  /** Marked a write although a GET ("back up" stops after it). */
  write?: true;
}

export const request: ActionDefinition<RequestParams, PreparedRequest> = {
  kind: 'effect',
  prepare(params, ctx) {
    const scope = resolveScope(ctx, params.scope ?? ctx.defaultScope);
    if (!scope) return null;
    const url = prepareTemplate(ctx, scope.env, params.url, 'url', '/url');
    const body = params.body === undefined ? undefined : prepareCel(ctx, scope.env, params.body, 'body', '/body');
    const headers: Record<string, CompiledPart[]> = {};
    let ok = true;
    for (const [name, value] of Object.entries(params.headers ?? {})) {
      const parts = prepareTemplate(ctx, scope.env, value, 'headers', `/headers/${name}`);
      if (parts) headers[name] = parts;
      else ok = false;
    }
    if (!url || body === null || !ok) return null;
    const prepared: PreparedRequest = { stateId: ctx.stateId ?? '', scope, method: params.method, url, headers, timeoutMs: params.timeoutMs, retries: params.retries };
    if (body) prepared.body = body;
    if (params.retryStatuses !== undefined) prepared.retryStatuses = params.retryStatuses;
    if (params.backoff !== undefined) prepared.backoff = params.backoff;
    if (params.write === true) prepared.write = true;
    return prepared;
  },
  effect(prepared, { context, event }) {
    const act = activation(context, prepared.scope, event);
    const headers: Record<string, string> = {};
    for (const [name, parts] of Object.entries(prepared.headers)) headers[name] = renderTemplate(parts, act);
    const req: { method: string; url: string; headers: Record<string, string>; timeoutMs: number; body?: JsonValue } = {
      method: prepared.method,
      url: renderUrl(prepared.url, act),
      headers,
      timeoutMs: prepared.timeoutMs,
    };
    if (prepared.body) req.body = prepared.body.run(act);
    return {
      kind: 'request',
      stateId: prepared.stateId,
      request: req,
      retries: prepared.retries,
      ...(prepared.retryStatuses !== undefined ? { retryStatuses: prepared.retryStatuses } : {}),
      ...(prepared.backoff !== undefined ? { backoff: prepared.backoff } : {}),
      ...(prepared.write ? { write: true as const } : {}),
    };
  },
};

/**
 * A leading placeholder is the WMS base and goes in unencoded; later ones are encoded. The
 * runner refuses the result unless it is an absolute http(s) URL (see `urlProblem`).
 */
function renderUrl(parts: CompiledPart[], act: CelActivation): string {
  return joinUrl(parts.map((p) => ('text' in p ? p : { value: renderValue(p.program.run(act)) })));
}
