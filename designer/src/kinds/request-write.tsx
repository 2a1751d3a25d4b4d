import { useT } from '../ui/i18n.js';
import type { InspectorProps } from './types.js';

/**
 * Whether the request writes to the WMS: any method but GET does (shown checked, fixed); a GET
 * may be marked. "Back up" never goes back past a write that succeeded.
 */
export function RequestWrite({ node, update, readOnly }: Pick<InspectorProps<'request'>, 'node' | 'update' | 'readOnly'>) {
  const t = useT();
  const get = node.data.method === 'GET';
  return (
    <label className="vm-check" title={t('inspector.writeHint')}>
      <input
        type="checkbox"
        checked={!get || node.data.write === true}
        disabled={readOnly || !get}
        data-testid="request-write"
        onChange={(e) => update(({ write: _old, ...x }) => (e.target.checked ? { ...x, write: true } : x))}
      />
      {t('inspector.write')}
    </label>
  );
}
