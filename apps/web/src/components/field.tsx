import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** What a control needs to be labelled and described by its hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldFrameProps {
  label: string;
  hint?: string;
  error?: string | null;
  control: (props: ControlProps) => ReactNode;
}

/** A label, the control, its hint and its error: the hint and error are announced with the control. */
export function FieldFrame({ label, hint, error, control }: FieldFrameProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined })}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string;
  error?: string | null;
}

/** A labelled input; its hint and error are announced with it. */
export function Field({ label, hint, error, ...input }: FieldProps) {
  return <FieldFrame label={label} hint={hint} error={error} control={(props) => <input {...props} {...input} />} />;
}
