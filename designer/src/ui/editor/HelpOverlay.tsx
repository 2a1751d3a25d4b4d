import { commandIds, commands } from '../../commands/commands.js';
import { formatCombo } from '../../commands/keys.js';
import { useT } from '../i18n.js';
import { Modal } from '../Modal.js';

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Every command that has a shortcut, with its shortcuts, straight from the command registry. */
export function HelpOverlay({ onClose }: { onClose(): void }) {
  const t = useT();
  return (
    <Modal title={t('help.title')} onClose={onClose} testId="help-overlay">
      <table className="vm-shortcuts">
        <tbody>
          {commandIds.filter((id) => commands[id].keys.length > 0).map((id) => (
            <tr key={id}>
              <td>{t(commands[id].label)}</td>
              <td>
                {commands[id].keys.map((k) => (
                  <kbd key={k}>{formatCombo(k, mac)}</kbd>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="vm-hint">{t('help.canvas')}</p>
      <button type="button" className="vm-button" onClick={onClose}>
        {t('common.close')}
      </button>
    </Modal>
  );
}
