import type { Schemas } from '@sfha/contracts';
import { useState, type FormEvent } from 'react';
import { errorText } from '../api/error-text';
import { roleAllows, useRole } from '../api/use-identity-queries';
import { Allowed } from '../components/allowed';
import { useCreateInvitationMutation, useInvitationsQuery, useRevokeInvitationMutation } from '../api/use-mesh-queries';
import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { fill, useI18n } from '../i18n/i18n';
import { ipv4ToNumber } from './cluster-form';

const EXPIRY = /^\d+\s*[smhd]?$/;
const formatDate = (iso: string, lang: string) => new Date(iso).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'medium' });

/** The link is shown once: it lives in this component's state only, gone when the admin leaves. */
function CreatedInvitation({ invitation, onDismiss }: { invitation: Schemas['InvitationCreatedDto']; onDismiss: () => void }) {
  const { m, lang } = useI18n();
  const [copy, setCopy] = useState<'copied' | 'copyFailed' | null>(null);
  const copyLink = () => {
    navigator.clipboard.writeText(invitation.token).then(
      () => setCopy('copied'),
      () => setCopy('copyFailed'),
    );
  };
  return (
    <section className="card card-highlight" aria-labelledby="invitation-created" data-testid="created-invitation">
      <h2 id="invitation-created">{m.invitations.createdTitle}</h2>
      <p className="banner banner-warn">{m.invitations.shownOnce}</p>
      <p>{fill(m.invitations.assigned, { ip: invitation.assignedIp, at: formatDate(invitation.expiresAt, lang) })}</p>
      <div className="invitation">
        <img className="qr" src={invitation.qrPng} alt={m.invitations.qrAlt} width={220} height={220} />
        <div className="invitation-link">
          <Field label={m.invitations.link} value={invitation.token} readOnly className="mono" onFocus={(e) => e.target.select()} />
          <div className="actions">
            <button type="button" onClick={copyLink}>
              {m.invitations.copy}
            </button>
            <button type="button" className="button-secondary" onClick={onDismiss}>
              {m.invitations.dismiss}
            </button>
          </div>
          {copy && (
            <p role="status" className={copy === 'copied' ? 'muted' : 'field-error'}>
              {m.invitations[copy]}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

function CreateInvitationForm({ onCreated }: { onCreated: (invitation: Schemas['InvitationCreatedDto']) => void }) {
  const { m } = useI18n();
  const create = useCreateInvitationMutation();
  const [expiresIn, setExpiresIn] = useState('1h');
  const [ip, setIp] = useState('');
  const [touched, setTouched] = useState(false);
  const expiryBad = !EXPIRY.test(expiresIn.trim());
  const ipBad = ip.trim() !== '' && ipv4ToNumber(ip) === null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (expiryBad || ipBad) return;
    create.mutate({ expiresIn: expiresIn.trim(), ...(ip.trim() ? { ip: ip.trim() } : {}) }, { onSuccess: onCreated });
  };

  return (
    <section className="card" aria-labelledby="invitation-new">
      <h2 id="invitation-new">{m.invitations.createTitle}</h2>
      <form onSubmit={submit} noValidate className="form-row">
        <ErrorBanner message={create.isError ? errorText(create.error, m) : null} />
        <Field
          label={m.invitations.expiry}
          hint={m.invitations.expiryHint}
          value={expiresIn}
          onChange={(e) => setExpiresIn(e.target.value)}
          error={touched && expiryBad ? m.invitations.expiryInvalid : null}
          autoComplete="off"
          required
        />
        <Field
          label={m.invitations.ip}
          hint={m.invitations.ipHint}
          value={ip}
          onChange={(e) => setIp(e.target.value)}
          error={touched && ipBad ? m.invitations.ipInvalid : null}
          placeholder="10.100.0.5"
          autoComplete="off"
        />
        <button type="submit" disabled={create.isPending}>
          {m.invitations.create}
        </button>
      </form>
    </section>
  );
}

function InvitationList() {
  const { m, lang } = useI18n();
  const invitations = useInvitationsQuery();
  const revoke = useRevokeInvitationMutation();
  const mayRevoke = roleAllows(useRole(), 'operator');
  const rows = [...(invitations.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="card" aria-labelledby="invitation-list">
      <h2 id="invitation-list">{m.invitations.list}</h2>
      <ErrorBanner message={invitations.isError ? errorText(invitations.error, m) : revoke.isError ? errorText(revoke.error, m) : null} />
      {rows.length === 0 ? (
        <p>{invitations.isPending ? m.loading : m.invitations.none}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="invitations-table">
            <thead>
              <tr>
                <th scope="col">{m.invitations.colIp}</th>
                <th scope="col">{m.invitations.colCreated}</th>
                <th scope="col">{m.invitations.colExpires}</th>
                <th scope="col">{m.invitations.colStatus}</th>
                <th scope="col">{m.invitations.colUsedBy}</th>
                <th scope="col">
                  <span className="visually-hidden">{m.invitations.revoke}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((invitation) => (
                <tr key={invitation.id} data-testid={`invitation-${invitation.id}`}>
                  <th scope="row">{invitation.assignedIp}</th>
                  <td>{formatDate(invitation.createdAt, lang)}</td>
                  <td>{formatDate(invitation.expiresAt, lang)}</td>
                  <td>
                    <span className={`pill ${invitation.status === 'pending' ? 'pill-info' : invitation.status === 'used' ? 'pill-ok' : 'pill-muted'}`}>
                      {m.invitations.statuses[invitation.status]}
                    </span>
                  </td>
                  <td>{invitation.usedBy ?? '—'}</td>
                  <td>
                    {invitation.status === 'pending' && mayRevoke && (
                      <button
                        type="button"
                        className="button-secondary button-small"
                        disabled={revoke.isPending}
                        aria-label={fill(m.invitations.revokeLabel, { ip: invitation.assignedIp })}
                        onClick={() => revoke.mutate(invitation.id)}
                      >
                        {m.invitations.revoke}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function InvitationsPage() {
  const { m } = useI18n();
  const [created, setCreated] = useState<Schemas['InvitationCreatedDto'] | null>(null);
  return (
    <>
      <h1>{m.invitations.title}</h1>
      {created ? (
        <CreatedInvitation invitation={created} onDismiss={() => setCreated(null)} />
      ) : (
        <Allowed role="operator">
          <CreateInvitationForm onCreated={setCreated} />
        </Allowed>
      )}
      <InvitationList />
    </>
  );
}
