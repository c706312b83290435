import type { Schemas } from '@sfha/contracts';
import { useState, type FormEvent } from 'react';
import { errorText } from '../api/error-text';
import { roleAllows, useApiTokensQuery, useChangeOwnPasswordMutation, useCreateApiTokenMutation, useRevokeApiTokenMutation, useSessionQuery, type Role } from '../api/use-identity-queries';
import { DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { SelectField } from '../components/select-field';
import { fill, useI18n } from '../i18n/i18n';
import { TotpCard } from './account-totp-card';
import { ROLE_VALUES } from './users-page';

const formatDate = (iso: string | null, lang: string, none: string) => (iso ? new Date(iso).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' }) : none);

function PasswordForm() {
  const { m } = useI18n();
  const change = useChangeOwnPasswordMutation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [touched, setTouched] = useState(false);
  const tooShort = next.length < 12;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!tooShort && current) change.mutate({ currentPassword: current, newPassword: next });
  };
  return (
    <section className="card" aria-labelledby="account-password">
      <h2 id="account-password">{m.account.passwordTitle}</h2>
      <p className="muted">{m.account.passwordIntro}</p>
      <form onSubmit={submit} noValidate className="form-row">
        <ErrorBanner message={change.isError ? errorText(change.error, m) : null} />
        <Field label={m.account.currentPassword} type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" required />
        <Field
          label={m.account.newPassword}
          type="password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={touched && tooShort ? m.firstRun.tooShort : null}
          autoComplete="new-password"
          required
        />
        <button type="submit" disabled={change.isPending}>
          {m.account.changePassword}
        </button>
      </form>
    </section>
  );
}

/** The token text is shown once: it lives in this component's state only. */
function CreatedToken({ created, onDismiss }: { created: Schemas['ApiTokenCreatedDto']; onDismiss: () => void }) {
  const { m } = useI18n();
  return (
    <section className="card card-highlight" aria-labelledby="token-created" data-testid="created-token">
      <h2 id="token-created">{fill(m.account.tokenCreated, { name: created.token.name })}</h2>
      <p className="banner banner-warn">{m.account.shownOnce}</p>
      <Field label={m.account.tokenText} value={created.secret} readOnly className="mono" onFocus={(e) => e.target.select()} />
      <button type="button" className="button-secondary" onClick={onDismiss}>
        {m.invitations.dismiss}
      </button>
    </section>
  );
}

function CreateTokenForm({ role, onCreated }: { role: Role; onCreated: (created: Schemas['ApiTokenCreatedDto']) => void }) {
  const { m } = useI18n();
  const create = useCreateApiTokenMutation();
  const [name, setName] = useState('');
  const [tokenRole, setTokenRole] = useState<Role>('viewer');
  const [days, setDays] = useState('90');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = Number(days);
    const expiresAt = days.trim() === '' || n === 0 ? undefined : new Date(Date.now() + n * 86_400_000).toISOString();
    create.mutate({ name: name.trim(), role: tokenRole, ...(expiresAt ? { expiresAt } : {}) }, { onSuccess: (created) => (onCreated(created), setName('')) });
  };
  return (
    <form onSubmit={submit} noValidate className="form-row">
      <ErrorBanner message={create.isError ? errorText(create.error, m) : null} />
      <Field label={m.account.tokenName} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" required />
      <SelectField
        label={m.users.role}
        value={tokenRole}
        onChange={(e) => setTokenRole(e.target.value as Role)}
        options={ROLE_VALUES.filter((r) => roleAllows(role, r)).map((r) => ({ value: r, label: m.roles[r] }))}
      />
      <Field label={m.account.expiryDays} hint={m.account.expiryHint} value={days} onChange={(e) => setDays(e.target.value)} inputMode="numeric" />
      <button type="submit" disabled={create.isPending || name.trim() === ''}>
        {m.account.createToken}
      </button>
    </form>
  );
}

function TokenList() {
  const { m, lang } = useI18n();
  const tokens = useApiTokensQuery();
  const revoke = useRevokeApiTokenMutation();
  return (
    <>
      <ErrorBanner message={tokens.isError ? errorText(tokens.error, m) : revoke.isError ? errorText(revoke.error, m) : null} />
      {(tokens.data ?? []).length === 0 ? (
        <p>{tokens.isPending ? m.loading : m.account.noTokens}</p>
      ) : (
        <DataTable columns={[m.account.tokenName, m.account.owner, m.users.role, m.account.expires, m.account.lastUsed]} actionsLabel={m.account.revoke} testId="tokens-table">
          {(tokens.data ?? []).map((t) => (
            <tr key={t.id} data-testid={`token-${t.name}`}>
              <th scope="row">{t.name}</th>
              <td>{t.owner}</td>
              <td>{m.roles[t.role]}</td>
              <td>{formatDate(t.expiresAt, lang, m.account.never)}</td>
              <td>{t.lastUsedAt ? `${formatDate(t.lastUsedAt, lang, '')} (${t.lastUsedFrom ?? ''})` : m.account.neverUsed}</td>
              <td>
                <button
                  type="button"
                  className="button-secondary button-small"
                  disabled={revoke.isPending}
                  aria-label={fill(m.account.revokeLabel, { name: t.name })}
                  onClick={() => revoke.mutate(t.id)}
                >
                  {m.account.revoke}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** The logged-in user's own password, second factor and API tokens (every role). */
export function AccountPage() {
  const { m } = useI18n();
  const session = useSessionQuery();
  const [created, setCreated] = useState<Schemas['ApiTokenCreatedDto'] | null>(null);
  const s = session.data;
  return (
    <>
      <h1>{m.account.title}</h1>
      {s && <p data-testid="account-who">{fill(m.account.who, { user: s.subject, role: m.roles[s.role] })}</p>}
      {s?.kind === 'user' && <PasswordForm />}
      {s?.kind === 'user' && <TotpCard enabled={s.totpEnabled} />}
      <section className="card" aria-labelledby="account-tokens">
        <h2 id="account-tokens">{m.account.tokensTitle}</h2>
        <p className="muted">{m.account.tokensIntro}</p>
        {created && <CreatedToken created={created} onDismiss={() => setCreated(null)} />}
        {s?.kind === 'user' && <CreateTokenForm role={s.role} onCreated={setCreated} />}
        <TokenList />
      </section>
    </>
  );
}
