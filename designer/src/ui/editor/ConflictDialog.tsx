import type { ConflictCurrent } from '../../api/client.js';
import { formatDateTime } from '../../i18n/messages.js';
import { useLang, useT } from '../i18n.js';
import { Modal } from '../Modal.js';

/** A save met someone else's newer revision: nothing is dropped until the person chooses. */
export function ConflictDialog({ conflict, onTheirs, onMine }: { conflict: ConflictCurrent; onTheirs(): void; onMine(): void }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Modal title={t('conflict.title')} testId="conflict-dialog">
      <p>{t('conflict.body', { who: conflict.updatedBy, when: formatDateTime(lang, conflict.updatedAt) })}</p>
      <div className="vm-actions">
        <button type="button" className="vm-button" data-testid="conflict-theirs" onClick={onTheirs}>
          {t('conflict.reload')}
        </button>
        <button type="button" className="vm-button vm-primary" data-testid="conflict-mine" onClick={onMine}>
          {t('conflict.overwrite')}
        </button>
      </div>
    </Modal>
  );
}
