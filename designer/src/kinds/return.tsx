import { useT } from '../ui/i18n.js';
import type { NodeView } from './types.js';

/** Ends an in-place word's branch: nothing to edit, the card says where it goes. */
export const returnView: NodeView<'return'> = {
  icon: '↩',
  accent: '#0e7490',
  Summary: function ReturnSummary() {
    const t = useT();
    return <p className="vm-card-meta">{t('inspector.returnHint')}</p>;
  },
  Inspector: function ReturnInspector() {
    const t = useT();
    return <p className="vm-hint">{t('inspector.returnHint')}</p>;
  },
};
