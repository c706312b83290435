import { useState, type FormEvent } from 'react';
import { errorText } from '../api/error-text';
import { sessionStore } from '../api/session-store';
import { useLoginMutation } from '../api/use-auth';
import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { AuthLayout } from '../layout/auth-layout';

export function LoginPage() {
  const { m } = useI18n();
  const login = useLoginMutation();
  const [password, setPassword] = useState('');
  const [expired] = useState(() => sessionStore.endReason() === 'expired');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ password });
  };

  return (
    <AuthLayout title={m.login.title}>
      {expired && !login.isError && <p className="banner banner-info">{m.login.expired}</p>}
      <form onSubmit={submit} noValidate>
        <ErrorBanner message={login.isError ? errorText(login.error, m) : null} />
        <Field label={m.login.password} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus />
        <button type="submit" disabled={login.isPending || password.length === 0}>
          {m.login.submit}
        </button>
      </form>
    </AuthLayout>
  );
}
