import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from './scenario';

const base = (steps: string) => `description: d\nself: node1\nnodes: [node1, node2]\nsteps:\n${steps}`;

describe('parseScenario', () => {
  it('reads a scenario and fills the defaults', () => {
    const s = parseScenario(base('  - at: 0\n    expect: {actions: []}\n'));
    expect(s).toMatchObject({ self: 'node1', started: -3600, twoNode: true, devices: ['node1', 'node2'] });
    expect(s.steps[0]).toMatchObject({ at: 0, commit: true, expect: { actions: [] } });
  });

  it.each([
    ['not: [valid', 'f.yaml: not valid YAML'],
    ['description: d\nself: node9\nnodes: [node1]\nsteps: [{at: 0, expect: {actions: []}}]', 'f.yaml: self: node9 is not one of the nodes (node1)'],
    [base('  - at: zero\n    expect: {actions: []}\n'), 'f.yaml: steps[0].at: must be a number'],
    [base('  - at: 0\n    online: [node3]\n    expect: {actions: []}\n'), 'f.yaml: steps[0].online[0]: node3 is not one of the nodes'],
    [base('  - at: 0\n'), 'f.yaml: steps[0].expect: every step must expect something'],
    [base('  - at: 0\n    colour: red\n    expect: {actions: []}\n'), 'f.yaml: steps[0].colour: unknown field'],
    [base('  - at: 5\n    expect: {actions: []}\n  - at: 1\n    expect: {actions: []}\n'), 'f.yaml: steps[1].at: steps must not go back in time'],
    [
      'description: d\nself: node1\nnodes: [node1]\nconfig: {groups: [{name: web, resources: [{kind: disk, name: x}]}]}\nsteps: [{at: 0, expect: {actions: []}}]',
      'f.yaml: config.groups[0].resources[0].kind: must be vip, process or systemd',
    ],
  ])('refuses %j naming the field', (text, message) => {
    expect(() => parseScenario(text, 'f.yaml')).toThrow(ScenarioError);
    expect(() => parseScenario(text, 'f.yaml')).toThrow(message);
  });
});
