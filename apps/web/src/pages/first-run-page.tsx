import { useState, type FormEvent } from 'react';
import { errorText } from '../api/error-text';
import { useSetupMutation } from '../api/use-auth';
import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { AuthLayout } from '../layout/auth-layout';

const MIN_LENGTH = 12;

export function FirstRunPage({ setupCodeRequired }: { setupCodeRequired: boolean }) {
  const { m } = useI18n();
  const setup = useSetupMutation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [setupCode, setSetupCode] = useState('');
  const [touched, setTouched] = useState(false);

  const tooShort = password.length < MIN_LENGTH;
  const mismatch = password !== confirm;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (tooShort || mismatch) return;
    setup.mutate({ password, ...(setupCodeRequired ? { setupCode } : {}) });
  };

  return (
    <AuthLayout title={m.firstRun.title}>
      <p>{m.firstRun.intro}</p>
      <form onSubmit={submit} noValidate>
        <ErrorBanner message={setup.isError ? errorText(setup.error, m) : null} />
        <Field
          label={m.firstRun.password}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={m.firstRun.passwordHint}
          error={touched && tooShort ? m.firstRun.tooShort : null}
          required
          autoFocus
        />
        <Field
          label={m.firstRun.confirm}
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={touched && !tooShort && mismatch ? m.firstRun.mismatch : null}
          required
        />
        {setupCodeRequired && (
          <Field label={m.firstRun.setupCode} value={setupCode} onChange={(e) => setSetupCode(e.target.value)} hint={m.firstRun.setupCodeHint} autoComplete="off" spellCheck={false} required />
        )}
        <button type="submit" disabled={setup.isPending}>
          {m.firstRun.submit}
        </button>
      </form>
    </AuthLayout>
  );
}
