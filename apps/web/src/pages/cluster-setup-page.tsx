import { useState, type FormEvent } from 'react';
import { errorText } from '../api/error-text';
import { useInitClusterMutation, useJoinClusterMutation } from '../api/use-cluster-queries';
import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { fill, useI18n } from '../i18n/i18n';
import { AuthLayout } from '../layout/auth-layout';
import { checkCreateCluster, CREATE_CLUSTER_DEFAULTS, JOIN_LINK_PREFIX, type CreateClusterForm } from './cluster-form';

function CreateClusterForm() {
  const { m } = useI18n();
  const init = useInitClusterMutation();
  const [form, setForm] = useState<CreateClusterForm>(CREATE_CLUSTER_DEFAULTS);
  const [touched, setTouched] = useState(false);
  const { problems, body } = checkCreateCluster(form);
  const problem = (field: keyof CreateClusterForm) => {
    const key = touched ? problems[field] : undefined;
    return key ? fill(m.cluster[key], { network: form.network }) : null;
  };
  const bind = (field: keyof CreateClusterForm) => ({ value: form[field], onChange: (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value }), error: problem(field) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (body) init.mutate(body);
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorBanner message={init.isError ? errorText(init.error, m) : null} />
      <Field label={m.cluster.name} hint={m.cluster.nameHint} placeholder="prod" autoComplete="off" spellCheck={false} required autoFocus {...bind('name')} />
      <Field label={m.cluster.network} hint={m.cluster.networkHint} autoComplete="off" spellCheck={false} required {...bind('network')} />
      <Field label={m.cluster.meshIp} autoComplete="off" spellCheck={false} required {...bind('meshIp')} />
      <Field label={m.cluster.port} inputMode="numeric" autoComplete="off" required {...bind('port')} />
      <Field label={m.cluster.endpoint} hint={m.cluster.endpointHint} placeholder="203.0.113.7:51820" autoComplete="off" spellCheck={false} {...bind('endpoint')} />
      <button type="submit" disabled={init.isPending}>
        {init.isPending ? m.cluster.creating : m.cluster.create}
      </button>
    </form>
  );
}

function JoinClusterForm() {
  const { m } = useI18n();
  const join = useJoinClusterMutation();
  const [link, setLink] = useState('');
  const [touched, setTouched] = useState(false);
  const bad = !link.trim().startsWith(JOIN_LINK_PREFIX);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!bad) join.mutate({ token: link.trim() });
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorBanner message={join.isError ? errorText(join.error, m) : null} />
      <Field
        label={m.cluster.link}
        hint={m.cluster.linkHint}
        placeholder={`${JOIN_LINK_PREFIX}…`}
        value={link}
        onChange={(e) => setLink(e.target.value)}
        error={touched && bad ? m.cluster.linkInvalid : null}
        autoComplete="off"
        spellCheck={false}
        required
        autoFocus
      />
      <button type="submit" disabled={join.isPending}>
        {join.isPending ? m.cluster.joining : m.cluster.join}
      </button>
    </form>
  );
}

/** The second step of the first run: this node creates a cluster, or joins one with a link. */
export function ClusterSetupPage() {
  const { m } = useI18n();
  const [mode, setMode] = useState<'create' | 'join'>('create');
  return (
    <AuthLayout title={m.cluster.title}>
      <p>{m.cluster.intro}</p>
      <fieldset className="choice">
        <legend>{m.cluster.mode}</legend>
        <label>
          <input type="radio" name="cluster-mode" checked={mode === 'create'} onChange={() => setMode('create')} /> {m.cluster.createMode}
        </label>
        <label>
          <input type="radio" name="cluster-mode" checked={mode === 'join'} onChange={() => setMode('join')} /> {m.cluster.joinMode}
        </label>
      </fieldset>
      {mode === 'create' ? <CreateClusterForm /> : <JoinClusterForm />}
    </AuthLayout>
  );
}
