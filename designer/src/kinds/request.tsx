import { Field, NumberInput, Select } from '../ui/fields.js';
import { useT } from '../ui/i18n.js';
import { ProcessCodeField } from '../ui/ProcessCodeField.js';
import { AssignmentRows } from './assignments.js';
import { policySummary } from './request-policy.js';
import { RequestErrorOutcomes, RequestRetryPolicy } from './request-retry.js';
import type { NodeView } from './types.js';
import { RequestWrite } from './request-write.js';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** A mapping reads the WMS answer as `response` ({ status, body }). */
const responseVariables = { response: 'map' } as const;
const responseFields = { response: ['status', 'body'] };

export const requestView: NodeView<'request'> = {
  icon: '⇄',
  accent: '#b45309',
  Summary: ({ node }) => (
    <>
      <p className="vm-card-text vm-mono">
        <b>{node.data.method}</b> {node.data.url || '…'}
      </p>
      {node.data.mapping.length > 0 && <p className="vm-card-meta">→ {node.data.mapping.map((m) => m.variable).join(', ')}</p>}
      {policySummary(node.data) && <p className="vm-card-meta">↻ {policySummary(node.data)}</p>}
    </>
  ),
  Inspector: function RequestInspector({ node, process, update, readOnly }) {
    const t = useT();
    const d = node.data;
    return (
      <>
        <Field label={t('inspector.method')}>
          <Select value={d.method} options={methods} readOnly={readOnly} testId="request-method" onChange={(method) => update((x) => ({ ...x, method }))} />
        </Field>
        <Field label={t('inspector.url')}>
          <ProcessCodeField nodeId={node.id} field="url" value={d.url} language="template" readOnly={readOnly} testId="request-url" onChange={(url) => update((x) => ({ ...x, url }), 'url')} />
        </Field>
        {d.method !== 'GET' && d.method !== 'DELETE' && (
          <Field label={t('inspector.body')}>
            <ProcessCodeField nodeId={node.id} field="body" value={d.body ?? ''} language="template" readOnly={readOnly} testId="request-body" onChange={(body) => update((x) => ({ ...x, body }), 'body')} />
          </Field>
        )}
        <div className="vm-inline">
          <Field label={t('inspector.timeout')}>
            <NumberInput value={d.timeoutMs} min={100} readOnly={readOnly} onChange={(v) => update((x) => ({ ...x, timeoutMs: v ?? 5000 }), 'timeout')} />
          </Field>
          <Field label={t('inspector.retries')}>
            <NumberInput value={d.retries} min={0} readOnly={readOnly} onChange={(v) => update((x) => ({ ...x, retries: v ?? 0 }), 'retries')} />
          </Field>
        </div>
        <RequestRetryPolicy node={node} update={update} readOnly={readOnly} />
        <RequestErrorOutcomes node={node} update={update} readOnly={readOnly} />
        <Field label={t('inspector.mapping')}>
          <AssignmentRows
            nodeId={node.id}
            field="mapping"
            items={d.mapping}
            process={process}
            readOnly={readOnly}
            extraVariables={responseVariables}
            fields={responseFields}
            testId="request-mapping"
            onChange={(mapping, key) => update((x) => ({ ...x, mapping }), key && `mapping.${key}`)}
          />
        </Field>
        <RequestWrite node={node} update={update} readOnly={readOnly} />
      </>
    );
  },
};
