import { useEffect, type ReactNode } from 'react';

/** A dialog over the page; Escape closes it (when it may be closed). */
export function Modal({ title, children, onClose, testId }: { title: string; children: ReactNode; onClose?: () => void; testId?: string }) {
  useEffect(() => {
    if (!onClose) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="vm-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose?.()}>
      <div className="vm-modal" role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2 className="vm-modal-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
