import { describe, expect, it } from 'vitest';
import { applyChange, DEFAULT_CLUSTER_CONFIG, type ClusterConfig } from './cluster-config';
import { configDiff, documentProblems, parseConfigDocument, portableConfig, unmaskedConfig, type ConfigDocument } from './config-document';
import { SECRET_MASK } from './fence-secrets';

const web = { name: 'web', resources: [{ kind: 'vip' as const, name: 'ip', address: '192.0.2.100/24', interface: 'eth0' }], preferredNode: 'node1', sticky: true };
const db = { name: 'db', resources: [{ kind: 'process' as const, name: 'srv', command: ['/usr/bin/db'] }], preferredNode: null, sticky: true };
const bmc = { name: 'bmc', kind: 'agent' as const, agent: 'fence_ipmilan', params: { ip: '10.0.0.9', password: 's3cret' }, hostMap: { node1: 'n1' }, timeoutSeconds: 30 };
const stored: ClusterConfig = {
  ...DEFAULT_CLUSTER_CONFIG,
  groups: [db, web],
  fenceDevices: [bmc],
  constraints: [{ kind: 'order', first: 'db', then: 'web' }],
  assignments: { web: 'node1', db: 'node2' },
  bans: { db: ['node3'] },
};
const members = ['node1', 'node2', 'node3'];

function documentText(config: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 'sfha-cluster-config', version: 1, cluster: 'prod', generation: 7, exportedAt: '2026-01-01T00:00:00Z', sfhaVersion: '0.1.0', secrets: 'masked', config, ...extra });
}

