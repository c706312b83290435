import { useState, type FormEvent } from 'react';
import { errorText } from '../api/error-text';
import { useCreateUserMutation, useDeleteUserMutation, useResetTotpMutation, useSessionQuery, useSetPasswordMutation, useSetRoleMutation, useUsersQuery, type Role } from '../api/use-identity-queries';
import { DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { SelectField } from '../components/select-field';
import { fill, useI18n } from '../i18n/i18n';

export const ROLE_VALUES: readonly Role[] = ['viewer', 'operator', 'admin'];
const USER_NAME = /^[a-z][a-z0-9._-]{0,31}$/;
const MIN_PASSWORD = 12;

function CreateUserForm() {
  const { m } = useI18n();
  const create = useCreateUserMutation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const nameBad = !USER_NAME.test(name);
  const passwordBad = password.length < MIN_PASSWORD;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (nameBad || passwordBad) return;
    create.mutate({ name, role, password }, { onSuccess: () => (setName(''), setPassword(''), setTouched(false)) });
  };
  return (
    <section className="card" aria-labelledby="user-new">
      <h2 id="user-new">{m.users.createTitle}</h2>
      <form onSubmit={submit} noValidate className="form-row">
        <ErrorBanner message={create.isError ? errorText(create.error, m) : null} />
        <Field
          label={m.users.name}
          hint={m.users.nameHint}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={touched && nameBad ? m.users.nameInvalid : null}
          autoComplete="off"
          required
        />
        <SelectField label={m.users.role} value={role} onChange={(e) => setRole(e.target.value as Role)} options={ROLE_VALUES.map((r) => ({ value: r, label: m.roles[r] }))} />
        <Field
          label={m.users.password}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={touched && passwordBad ? m.firstRun.tooShort : null}
          autoComplete="new-password"
          required
        />
        <button type="submit" disabled={create.isPending}>
          {m.users.create}
        </button>
      </form>
    </section>
  );
}

function UserRow({ name, role, self, totpEnabled }: { name: string; role: Role; self: boolean; totpEnabled: boolean }) {
  const { m } = useI18n();
  const setRole = useSetRoleMutation();
  const remove = useDeleteUserMutation();
  const reset = useSetPasswordMutation();
  const resetTotp = useResetTotpMutation();
  const [password, setPassword] = useState('');
  const error = setRole.error ?? remove.error ?? reset.error ?? resetTotp.error;
  return (
    <tr data-testid={`user-${name}`}>
      <th scope="row">
        {name}
        {self && <span className="muted"> ({m.users.you})</span>}
      </th>
      <td>
        <select aria-label={fill(m.users.roleOf, { name })} value={role} disabled={setRole.isPending} onChange={(e) => setRole.mutate({ name, role: e.target.value as Role })}>
          {ROLE_VALUES.map((r) => (
            <option key={r} value={r}>
              {m.roles[r]}
            </option>
          ))}
        </select>
        {error && <p className="field-error">{errorText(error, m)}</p>}
        {reset.isSuccess && <p className="muted">{m.users.passwordSet}</p>}
      </td>
      <td>
        <form className="inline-form" onSubmit={(e) => (e.preventDefault(), password.length >= MIN_PASSWORD && reset.mutate({ name, password }, { onSuccess: () => setPassword('') }))}>
          <input
            type="password"
            aria-label={fill(m.users.newPasswordOf, { name })}
            placeholder={m.users.newPassword}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
          />
          <button type="submit" className="button-secondary button-small" disabled={reset.isPending || password.length < MIN_PASSWORD}>
            {m.users.setPassword}
          </button>
        </form>
      </td>
      <td>
        {totpEnabled ? (
          <button type="button" className="button-secondary button-small" disabled={resetTotp.isPending} aria-label={fill(m.users.totpResetLabel, { name })} onClick={() => resetTotp.mutate(name)}>
            {m.users.totpReset}
          </button>
        ) : (
          <span className="muted">{m.users.totpOff}</span>
        )}
      </td>
      <td>
        <button type="button" className="button-danger button-small" disabled={remove.isPending || self} aria-label={fill(m.users.removeLabel, { name })} onClick={() => remove.mutate(name)}>
          {m.users.remove}
        </button>
      </td>
    </tr>
  );
}

/** Cluster-wide users (admins only): a change takes effect on every node. */
export function UsersPage() {
  const { m } = useI18n();
  const users = useUsersQuery();
  const session = useSessionQuery();
  return (
    <>
      <h1>{m.users.title}</h1>
      <p className="muted">{m.users.intro}</p>
      <CreateUserForm />
      <section className="card" aria-labelledby="user-list">
        <h2 id="user-list">{m.users.list}</h2>
        <ErrorBanner message={users.isError ? errorText(users.error, m) : null} />
        <DataTable columns={[m.users.name, m.users.role, m.users.password, m.users.totp]} actionsLabel={m.users.remove} testId="users-table">
          {(users.data ?? []).map((u) => (
            <UserRow key={u.name} name={u.name} role={u.role} self={u.name === session.data?.subject && session.data.kind === 'user'} totpEnabled={u.totpEnabled} />
          ))}
        </DataTable>
      </section>
    </>
  );
}
