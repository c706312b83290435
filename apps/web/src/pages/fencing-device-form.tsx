import { ApiError, type Schemas } from '@sfha/contracts';
import { useState, type FormEvent } from 'react';
import { errorText } from '../api/error-text';
import { useFenceAgentQuery, usePutFenceDeviceMutation } from '../api/use-fencing-queries';
import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { SelectField } from '../components/select-field';
import { fill, useI18n } from '../i18n/i18n';
import { deviceProblems, deviceServerProblems, deviceValues, formParameters, putDeviceBody, type DeviceProblems, type DeviceValues, type FenceParameter } from './fencing-device-model';

interface DeviceFormProps {
  nodes: readonly string[];
  existing?: Schemas['FenceDeviceDto'];
  onDone: () => void;
}

/** One field per agent parameter: choices as a select, secrets as password inputs never filled back. */
function ParameterField({ p, value, error, keepsSecret, onChange }: { p: FenceParameter; value: string; error?: string; keepsSecret: boolean; onChange: (v: string) => void }) {
  const { m } = useI18n();
  const t = m.fencing.form;
  const label = p.required ? `${p.name} ${t.requiredMark}` : p.name;
  const hint = [p.description, p.default !== null && p.default !== '' ? fill(t.defaultValue, { value: p.default }) : null, keepsSecret ? t.secretKept : null].filter(Boolean).join(' — ');
  if (p.type === 'select' || p.type === 'boolean') {
    const choices =
      p.type === 'boolean'
        ? [
            { value: '1', label: t.yes },
            { value: '0', label: t.no },
          ]
        : p.options.map((o) => ({ value: o, label: o }));
    return <SelectField label={label} hint={hint} value={value} onChange={(e) => onChange(e.target.value)} options={[{ value: '', label: t.agentDefault }, ...choices]} error={error} />;
  }
  return (
    <Field
      label={label}
      hint={hint}
      type={p.secret ? 'password' : 'text'}
      autoComplete={p.secret ? 'new-password' : 'off'}
      inputMode={p.type === 'integer' || p.type === 'second' ? 'decimal' : undefined}
      required={p.required && !keepsSecret}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}

/** Create or replace a fence device; the form is built from the agent's own metadata. */
export function DeviceForm({ nodes, existing, onDone }: DeviceFormProps) {
  const { m } = useI18n();
  const t = m.fencing.form;
  const [values, setValues] = useState<DeviceValues>(() => deviceValues(nodes, existing));
  const [agentName, setAgentName] = useState<string | null>(existing?.agent ?? null);
  const agent = useFenceAgentQuery(agentName);
  const put = usePutFenceDeviceMutation();
  const [problems, setProblems] = useState<DeviceProblems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const parameters = agent.data ? formParameters(agent.data) : [];
  const set = (patch: Partial<DeviceValues>) => setValues((v) => ({ ...v, ...patch }));

  const loadAgent = () => {
    const name = values.agent.trim();
    if (!/^fence_[a-z0-9_]+$/.test(name)) return setProblems({ agent: t.agentName });
    setProblems({});
    setAgentName(name);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!agent.data) return loadAgent();
    const found = deviceProblems(values, parameters, m.fencing.problems, existing);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    put.mutate(
      { name: values.name, body: putDeviceBody({ ...values, agent: agent.data.name }, parameters, existing) },
      {
        onSuccess: onDone,
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400) {
            const { fields, rest } = deviceServerProblems(error.message, parameters);
            setProblems(fields);
            setFormError(rest.length > 0 ? rest.join('; ') : null);
          } else setFormError(errorText(error, m));
        },
      },
    );
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="device-form-title">
      <h2 id="device-form-title">{existing ? fill(t.editTitle, { name: existing.name }) : t.createTitle}</h2>
      <ErrorBanner message={formError} />
      <div className="form-grid">
        <Field label={t.name} value={values.name} readOnly={!!existing} onChange={(e) => set({ name: e.target.value })} error={problems.name} />
        <Field
          label={t.agent}
          hint={t.agentHint}
          value={values.agent}
          readOnly={!!agent.data}
          onChange={(e) => set({ agent: e.target.value })}
          error={problems.agent ?? (agent.isError ? errorText(agent.error, m) : null)}
        />
      </div>
      {!agent.data && (
        <div className="form-actions">
          <button type="button" onClick={loadAgent} disabled={agent.isFetching}>
            {agent.isFetching ? m.loading : t.loadAgent}
          </button>
        </div>
      )}
      {agent.data && (
        <>
          <p className="field-hint">{agent.data.description}</p>
          <fieldset className="resource-fieldset">
            <legend>{fill(t.parameters, { agent: agent.data.name })}</legend>
            <div className="form-grid">
              {parameters.map((p) => (
                <ParameterField
                  key={p.name}
                  p={p}
                  value={values.params[p.name] ?? ''}
                  error={problems[`params.${p.name}`]}
                  keepsSecret={p.secret && existing?.params[p.name] !== undefined}
                  onChange={(v) => set({ params: { ...values.params, [p.name]: v } })}
                />
              ))}
            </div>
          </fieldset>
          <fieldset className="resource-fieldset" aria-describedby="host-map-hint">
            <legend>{t.hostMap}</legend>
            <p className="field-hint" id="host-map-hint">
              {t.hostMapHint}
            </p>
            {problems.hostMap && <p className="field-error">{problems.hostMap}</p>}
            <div className="form-grid">
              {nodes.map((n) => (
                <Field key={n} label={fill(t.plugOf, { node: n })} value={values.hostMap[n] ?? ''} onChange={(e) => set({ hostMap: { ...values.hostMap, [n]: e.target.value } })} />
              ))}
            </div>
          </fieldset>
          <Field label={t.timeout} inputMode="numeric" value={values.timeoutSeconds} onChange={(e) => set({ timeoutSeconds: e.target.value })} error={problems.timeoutSeconds} />
        </>
      )}
      <div className="form-actions">
        <button type="button" className="button-secondary" onClick={onDone}>
          {m.confirm.cancel}
        </button>
        {agent.data && (
          <button type="submit" disabled={put.isPending}>
            {put.isPending ? m.confirm.working : t.save}
          </button>
        )}
      </div>
    </form>
  );
}
