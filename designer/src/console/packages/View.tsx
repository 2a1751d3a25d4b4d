/** The console's `packages` section: keys, export, import (logic in model.ts, calls in api.ts). */
import { useCallback, useState } from 'react';
import { ApiError } from '../../api/client.js';
import type { SectionProps } from '../sections.js';
import { ExportPanel } from './ExportPanel.js';
import { ImportPanel } from './ImportPanel.js';
import { KeysPanel } from './KeysPanel.js';

export function PackagesView(_props: SectionProps) {
  const [error, setError] = useState<string>();
  // The server's message names the item (a tampered version, a clash): show it as it is.
  const onError = useCallback((err: unknown) => setError(err instanceof ApiError ? `${err.message} (${err.code})` : String(err)), []);
  return (
    <div className="vm-console-packages">
      {error && <p className="vm-error" role="alert" data-testid="packages-error" onClick={() => setError(undefined)}>{error}</p>}
      <ImportPanel onError={onError} />
      <ExportPanel onError={onError} />
      <KeysPanel onError={onError} />
    </div>
  );
}
