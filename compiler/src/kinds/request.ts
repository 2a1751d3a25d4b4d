import type { ActionJson, TransitionJson } from '@voiceman/runtime';
import { scoped } from '../compile-context.js';
import type { NodeKindDefinition } from './types.js';

/**
 * A WMS call. Mapping expressions read the response as `response` ({ status, body, headers });
 * the runtime hands the response to the `REQUEST.OK` transition as `event`, so each mapping
 * compiles to `cel.bind(response, event, <expr>)`: the designer's expression runs unchanged.
 */
export const request: NodeKindDefinition<'request'> = {
  kind: 'request',
  label: 'WMS request',
  description: 'Calls the WMS over HTTP; maps the response into variables. Outcomes: ok, error.',
  outcomes: () => ['ok', 'error'],
  defaultData: () => ({ method: 'GET', url: 'https://wms.example/api/', timeoutMs: 5000, retries: 1, mapping: [] }),
  asksOperator: () => false,
  lint: (node, ctx) => {
    const where = (field: string) => ({ nodeId: node.id, field });
    ctx.template(node.data.url, where('/url'));
    if (node.data.body !== undefined) ctx.expression(node.data.body, where('/body'));
    for (const [name, value] of Object.entries(node.data.headers ?? {})) ctx.template(value, where(`/headers/${name}`));
    node.data.mapping.forEach((m, i) => {
      const variable = ctx.variable(m.variable, where(`/mapping/${i}/variable`), 'Mapping target');
      ctx.expression(m.expr, where(`/mapping/${i}/expr`), { response: 'map' }, variable && { type: variable.type, code: 'mapping-type-mismatch', target: `Variable "${variable.name}"` });
    });
  },
  compile: (node, ctx) => {
    const { method, url, body, headers, timeoutMs, retries, mapping } = node.data;
    const params = scoped(
      { method, url, timeoutMs, retries, ...(body !== undefined ? { body } : {}), ...(headers !== undefined ? { headers } : {}) },
      ctx.scope,
    );
    const ok: TransitionJson = { target: ctx.target(node, 'ok')! };
    if (mapping.length > 0) {
      const assign: ActionJson = {
        type: 'vm.assign',
        params: scoped({ assignments: mapping.map((m) => ({ variable: m.variable, expr: bindResponse(m.expr) })) }, ctx.scope),
      };
      ok.actions = [assign];
    }
    return {
      id: ctx.stateId(node.id),
      meta: ctx.meta(node),
      tags: ['request'],
      entry: [{ type: 'vm.request', params }],
      on: { 'REQUEST.OK': ok, 'REQUEST.ERROR': { target: ctx.target(node, 'error')! } },
    };
  },
};

export const bindResponse = (expr: string): string => `cel.bind(response, event, ${expr})`;
