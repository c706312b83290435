import { describe, expect, it } from 'vitest';
import { parseAgentConfig, parseBind } from './agent-config';

const parse = (argv: string[], env: Record<string, string> = {}) => parseAgentConfig(argv, env, '/opt/sfha/web');

describe('agent configuration', () => {
  it('has safe defaults: loopback admin listener, 1 h sessions', () => {
    const result = parse(['--node-name', 'alpha']);
    expect(result).toEqual({
      ok: true,
      config: {
        dataDir: '/var/lib/sfha',
        bindHost: '127.0.0.1',
        bindPort: 7780,
        logLevel: 'info',
        nodeName: 'alpha',
        tokenTtlSeconds: 3600,
        webDir: '/opt/sfha/web',
        membershipPollMs: 1000,
        hostsFile: '/etc/hosts',
        watchdogDevice: null,
      },
    });
  });

  it('takes environment variables, and flags win over them', () => {
    const result = parse(['--bind=0.0.0.0:9000'], { SFHA_BIND: '127.0.0.1:1', SFHA_DATA_DIR: '/srv/sfha', SFHA_NODE_NAME: 'beta', SFHA_LOG_LEVEL: 'debug', SFHA_MEMBERSHIP_POLL_MS: '60000' });
    expect(result.ok).toBe(true);
    if (result.ok !== true) return;
    expect(result.config).toMatchObject({ bindHost: '0.0.0.0', bindPort: 9000, dataDir: '/srv/sfha', nodeName: 'beta', logLevel: 'debug', membershipPollMs: 60_000 });
  });

  it('reports every problem at once, naming the flag and the variable', () => {
    const result = parse(['--data-dir', 'relative/dir', '--bind', 'nowhere', '--log-level', 'loud', '--node-name', 'Bad_Name', '--token-ttl', '5', '--membership-poll-ms', '50', '--frobnicate']);
    expect(result.ok).toBe(false);
    if (result.ok !== false) return;
    expect(result.errors).toEqual([
      'unknown option "--frobnicate" (see --help)',
      '--data-dir (SFHA_DATA_DIR): must be an absolute path, got "relative/dir"',
      '--bind (SFHA_BIND): expected HOST:PORT (for example 127.0.0.1:7780 or [::1]:7780), got "nowhere"',
      '--log-level (SFHA_LOG_LEVEL): must be one of error, warn, info, debug, got "loud"',
      '--node-name (SFHA_NODE_NAME): must be 1-63 lowercase letters, digits or dashes, not starting or ending with a dash, got "bad_name"',
      '--token-ttl (SFHA_TOKEN_TTL): must be a whole number of seconds from 60 to 86400, got "5"',
      '--membership-poll-ms (SFHA_MEMBERSHIP_POLL_MS): must be a whole number of milliseconds from 100 to 60000, got "50"',
    ]);
  });

  it('takes a watchdog device: a path, auto or none; anything else is refused', () => {
    const device = (value: string) => {
      const result = parse(['--node-name', 'alpha', '--watchdog-device', value]);
      return result.ok === true ? result.config.watchdogDevice : result.ok === false ? result.errors : null;
    };
    expect(device('/dev/watchdog1')).toBe('/dev/watchdog1');
    expect(device('auto')).toBe('auto');
    expect(device('none')).toBeNull();
    expect(device('watchdog')).toEqual(['--watchdog-device (SFHA_WATCHDOG_DEVICE): must be an absolute path, "auto" or "none", got "watchdog"']);
    const fromEnv = parse(['--node-name', 'alpha'], { SFHA_WATCHDOG_DEVICE: '/run/wd' });
    expect(fromEnv.ok === true && fromEnv.config.watchdogDevice).toBe('/run/wd');
  });

  it('rejects a flag without its value', () => {
    const result = parse(['--data-dir', '--bind', '127.0.0.1:1', '--node-name', 'x']);
    expect(result).toEqual({ ok: false, errors: ['--data-dir: a value is required'] });
  });

  it('answers --help with the usage', () => {
    const result = parse(['--help']);
    expect(result.ok).toBe('help');
    if (result.ok === 'help') expect(result.usage).toContain('--bind VALUE');
  });

  it('parses IPv4, IPv6 and port bounds', () => {
    expect(parseBind('[::1]:7780')).toEqual({ host: '::1', port: 7780 });
    expect(parseBind('192.0.2.1:0')).toEqual({ host: '192.0.2.1', port: 0 });
    expect(parseBind('127.0.0.1:70000')).toBe('port 70000 is out of range (0-65535)');
    expect(parseBind('300.1.1.1:80')).toBe('"300.1.1.1" is not an IPv4 address (use [addr] for IPv6)');
  });
});