describe('config documents', () => {
  it('reads back what an export wrote', () => {
    const parsed = parseConfigDocument(documentText(portableConfig(stored)));
    expect(parsed).toMatchObject({ document: { cluster: 'prod', config: portableConfig(stored) } });
    expect(documentProblems((parsed as { document: ConfigDocument }).document.config, members)).toEqual([]);
  });

  it('carries what the admin set, not the live placement', () => {
    expect(Object.keys(portableConfig(stored)).sort()).toEqual(['constraints', 'fenceDevices', 'fenceLevels', 'groups', 'maintenance', 'moves', 'notifyTargets', 'settings', 'standby']);
  });

  it('reads a document of an older release without notification targets as having none', () => {
    const { notifyTargets: _targets, ...older } = portableConfig(stored);
    expect(parseConfigDocument(documentText(older))).toMatchObject({ document: { config: { notifyTargets: [] } } });
  });

  it('refuses a notification target that is not one (a null item reached the unmasking: a 500 at import)', () => {
    expect(parseConfigDocument(documentText({ ...portableConfig(stored), notifyTargets: [null] as never }))).toEqual({
      problems: ['config.notifyTargets[0] must be a notification target with a name and a kind'],
    });
  });

  it('carries notification targets with their secrets masked, checks them, and an import keeps the stored secret behind a mask', () => {
    const hook = { name: 'ops', kind: 'webhook' as const, url: 'https://hooks.example.test/x', secret: 'k3y', events: 'incidents' as const, minLevel: 'info' as const, language: 'fr' as const };
    const withHook = { ...stored, notifyTargets: [hook] };
    const masked = { ...portableConfig(withHook), notifyTargets: [{ ...hook, secret: SECRET_MASK }] };
    expect(unmaskedConfig(masked, withHook)).toEqual({ config: portableConfig(withHook), problems: [] });
    expect(documentProblems({ ...masked, notifyTargets: [{ ...hook, url: 'nope' }] }, members)).toEqual(['notifyTargets[0]: url is not a valid URL (e.g. https://hooks.example/sfha)']);
    expect(configDiff(portableConfig(stored), portableConfig(withHook))).toEqual(['+ notification target ops']);
  });

  it('refuses what is not a document of this version, saying what is wrong', () => {
    expect(parseConfigDocument('{"format": "sfha-cluster-config",')).toEqual({ problems: [expect.stringMatching(/^not JSON: /)] });
    expect(parseConfigDocument('[1]')).toEqual({ problems: ['not an sfha config document: a JSON object is expected'] });
    expect(parseConfigDocument('{"format": "other"}')).toEqual({ problems: ['not an sfha config document: format must be "sfha-cluster-config", got "other"'] });
    expect(parseConfigDocument(documentText(portableConfig(stored), { version: 9 }))).toEqual({ problems: ['document version 9 is not supported: this sfha reads version 1'] });
  });

  it('names unknown and missing fields and wrong types', () => {
    const { groups: _groups, ...noGroups } = portableConfig(stored);
    const parsed = parseConfigDocument(documentText({ ...noGroups, frobs: 1, settings: { ...stored.settings, tokenMs: 5, colour: 'red' }, maintenance: 'yes' }, { extra: true }));
    expect(parsed).toEqual({
      problems: [
        'unknown field extra (known: format, version, cluster, generation, exportedAt, sfhaVersion, secrets, config)',
        'unknown field config.frobs (known: settings, fenceDevices, fenceLevels, groups, constraints, moves, standby, maintenance, notifyTargets)',
        'missing field config.groups',
        'unknown field config.settings.colour (known: tokenMs, tokenCoefficientMs, fenceStartupGraceMs, fenceMinDelayMs, fenceStormLimit, watchdogTimeoutMs, shutdownPolicy, managementAddress)',
        'config.settings: tokenMs must be a whole number of ms from 200 to 60000',
        'config.maintenance must be true or false',
      ],
    });
  });

  it('refuses a resource that is not an object, naming the group, without throwing', () => {
    const parsed = parseConfigDocument(documentText({ ...portableConfig(stored), groups: [db, { ...web, resources: [null] }] }));
    expect(parsed).toEqual({ problems: ['config.groups[1] must be a group with a name and a list of resources (objects)'] });
  });

  it('checks the content against the members: groups, devices, constraints, pins, standby', () => {
    const config = {
      ...portableConfig(stored),
      groups: [db, { ...web, preferredNode: 'node9' }, { ...db, resources: [] }],
      constraints: [{ kind: 'order' as const, first: 'db', then: 'nope' }],
      moves: { web: 'node7' },
      standby: ['node8'],
    };
    expect(documentProblems(config, members)).toEqual([
      'group db appears twice',
      'group web: preferredNode node9 is not a member (members: node1, node2, node3)',
      'group db: a group needs at least one resource',
      'constraints[0]: no group named nope (groups: db, web, db)',
      'moves: web is pinned to node7, not a member (members: node1, node2, node3)',
      'standby: node8 is not a member (members: node1, node2, node3)',
    ]);
  });

  it('keeps the stored secret behind a mask, and refuses a mask with nothing stored', () => {
    const masked = { ...portableConfig(stored), fenceDevices: [{ ...bmc, params: { ip: '10.0.0.9', password: SECRET_MASK } }] };
    expect(unmaskedConfig(masked, stored)).toEqual({ config: portableConfig(stored), problems: [] });
    expect(unmaskedConfig(masked, DEFAULT_CLUSTER_CONFIG).problems).toEqual([`fence device bmc: param password is "${SECRET_MASK}" but no value is stored for it: send the value itself`]);
  });

  it('commits as one change that keeps the placement of the groups it keeps', () => {
    const next = applyChange(stored, { kind: 'replace', config: { ...portableConfig(stored), groups: [web], constraints: [], maintenance: true } });
    expect(next.groups).toEqual([web]);
    expect(next.assignments).toEqual({ web: 'node1' });
    expect(next.bans).toEqual({});
    expect(next.maintenance).toBe(true);
  });

  it('shows the difference by name, never a secret', () => {
    const after = {
      ...portableConfig(stored),
      settings: { ...stored.settings, tokenMs: 1500 },
      groups: [
        { ...web, sticky: false },
        { ...db, name: 'cache' },
      ],
      fenceDevices: [{ ...bmc, params: { ...bmc.params, password: 'other' } }],
      constraints: [],
      maintenance: true,
    };
    const diff = configDiff(portableConfig(stored), after);
    expect(diff).toEqual(['~ settings.tokenMs: 1000 → 1500', '~ fence device bmc', '~ group web', '+ group cache', '- group db', '- constraint order:db:web', '~ maintenance: off → on']);
    expect(diff.join('\n')).not.toContain('other');
    expect(configDiff(portableConfig(stored), portableConfig(stored))).toEqual([]);
  });
});
