import { ApiError } from '@sfha/contracts';
import { useState, type FormEvent } from 'react';
import { errorText } from '../api/error-text';
import { usePutGroupMutation } from '../api/use-resources-queries';
import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { SelectField } from '../components/select-field';
import { useI18n } from '../i18n/i18n';
import { groupProblems, newResource, putGroupBody, serverProblems, type FieldProblems, type GroupValues, type ResourceKind, type ResourceValues } from './resources-group-model';

interface GroupFormProps {
  initial: GroupValues;
  /** Editing an existing group: its name is fixed. */
  editing: boolean;
  nodes: readonly string[];
  onDone: () => void;
}

/** Create or edit a resource group; every problem is shown next to its field. */
export function GroupForm({ initial, editing, nodes, onDone }: GroupFormProps) {
  const { m } = useI18n();
  const t = m.resources.form;
  const put = usePutGroupMutation();
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [formError, setFormError] = useState<string | null>(null);

  const set = (patch: Partial<GroupValues>) => setValues((v) => ({ ...v, ...patch }));
  const setResource = (index: number, patch: Partial<ResourceValues>) => setValues((v) => ({ ...v, resources: v.resources.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));
  const add = (kind: ResourceKind) => set({ resources: [...values.resources, newResource(kind, values.resources.filter((r) => r.kind === kind).length)] });
  const remove = (index: number) => set({ resources: values.resources.filter((_, i) => i !== index) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const found = groupProblems(values, m.resources.problems);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    if (values.resources.length === 0) return setFormError(m.resources.problems.noResource);
    put.mutate(
      { name: values.name, body: putGroupBody(values) },
      {
        onSuccess: onDone,
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400) {
            const { fields, rest } = serverProblems(error.message);
            setProblems(fields);
            setFormError(rest.length > 0 ? rest.join('; ') : null);
          } else setFormError(errorText(error, m));
        },
      },
    );
  };

  return (
    <form className="card group-form" onSubmit={submit} noValidate aria-labelledby="group-form-title">
      <h2 id="group-form-title">{editing ? t.editTitle : t.createTitle}</h2>
      <ErrorBanner message={formError} />
      <div className="form-grid">
        <Field label={t.name} hint={t.nameHint} value={values.name} readOnly={editing} onChange={(e) => set({ name: e.target.value })} error={problems.name} />
        <SelectField
          label={t.preferredNode}
          value={values.preferredNode}
          onChange={(e) => set({ preferredNode: e.target.value })}
          options={[{ value: '', label: t.anyNode }, ...nodes.map((n) => ({ value: n, label: n }))]}
          error={problems.preferredNode}
        />
        <Field label={t.maxRestarts} hint={t.maxRestartsHint} inputMode="numeric" value={values.maxRestarts} onChange={(e) => set({ maxRestarts: e.target.value })} error={problems.maxRestarts} />
        <div className="field field-checkbox">
          <label>
            <input type="checkbox" checked={values.sticky} onChange={(e) => set({ sticky: e.target.checked })} /> {t.sticky}
          </label>
          <p className="field-hint">{t.stickyHint}</p>
        </div>
      </div>
      {values.resources.map((r, i) => (
        <fieldset key={i} className="resource-fieldset">
          <legend>{t.legends[r.kind]}</legend>
          <div className="form-grid">
            <Field label={t.resourceName} value={r.name} onChange={(e) => setResource(i, { name: e.target.value })} error={problems[`resources.${i}.name`]} />
            {r.kind === 'vip' ? (
              <>
                <Field label={t.address} hint={t.addressHint} value={r.address} onChange={(e) => setResource(i, { address: e.target.value })} error={problems[`resources.${i}.address`]} />
                <SelectField
                  label={t.network}
                  value={r.network}
                  onChange={(e) => setResource(i, { network: e.target.value === 'mesh' ? 'mesh' : 'lan' })}
                  options={[
                    { value: 'lan', label: t.networkLan },
                    { value: 'mesh', label: t.networkMesh },
                  ]}
                />
                {r.network === 'lan' && <Field label={t.interface} value={r.interface} onChange={(e) => setResource(i, { interface: e.target.value })} error={problems[`resources.${i}.interface`]} />}
              </>
            ) : (
              <>
                {r.kind === 'process' ? (
                  <Field label={t.command} hint={t.commandHint} value={r.command} onChange={(e) => setResource(i, { command: e.target.value })} error={problems[`resources.${i}.command`]} />
                ) : (
                  <Field label={t.unit} hint={t.unitHint} value={r.unit} onChange={(e) => setResource(i, { unit: e.target.value })} error={problems[`resources.${i}.unit`]} />
                )}
                <SelectField
                  label={t.healthKind}
                  value={r.healthKind}
                  onChange={(e) => setResource(i, { healthKind: e.target.value as ResourceValues['healthKind'] })}
                  options={[
                    { value: '', label: t.healthNone },
                    { value: 'http', label: t.healthHttp },
                    { value: 'tcp', label: t.healthTcp },
                    { value: 'systemd', label: t.healthSystemd },
                    { value: 'command', label: t.healthCommand },
                  ]}
                />
                {r.healthKind && (
                  <Field
                    label={t.healthTarget}
                    hint={t.healthTargetHints[r.healthKind]}
                    value={r.healthTarget}
                    onChange={(e) => setResource(i, { healthTarget: e.target.value })}
                    error={problems[`resources.${i}.healthTarget`]}
                  />
                )}
              </>
            )}
          </div>
          <button type="button" className="button-secondary" onClick={() => remove(i)}>
            {t.removeResource}
          </button>
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="button" className="button-secondary" onClick={() => add('vip')}>
          {t.addVip}
        </button>
        <button type="button" className="button-secondary" onClick={() => add('process')}>
          {t.addProcess}
        </button>
        <button type="button" className="button-secondary" onClick={() => add('systemd')}>
          {t.addSystemd}
        </button>
      </div>
      <div className="form-actions">
        <button type="button" className="button-secondary" onClick={onDone}>
          {m.confirm.cancel}
        </button>
        <button type="submit" disabled={put.isPending}>
          {put.isPending ? m.confirm.working : t.save}
        </button>
      </div>
    </form>
  );
}
