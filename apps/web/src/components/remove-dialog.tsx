import type { UseMutationResult } from '@tanstack/react-query';
import { errorText } from '../api/error-text';
import { fill, useI18n } from '../i18n/i18n';
import { ConfirmDialog } from './confirm-dialog';

interface RemoveDialogProps {
  /** What is being removed (null: no dialog). */
  name: string | null;
  /** `{name}` is filled in. */
  title: string;
  body: string;
  confirmLabel: string;
  remove: UseMutationResult<unknown, Error, string>;
  onClose: () => void;
}

/** "Remove NAME?" for a list row: runs the delete mutation, shows its error, closes once done. */
export function RemoveDialog({ name, title, body, confirmLabel, remove, onClose }: RemoveDialogProps) {
  const { m } = useI18n();
  if (name === null) return null;
  return (
    <ConfirmDialog
      title={fill(title, { name })}
      confirmLabel={confirmLabel}
      danger
      pending={remove.isPending}
      error={remove.isError ? errorText(remove.error, m) : null}
      onCancel={() => {
        onClose();
        remove.reset();
      }}
      onConfirm={() => remove.mutate(name, { onSuccess: onClose })}
    >
      <p>{body}</p>
    </ConfirmDialog>
  );
}
