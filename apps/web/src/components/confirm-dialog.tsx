import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { fill, useI18n } from '../i18n/i18n';
import { ErrorBanner } from './error-banner';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** When set, the admin must type this exact text (a node name) before confirming. */
  typed?: string;
  danger?: boolean;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal question (native <dialog>: focus kept inside, Escape cancels). */
export function ConfirmDialog({ title, children, confirmLabel, typed, danger, pending, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const { m } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const inputId = useId();
  const [text, setText] = useState('');
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const ready = typed === undefined || text === typed;
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !pending) onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        {typed !== undefined && (
          <div className="field">
            <label htmlFor={inputId}>{fill(m.confirm.typeToConfirm, { text: typed })}</label>
            <input id={inputId} value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" spellCheck={false} autoFocus />
          </div>
        )}
        <ErrorBanner message={error} />
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onCancel}>
            {m.confirm.cancel}
          </button>
          <button type="submit" className={danger ? 'button-danger' : undefined} disabled={!ready || pending}>
            {pending ? m.confirm.working : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
