import { describe, expect, it } from 'vitest';
import { deviceProblems, deviceServerProblems, deviceValues, formParameters, MASKED, putDeviceBody, type FenceParameter } from './fencing-device-model';

const param = (name: string, extra: Partial<FenceParameter> = {}): FenceParameter => ({
  name,
  required: false,
  deprecated: false,
  type: 'string',
  default: null,
  options: [],
  description: name,
  secret: false,
  suppliedBySfha: false,
  ...extra,
});

const ipmi = {
  name: 'fence_ipmilan',
  description: 'IPMI',
  actions: ['on', 'off'],
  parameters: [
    param('action', { required: true, suppliedBySfha: true }),
    param('ip', { required: true }),
    param('ipaddr', { deprecated: true }),
    param('password', { secret: true, required: true }),
    param('ipport', { type: 'integer' }),
  ],
};
const texts = { required: 'required', deviceName: 'bad name', number: 'number', noNode: 'no node', timeout: 'timeout' };
const nodes = ['node1', 'node2'];

describe('fence device form', () => {
  it('makes fields of the parameters the admin sets, not those sfha fills or deprecated aliases', () => {
    expect(formParameters(ipmi).map((p) => p.name)).toEqual(['ip', 'password', 'ipport']);
  });

  it('asks for required parameters, numbers where the agent wants numbers, and at least one node', () => {
    const values = { ...deviceValues(nodes), name: 'BMC', hostMap: { node1: ' ', node2: '' }, params: { ipport: 'http' } };
    expect(deviceProblems(values, formParameters(ipmi), texts)).toEqual({ name: 'bad name', 'params.ip': 'required', 'params.password': 'required', 'params.ipport': 'number', hostMap: 'no node' });
  });

  it('never shows a secret back, and keeps it when its field is left empty', () => {
    const existing = { name: 'bmc', kind: 'agent' as const, agent: 'fence_ipmilan', webhook: null, params: { ip: '192.0.2.200', password: MASKED }, hostMap: { node1: 'n1' }, timeoutSeconds: 20 };
    const values = deviceValues(nodes, existing);
    expect(values.params).toEqual({ ip: '192.0.2.200' });
    expect(values.hostMap).toEqual({ node1: 'n1', node2: '' });
    expect(deviceProblems(values, formParameters(ipmi), texts, existing)).toEqual({});
    expect(putDeviceBody(values, formParameters(ipmi), existing)).toEqual({
      kind: 'agent',
      agent: 'fence_ipmilan',
      params: { ip: '192.0.2.200', password: MASKED },
      hostMap: { node1: 'n1' },
      timeoutSeconds: 20,
    });
    expect(putDeviceBody({ ...values, params: { ...values.params, password: 'new secret' } }, formParameters(ipmi), existing).params?.password).toBe('new secret');
  });

  it('puts the agent’s problems next to the parameters they name', () => {
    const message = 'ipport must be a number; "action" is set by sfha for each node, not on the device; hostMap: node9 is not a member (members: node1)';
    expect(deviceServerProblems(message, formParameters(ipmi))).toEqual({
      fields: { 'params.ipport': 'ipport must be a number', hostMap: 'hostMap: node9 is not a member (members: node1)' },
      rest: ['"action" is set by sfha for each node, not on the device'],
    });
  });
});
