import { ApiError } from '@sfha/contracts';
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
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [endReason] = useState(() => sessionStore.endReason());
  // Once the agent answered TOTP_REQUIRED for this user, the code field stays (a wrong code is TOTP_INVALID).
  const [codeAsked, setCodeAsked] = useState(false);
  const asked = login.error instanceof ApiError && login.error.code === 'TOTP_REQUIRED';
  const showCode = codeAsked || asked;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const second = showCode && code.trim() ? (useRecovery ? { recoveryCode: code.trim() } : { totp: code.trim() }) : {};
    login.mutate(
      { password, ...(username.trim() ? { username: username.trim() } : {}), ...second },
      { onError: (error) => error instanceof ApiError && error.code === 'TOTP_REQUIRED' && setCodeAsked(true) },
    );
  };

  return (
    <AuthLayout title={m.login.title}>
      {endReason && !login.isError && <p className="banner banner-info">{endReason === 'joined' ? m.login.joined : m.login.expired}</p>}
      <form onSubmit={submit} noValidate>
        {asked ? <p className="banner banner-info">{m.login.totpAsked}</p> : <ErrorBanner message={login.isError ? errorText(login.error, m) : null} />}
        <Field label={m.login.username} hint={m.login.usernameHint} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} placeholder="admin" />
        <Field label={m.login.password} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus />
        {showCode && (
          <>
            <Field
              label={useRecovery ? m.login.recoveryCode : m.login.code}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              inputMode={useRecovery ? 'text' : 'numeric'}
              autoComplete="one-time-code"
              required
              autoFocus
            />
            <button type="button" className="button-link" onClick={() => (setUseRecovery(!useRecovery), setCode(''))}>
              {useRecovery ? m.login.useCode : m.login.useRecovery}
            </button>
          </>
        )}
        <button type="submit" disabled={login.isPending || password.length === 0 || (showCode && code.trim() === '')}>
          {m.login.submit}
        </button>
      </form>
    </AuthLayout>
  );
}
