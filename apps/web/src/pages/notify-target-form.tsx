import { ApiError, type Schemas } from '@sfha/contracts';
import { useState, type FormEvent } from 'react';
import { errorText } from '../api/error-text';
import { usePutNotifyTargetMutation } from '../api/use-notify-queries';
import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { SelectField } from '../components/select-field';
import { fill, useI18n } from '../i18n/i18n';
import { keepsSecret, NOTIFY_KINDS, putTargetBody, SECRET_FIELD, targetValues, type NotifyKind, type TargetValues } from './notify-target-model';

/** Create or replace a notification target: the fields of its kind; the agent checks them all and names the wrong one. */
export function NotifyTargetForm({ existing, onDone }: { existing?: Schemas['NotifyTargetDto']; onDone: () => void }) {
  const { m } = useI18n();
  const t = m.notify.form;
  const [values, setValues] = useState<TargetValues>(() => targetValues(existing));
  const [error, setError] = useState<string | null>(null);
  const put = usePutNotifyTargetMutation();
  const set = (patch: Partial<TargetValues>) => setValues((v) => ({ ...v, ...patch }));
  const text = (key: keyof TargetValues, label: string, hint?: string, type = 'text') => (
    <Field label={label} hint={hint} type={type} value={String(values[key])} onChange={(e) => set({ [key]: e.target.value })} autoComplete={type === 'password' ? 'new-password' : 'off'} />
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(values.name)) return setError(t.nameInvalid);
    put.mutate({ name: values.name, body: putTargetBody(values, existing) }, { onSuccess: onDone, onError: (e) => setError(e instanceof ApiError && e.status === 400 ? e.message : errorText(e, m)) });
  };
  const secretField = SECRET_FIELD[values.kind];
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="notify-form-title">
      <h2 id="notify-form-title">{existing ? fill(t.editTitle, { name: existing.name }) : t.createTitle}</h2>
      <ErrorBanner message={error} />
      <div className="form-grid">
        <Field label={t.name} hint={t.nameHint} value={values.name} readOnly={!!existing} onChange={(e) => set({ name: e.target.value })} />
        <SelectField label={t.kind} value={values.kind} onChange={(e) => set({ kind: e.target.value as NotifyKind })} options={NOTIFY_KINDS.map((k) => ({ value: k, label: m.notify.kinds[k] }))} />
        {(values.kind === 'webhook' || values.kind === 'ntfy' || values.kind === 'gotify') && text('url', t.url, t.urlHint[values.kind])}
        {values.kind === 'ntfy' && text('topic', t.topic)}
        {values.kind === 'email' && (
          <>
            {text('host', t.host)}
            {text('port', t.port)}
            <SelectField
              label={t.tls}
              value={values.tls}
              onChange={(e) => set({ tls: e.target.value as TargetValues['tls'] })}
              options={(['starttls', 'tls', 'none'] as const).map((v) => ({ value: v, label: t.tlsModes[v] }))}
            />
            {text('user', t.user)}
            {text('from', t.from)}
            {text('to', t.to, t.toHint)}
          </>
        )}
        {values.kind === 'script' && text('path', t.path, t.pathHint)}
        {secretField && text('secret', t.secret[secretField], keepsSecret(values, existing) ? t.secretKept : undefined, 'password')}
        <SelectField
          label={t.minLevel}
          value={values.minLevel}
          onChange={(e) => set({ minLevel: e.target.value as TargetValues['minLevel'] })}
          options={(['info', 'warn', 'error'] as const).map((v) => ({ value: v, label: t.levels[v] }))}
        />
        <SelectField
          label={t.language}
          value={values.language}
          onChange={(e) => set({ language: e.target.value as TargetValues['language'] })}
          options={[
            { value: 'fr', label: 'Français' },
            { value: 'en', label: 'English' },
          ]}
        />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={put.isPending}>
          {put.isPending ? m.loading : t.save}
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
