import type { Schemas } from '@sfha/contracts';

/**
 * The fence-device form, built from the fence agent's metadata: each parameter the admin
 * sets becomes a field (sfha fills action/plug itself). Secrets are never shown back: an
 * empty secret of an existing device keeps the stored value. Webhook devices (sfha stonith)
 * are listed and removed here, not edited. Pure.
 */
export type FenceParameter = Schemas['FenceParameterDto'];
type Device = Schemas['FenceDeviceDto'];

export interface DeviceValues {
  name: string;
  agent: string;
  params: Record<string, string>;
  /** node → plug; empty: this device does not fence that node. */
  hostMap: Record<string, string>;
  timeoutSeconds: string;
}

export type DeviceProblems = Record<string, string>;

export interface DeviceProblemTexts {
  required: string;
  deviceName: string;
  number: string;
  noNode: string;
  timeout: string;
}

/** What the agent's API answers for a secret (never the value). */
export const MASKED = '********';
const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** The parameters that become fields: not filled by sfha, not deprecated aliases. */
export const formParameters = (agent: Schemas['FenceAgentDto']): FenceParameter[] => agent.parameters.filter((p) => !p.suppliedBySfha && !p.deprecated);

export function deviceValues(nodes: readonly string[], device?: Device): DeviceValues {
  if (!device) return { name: '', agent: '', params: {}, hostMap: Object.fromEntries(nodes.map((n) => [n, n])), timeoutSeconds: '30' };
  return {
    name: device.name,
    agent: device.agent ?? '',
    params: Object.fromEntries(Object.entries(device.params).filter(([, v]) => v !== MASKED)),
    hostMap: Object.fromEntries(nodes.map((n) => [n, device.hostMap[n] ?? ''])),
    timeoutSeconds: String(device.timeoutSeconds),
  };
}

/** An existing device's secrets stay as they are when their field is left empty. */
const keptSecret = (p: FenceParameter, existing: Device | undefined) => p.secret && existing?.params[p.name] !== undefined;

export function putDeviceBody(values: DeviceValues, parameters: readonly FenceParameter[], existing?: Device): Schemas['PutFenceDeviceDto'] {
  const params: Record<string, string> = {};
  for (const p of parameters) {
    const value = (values.params[p.name] ?? '').trim();
    if (value !== '') params[p.name] = value;
    else if (keptSecret(p, existing)) params[p.name] = MASKED;
  }
  const hostMap = Object.fromEntries(
    Object.entries(values.hostMap)
      .map(([n, plug]) => [n, plug.trim()] as const)
      .filter(([, plug]) => plug !== ''),
  );
  return { kind: 'agent', agent: values.agent, params, hostMap, timeoutSeconds: Number(values.timeoutSeconds) };
}

export function deviceProblems(values: DeviceValues, parameters: readonly FenceParameter[], t: DeviceProblemTexts, existing?: Device): DeviceProblems {
  const problems: DeviceProblems = {};
  if (!NAME.test(values.name)) problems.name = values.name ? t.deviceName : t.required;
  for (const p of parameters) {
    const value = (values.params[p.name] ?? '').trim();
    if (value === '') {
      if (p.required && !keptSecret(p, existing)) problems[`params.${p.name}`] = t.required;
    } else if ((p.type === 'integer' || p.type === 'second') && !/^\d+(\.\d+)?$/.test(value)) problems[`params.${p.name}`] = t.number;
  }
  if (Object.values(values.hostMap).every((plug) => plug.trim() === '')) problems.hostMap = t.noNode;
  if (!/^\d+$/.test(values.timeoutSeconds) || Number(values.timeoutSeconds) < 1 || Number(values.timeoutSeconds) > 600) problems.timeoutSeconds = t.timeout;
  return problems;
}

/** Splits the agent's 400 message between the parameters it names; the rest goes above the form. */
export function deviceServerProblems(message: string, parameters: readonly FenceParameter[]): { fields: DeviceProblems; rest: string[] } {
  const fields: DeviceProblems = {};
  const rest: string[] = [];
  for (const problem of message.split('; ').filter(Boolean)) {
    const param = parameters.find((p) => problem.startsWith(`${p.name} `) || problem.startsWith(`"${p.name}"`));
    const key = param ? `params.${param.name}` : problem.startsWith('hostMap') ? 'hostMap' : problem.startsWith('timeoutSeconds') ? 'timeoutSeconds' : problem.startsWith('name ') ? 'name' : null;
    if (key) fields[key] = fields[key] ? `${fields[key]}; ${problem}` : problem;
    else rest.push(problem);
  }
  return { fields, rest };
}
