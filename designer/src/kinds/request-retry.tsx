/** The request inspector's retry policy (statuses, backoff) and failure-class outcomes; logic in ./request-policy.ts. */
import { useState } from 'react';
import { Field, ListInput, NumberInput, Select } from '../ui/fields.js';
import { useT } from '../ui/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { ERROR_CLASSES, parseStatuses, withBackoff, withErrorOutcome, withRetryStatuses } from './request-policy.js';
import type { InspectorProps } from './types.js';

const BACKOFF_TYPES = ['default', 'fixed', 'exponential'] as const;

export function RequestRetryPolicy({ node, update, readOnly }: Pick<InspectorProps<'request'>, 'node' | 'update' | 'readOnly'>) {
  const t = useT();
  const d = node.data;
  const [invalid, setInvalid] = useState<string[]>([]);
  const type = d.backoff?.type ?? 'default';
  return (
    <>
      <Field label={t('inspector.retryStatuses')} hint={invalid.length > 0 ? t('inspector.retryStatusesInvalid', { items: invalid.join(', ') }) : t('inspector.retryStatusesHint')}>
        <ListInput
          value={(d.retryStatuses ?? []).map(String)}
          readOnly={readOnly}
          testId="request-retry-statuses"
          onChange={(items) => {
            const parsed = parseStatuses(items);
            setInvalid(parsed.invalid);
            update((x) => withRetryStatuses(x, parsed.statuses), 'retryStatuses');
          }}
        />
      </Field>
      <div className="vm-inline">
        <Field label={t('inspector.backoff')}>
          <Select
            value={type}
            options={BACKOFF_TYPES}
            readOnly={readOnly}
            testId="request-backoff"
            labels={{ default: t('backoff.default'), fixed: t('backoff.fixed'), exponential: t('backoff.exponential') }}
            onChange={(v) => update((x) => withBackoff(x, { type: v }), 'backoff')}
          />
        </Field>
        {d.backoff && (
          <Field label={t('inspector.backoffDelay')}>
            <NumberInput value={d.backoff.delayMs} min={0} readOnly={readOnly} testId="request-backoff-delay" onChange={(v) => update((x) => withBackoff(x, { type: d.backoff!.type, delayMs: v ?? 0 }), 'backoff.delay')} />
          </Field>
        )}
        {d.backoff?.type === 'exponential' && (
          <Field label={t('inspector.backoffMax')}>
            <NumberInput value={d.backoff.maxDelayMs} min={0} readOnly={readOnly} testId="request-backoff-max" onChange={(v) => update((x) => withBackoff(x, { type: 'exponential', maxDelayMs: v }), 'backoff.max')} />
          </Field>
        )}
      </div>
    </>
  );
}

export function RequestErrorOutcomes({ node, update, readOnly }: Pick<InspectorProps<'request'>, 'node' | 'update' | 'readOnly'>) {
  const t = useT();
  const listed = new Set(node.data.errorOutcomes ?? []);
  return (
    <Field label={t('inspector.errorOutcomes')} hint={t('inspector.errorOutcomesHint')}>
      <div className="vm-checks" data-testid="request-error-outcomes">
        {ERROR_CLASSES.map((cls) => (
          <label key={cls} className="vm-check">
            <input
              type="checkbox"
              checked={listed.has(cls)}
              disabled={readOnly}
              data-testid={`request-error-${cls}`}
              onChange={(e) => update((x) => withErrorOutcome(x, cls, e.target.checked))}
            />
            {t(`errorClass.${cls}` as MessageKey)}
          </label>
        ))}
      </div>
    </Field>
  );
}
