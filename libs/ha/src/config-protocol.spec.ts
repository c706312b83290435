import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_CONFIG } from './cluster-config';
import { portableConfig } from './config-document';
import { changeProtocol, CONFIG_PROTOCOL, mixedVersions, protocolRefusal } from './config-protocol';

describe('config protocol', () => {
  const replace = { kind: 'replace' as const, config: portableConfig(DEFAULT_CLUSTER_CONFIG) };
  const settings = { kind: 'settings' as const, patch: { tokenMs: 1500 } };

  it('says which protocol each change needs', () => {
    expect(changeProtocol(settings)).toBe(1);
    expect(changeProtocol(replace)).toBe(2);
    expect(CONFIG_PROTOCOL).toBeGreaterThanOrEqual(changeProtocol(replace));
  });

  it('asks protocol 7 of the freeze policy, whether set alone or in an imported config', () => {
    const announced = { node1: { version: '0.3.0', protocol: 7 }, node2: { version: '0.2.0', protocol: 6 } };
    const freeze = { kind: 'settings' as const, patch: { shutdownPolicy: 'freeze' as const } };
    expect(changeProtocol(freeze)).toBe(7);
    expect(changeProtocol({ kind: 'settings', patch: { shutdownPolicy: 'failover' } })).toBe(1);
    expect(changeProtocol({ kind: 'replace', config: { ...replace.config, settings: { ...replace.config.settings, shutdownPolicy: 'freeze' } } })).toBe(7);
    expect(changeProtocol({ kind: 'freeze', node: 'node1', on: true })).toBe(7);
    expect(protocolRefusal(freeze, ['node1', 'node2'], announced)).toBe(
      'this change (settings) needs config protocol 7 on every member, and node2 runs sfha 0.2.0 (config protocol 6): upgrade every member first',
    );
    expect(protocolRefusal(settings, ['node1', 'node2'], announced)).toBeNull();
  });

  it('lets every change through when every member speaks the protocol', () => {
    const announced = { node1: { version: '0.2.0', protocol: 2 }, node2: { version: '0.2.0', protocol: 2 } };
    expect(protocolRefusal(replace, ['node1', 'node2'], announced)).toBeNull();
  });

  it('refuses a newer change while a member is older, naming it and its release', () => {
    const announced = { node1: { version: '0.2.0', protocol: 2 }, node2: { version: '0.1.0', protocol: 1 } };
    expect(protocolRefusal(replace, ['node1', 'node2'], announced)).toBe(
      'this change (replace) needs config protocol 2 on every member, and node2 runs sfha 0.1.0 (config protocol 1): upgrade every member first',
    );
    expect(protocolRefusal(settings, ['node1', 'node2'], announced)).toBeNull();
  });

  it('counts a member never heard from as the oldest protocol', () => {
    expect(protocolRefusal(replace, ['node1', 'node3'], { node1: { version: '0.2.0', protocol: 2 } })).toContain('node3 has not announced its version (counted as config protocol 1)');
  });

  it('tells mixed versions apart', () => {
    expect(mixedVersions({ a: { version: '0.1.0', protocol: 1 }, b: { version: '0.1.0', protocol: 1 }, c: null })).toBe(false);
    expect(mixedVersions({ a: { version: '0.1.0', protocol: 1 }, b: { version: '0.2.0', protocol: 2 } })).toBe(true);
  });
});
