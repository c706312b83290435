import type { Schemas } from '@sfha/contracts';
import { useState, type FormEvent } from 'react';
import { errorText } from '../api/error-text';
import { useConfirmTotpMutation, useDisableTotpMutation, useStartTotpMutation } from '../api/use-identity-queries';
import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { useI18n } from '../i18n/i18n';

/** Step two: the QR code and key (this component's state only), confirmed with a first code. */
function Enrolment({ enrolment, confirm }: { enrolment: Schemas['TotpEnrolmentDto']; confirm: ReturnType<typeof useConfirmTotpMutation> }) {
  const { m } = useI18n();
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code.trim());
  };
  return (
    <div className="invitation" data-testid="totp-enrolment">
      <p>{m.account.totpScan}</p>
      <img className="qr" src={enrolment.qrPng} alt={m.account.totpQrAlt} width={220} height={220} />
      <Field label={m.account.totpSecret} value={enrolment.secret} readOnly className="mono" onFocus={(e) => e.target.select()} />
      <form onSubmit={submit} noValidate className="form-row">
        <ErrorBanner message={confirm.isError ? errorText(confirm.error, m) : null} />
        <Field label={m.login.code} value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" required />
        <button type="submit" disabled={confirm.isPending || code.trim() === ''}>
          {m.account.totpConfirm}
        </button>
      </form>
    </div>
  );
}

function RecoveryCodes({ codes, onDismiss }: { codes: string[]; onDismiss: () => void }) {
  const { m } = useI18n();
  return (
    <section className="card card-highlight" aria-labelledby="recovery-codes" data-testid="recovery-codes">
      <h3 id="recovery-codes">{m.account.recoveryTitle}</h3>
      <p className="banner banner-warn">{m.account.recoveryIntro}</p>
      <ul className="mono">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <button type="button" className="button-secondary" onClick={onDismiss}>
        {m.account.recoveryDone}
      </button>
    </section>
  );
}

function DisableForm() {
  const { m } = useI18n();
  const disable = useDisableTotpMutation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const given = code.trim();
    // Six digits are the app's code; anything else is taken as a recovery code.
    disable.mutate({ password, ...(/^\d{6}$/.test(given) ? { totp: given } : { recoveryCode: given }) });
  };
  return (
    <form onSubmit={submit} noValidate className="form-row">
      <p className="muted">{m.account.totpDisableIntro}</p>
      <ErrorBanner message={disable.isError ? errorText(disable.error, m) : null} />
      <Field label={m.account.currentPassword} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
      <Field label={`${m.login.code} / ${m.login.recoveryCode}`} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" required />
      <button type="submit" className="button-danger" disabled={disable.isPending || !password || !code.trim()}>
        {m.account.totpDisable}
      </button>
    </form>
  );
}

/** The logged-in user's own second factor: enrol (QR code, first code, recovery codes once) or turn it off. */
export function TotpCard({ enabled }: { enabled: boolean }) {
  const { m } = useI18n();
  const start = useStartTotpMutation();
  // Held here, not in the enrolment: the confirmation refetches the session, `enabled` turns
  // true and the enrolment unmounts, so a callback of its own would never show the codes.
  const confirm = useConfirmTotpMutation();
  const recoveryCodes = confirm.data?.recoveryCodes ?? null;
  const dismiss = () => {
    confirm.reset();
    start.reset();
  };
  return (
    <section className="card" aria-labelledby="account-totp" data-testid="totp-card">
      <h2 id="account-totp">{m.account.totpTitle}</h2>
      <p data-testid="totp-state">{enabled ? m.account.totpOn : m.account.totpOff}</p>
      {recoveryCodes && <RecoveryCodes codes={recoveryCodes} onDismiss={dismiss} />}
      <ErrorBanner message={start.isError ? errorText(start.error, m) : null} />
      {!enabled && start.data && !recoveryCodes && <Enrolment enrolment={start.data} confirm={confirm} />}
      {!enabled && !start.data && (
        <button type="button" disabled={start.isPending} onClick={() => start.mutate()}>
          {m.account.totpStart}
        </button>
      )}
      {enabled && !recoveryCodes && <DisableForm />}
    </section>
  );
}
