import { urlProblem, type ActionJson, type TransitionJson } from '@voiceman/runtime';
import { scoped } from '../compile-context.js';
import { clip } from '../lint/context.js';
import type { NodeKindDefinition } from './types.js';
import { expr, type JsonSchema, type FromDataSchema } from '../schema-parts.js';

const dataSchema = {
  type: 'object',
  required: ['method', 'url', 'timeoutMs', 'retries', 'mapping'],
  properties: {
    method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
    url: { type: 'string', minLength: 1, maxLength: 4000 },
    body: expr,
    headers: {
      type: 'object',
      maxProperties: 50,
      additionalProperties: { type: 'string', maxLength: 4000 },
    },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 120000 },
    retries: { type: 'integer', minimum: 0, maximum: 10 },
    mapping: { $ref: '#/$defs/assignments' },
    /** A GET that changes the WMS (a method other than GET always does): "back up" stops after it. */
    write: { type: 'boolean' },
  },
  additionalProperties: false,
} as const satisfies JsonSchema;

/** `data` of a request node (from its schema). Outcomes: `ok`, `error`. `mapping` reads the response as `response` ({ status, body }). */
export type RequestData = FromDataSchema<typeof dataSchema>;

/**
 * A WMS call. Mapping expressions read the response as `response` ({ status, body, headers });
 * the runtime hands the response to the `REQUEST.OK` transition as `event`, so each mapping
 * compiles to `cel.bind(response, event, <expr>)`: the designer's expression runs unchanged.
 */
export const request: NodeKindDefinition<'request', RequestData> = {
  kind: 'request',
  label: 'WMS request',
  description: 'Calls the WMS over HTTP; maps the response into variables. Outcomes: ok, error.',
  dataSchema,
  outcomes: () => ['ok', 'error'],
  defaultData: () => ({ method: 'GET', url: 'https://wms.example/api/', timeoutMs: 5000, retries: 1, mapping: [] }),
  asksOperator: () => false,
  lint: (node, ctx) => {
    const where = (field: string) => ({ nodeId: node.id, field });
    ctx.template(node.data.url, where('/url'));
    lintUrlStart(node.data.url, (message) => ctx.report('request-url-not-absolute', message, where('/url')));
    if (node.data.body !== undefined) ctx.expression(node.data.body, where('/body'));
    for (const [name, value] of Object.entries(node.data.headers ?? {})) ctx.template(value, where(`/headers/${name}`));
    node.data.mapping.forEach((m, i) => {
      if (m.variable === 'response') {
        // The mapping reads the response under that name, so a variable "response" is hidden there.
        ctx.report('variable-reserved', 'A mapping cannot write a variable named "response": in mappings that name is the WMS response. Rename the variable.', where(`/mapping/${i}/variable`));
      }
      const variable = ctx.variable(m.variable, where(`/mapping/${i}/variable`), 'Mapping target');
      ctx.expression(m.expr, where(`/mapping/${i}/expr`), { response: 'map' }, variable && { type: variable.type, code: 'mapping-type-mismatch', target: `Variable "${variable.name}"` });
    });
  },
  compile: (node, ctx) => {
    const { method, url, body, headers, timeoutMs, retries, mapping } = node.data;
    const params = scoped(
      { method, url, timeoutMs, retries, ...(body !== undefined ? { body } : {}), ...(headers !== undefined ? { headers } : {}), ...(node.data.write === true && method === 'GET' ? { write: true } : {}) },
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

/**
 * The runtime sends only absolute http(s) URLs and inserts only a *leading* placeholder
 * unencoded; so a template that starts with text must spell out scheme and host itself before
 * its first placeholder ("https://{{ host }}/x" would arrive as "https://wms%3A4010/x").
 */
function lintUrlStart(url: string, report: (message: string) => void): void {
  const open = url.indexOf('{{');
  if (open === 0 || url.trim() === '') return;
  const literal = open < 0 ? url : url.slice(0, open);
  if (urlProblem(literal) === null) return;
  report(
    `The URL starts with "${clip(literal, 40)}", which is not an absolute http:// or https:// URL, and the terminal refuses any other: ` +
      'start it with the WMS base variable ("{{ wmsUrl }}/tasks") or write scheme and host out ("https://wms.example/tasks").',
  );
}

export const bindResponse = (expr: string): string => `cel.bind(response, event, ${expr})`;
