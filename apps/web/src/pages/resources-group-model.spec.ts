import { describe, expect, it } from 'vitest';
import { emptyGroup, newResource, groupProblems, groupValues, joinCommand, putGroupBody, serverProblems, splitCommand, type GroupValues, type ProblemTexts } from './resources-group-model';

const texts: ProblemTexts = {
  required: 'required',
  groupName: 'bad name',
  vipAddress: 'bad vip',
  interfaceName: 'bad iface',
  maxRestarts: 'bad restarts',
  healthUrl: 'bad url',
  healthHostPort: 'bad host:port',
  duplicateName: 'twice',
};

const web = (): GroupValues => ({
  ...emptyGroup(),
  name: 'web',
  preferredNode: 'node1',
  resources: [
    { ...newResource('vip', 0), address: '192.0.2.100/24' },
    { ...newResource('process', 0), command: '/srv/lab-web-server 8080', healthKind: 'http', healthTarget: 'http://127.0.0.1:8080/' },
  ],
});

describe('resource group form', () => {
  it('builds the API body: arguments split, empty preferred node as null, health target per kind', () => {
    expect(putGroupBody({ ...web(), preferredNode: '' })).toEqual({
      preferredNode: null,
      sticky: true,
      maxRestarts: 3,
      resources: [
        { kind: 'vip', name: 'ip', network: 'lan', address: '192.0.2.100/24', interface: 'eth0' },
        { kind: 'process', name: 'app', command: ['/srv/lab-web-server', '8080'], health: { kind: 'http', target: 'http://127.0.0.1:8080/' } },
      ],
    });
  });

  it('sends a mesh VIP without an interface and a systemd unit with its check', () => {
    const values: GroupValues = {
      ...web(),
      resources: [
        { ...newResource('vip', 0), network: 'mesh', address: '10.100.0.50/24', interface: '' },
        { ...newResource('systemd', 0), unit: 'nginx.service', healthKind: 'systemd', healthTarget: 'nginx.service' },
      ],
    };
    expect(groupProblems(values, texts)).toEqual({});
    expect(putGroupBody(values).resources).toEqual([
      { kind: 'vip', name: 'ip', network: 'mesh', address: '10.100.0.50/24' },
      { kind: 'systemd', name: 'unit', unit: 'nginx.service', health: { kind: 'systemd', target: 'nginx.service' } },
    ]);
    expect(groupProblems({ ...values, resources: [{ ...newResource('systemd', 0), unit: ' ' }] }, texts)).toEqual({ 'resources.0.unit': 'required' });
  });

  it('keeps quoted arguments together and reads back what it writes', () => {
    expect(splitCommand(`/bin/sh -c "sleep 5; echo 'hi'"  x`)).toEqual(['/bin/sh', '-c', "sleep 5; echo 'hi'", 'x']);
    const args = ['/bin/sh', '-c', 'echo "a b"', ''];
    expect(splitCommand(joinCommand(args))).toEqual(args);
  });

  it('fills the edit form from a group as the agent reports it', () => {
    const values = groupValues({
      name: 'web',
      preferredNode: null,
      sticky: false,
      maxRestarts: 5,
      owner: 'node2',
      movedTo: null,
      bannedOn: [],
      resources: [
        {
          name: 'app',
          kind: 'process',
          detail: '',
          running: true,
          health: null,
          healthDetail: null,
          restarts: 0,
          spec: { name: 'app', kind: 'process', command: ['/bin/x', 'a b'], health: { kind: 'command', target: ['/bin/check', '-q'] } },
        },
      ],
    });
    expect(values).toMatchObject({ name: 'web', preferredNode: '', sticky: false, maxRestarts: '5' });
    expect(values.resources[0]).toMatchObject({ kind: 'process', command: '/bin/x "a b"', healthKind: 'command', healthTarget: '/bin/check -q' });
  });

  it('finds obvious mistakes next to their fields', () => {
    expect(groupProblems(web(), texts)).toEqual({});
    const bad: GroupValues = {
      ...web(),
      name: 'Web Site',
      maxRestarts: '-1',
      resources: [
        { ...newResource('vip', 0), address: '300.1.1.1/24', interface: 'a very long interface' },
        { ...newResource('process', 0), name: 'ip', command: '  ', healthKind: 'tcp', healthTarget: 'localhost' },
      ],
    };
    expect(groupProblems(bad, texts)).toEqual({
      name: 'bad name',
      maxRestarts: 'bad restarts',
      'resources.0.address': 'bad vip',
      'resources.0.interface': 'bad iface',
      'resources.1.name': 'twice',
      'resources.1.command': 'required',
      'resources.1.healthTarget': 'bad host:port',
    });
    const noPrefix: GroupValues = { ...web(), resources: [{ ...newResource('vip', 0), address: '192.0.2.100' }] };
    expect(groupProblems(noPrefix, texts)['resources.0.address']).toBe('bad vip');
  });

  it('puts the agent’s problems next to the fields they name, the rest above the form', () => {
    const message = [
      'resources[0]: 192.0.2.100/24 is already a VIP of group db',
      'resources[1]: health.target must be an http(s) URL',
      'preferredNode node9 is not a member (members: node1, node2)',
      'a group needs at least one resource',
    ].join('; ');
    expect(serverProblems(message)).toEqual({
      fields: {
        'resources.0.address': '192.0.2.100/24 is already a VIP of group db',
        'resources.1.healthTarget': 'health.target must be an http(s) URL',
        preferredNode: 'preferredNode node9 is not a member (members: node1, node2)',
      },
      rest: ['a group needs at least one resource'],
    });
  });
});
