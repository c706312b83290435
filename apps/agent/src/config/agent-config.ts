import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The agent's settings, validated. Built once at boot from flags and environment. */
export interface AgentConfig {
  /** Directory of the node's SQLite database and local credential. */
  dataDir: string;
  /** Address of the admin API and dashboard listener. */
  bindHost: string;
  bindPort: number;
  logLevel: LogLevel;
  /** This node's name in the cluster. */
  nodeName: string;
  /** Lifetime of an admin JWT, in seconds. */
  tokenTtlSeconds: number;
  /** Directory of the built dashboard, or null to serve the API only. */
  webDir: string | null;
  /** Fallback poll of Corosync's quorum; membership changes are followed live from cmap events. */
  membershipPollMs: number;
  /** Where members' names (`node2.prod.sfha`) are kept, or null to keep none. */
  hostsFile: string | null;
  /**
   * The watchdog device this node may arm (apps/agent/src/watchdog): an absolute path, "auto"
   * (/dev/watchdog when it is present: the packaged agent.env sets it), or null for none.
   */
  watchdogDevice: string | null;
}

interface OptionSpec {
  flag: string;
  env: string;
  key: keyof RawConfig;
  help: string;
}

type RawConfig = Record<'dataDir' | 'bind' | 'logLevel' | 'nodeName' | 'tokenTtl' | 'webDir' | 'membershipPoll' | 'hostsFile' | 'watchdogDevice', string | undefined>;

export const AGENT_OPTIONS: readonly OptionSpec[] = [
  { flag: '--data-dir', env: 'SFHA_DATA_DIR', key: 'dataDir', help: 'state directory (default /var/lib/sfha)' },
  { flag: '--bind', env: 'SFHA_BIND', key: 'bind', help: 'admin API and dashboard address HOST:PORT (default 127.0.0.1:7780)' },
  { flag: '--log-level', env: 'SFHA_LOG_LEVEL', key: 'logLevel', help: `one of ${LOG_LEVELS.join(', ')} (default info)` },
  { flag: '--node-name', env: 'SFHA_NODE_NAME', key: 'nodeName', help: 'name of this node (default: the host name)' },
  { flag: '--token-ttl', env: 'SFHA_TOKEN_TTL', key: 'tokenTtl', help: 'admin session lifetime in seconds, 60 to 86400 (default 3600)' },
  { flag: '--web-dir', env: 'SFHA_WEB_DIR', key: 'webDir', help: 'directory of the built dashboard (default: the one shipped with the agent)' },
  {
    flag: '--membership-poll-ms',
    env: 'SFHA_MEMBERSHIP_POLL_MS',
    key: 'membershipPoll',
    help: "fallback poll of Corosync's quorum in ms, 100 to 60000; changes are followed live from Corosync's events (default 1000)",
  },
  {
    flag: '--watchdog-device',
    env: 'SFHA_WATCHDOG_DEVICE',
    key: 'watchdogDevice',
    help: 'watchdog device to arm once in a quorate cluster: a path, "auto" (/dev/watchdog when present) or "none" (default none; the package sets auto)',
  },
  { flag: '--hosts-file', env: 'SFHA_HOSTS_FILE', key: 'hostsFile', help: 'hosts file where members are named NODE.CLUSTER.sfha, or "none" (default /etc/hosts)' },
];

export const DEFAULTS = {
  dataDir: '/var/lib/sfha',
  bind: '127.0.0.1:7780',
  logLevel: 'info' as LogLevel,
  tokenTtlSeconds: 3600,
  membershipPollMs: 1000,
  hostsFile: '/etc/hosts',
};

export type ConfigResult = { ok: true; config: AgentConfig } | { ok: false; errors: string[] } | { ok: 'help'; usage: string };

export function agentUsage(): string {
  const lines = AGENT_OPTIONS.map((o) => `  ${`${o.flag} VALUE`.padEnd(22)} ${o.help} [env ${o.env}]`);
  return ['Usage: sfha-agent [options]', '', 'Options (a flag wins over its environment variable):', ...lines, '  --help                 this text'].join('\n');
}

/** Splits argv into raw option values; collects unknown or valueless flags as errors. */
function readArgs(argv: readonly string[], errors: string[]): Partial<RawConfig> | 'help' {
  const raw: Partial<RawConfig> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const spec = AGENT_OPTIONS.find((o) => o.flag === flag);
    if (!spec) {
      errors.push(`unknown option "${arg}" (see --help)`);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      errors.push(`${flag}: a value is required`);
      if (value?.startsWith('--')) i--;
      continue;
    }
    raw[spec.key] = value;
  }
  return raw;
}

const NODE_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function parseBind(value: string): { host: string; port: number } | string {
  const match = /^(?:\[([0-9a-fA-F:]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  if (!match) return `expected HOST:PORT (for example 127.0.0.1:7780 or [::1]:7780), got "${value}"`;
  const host = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (port > 65535) return `port ${port} is out of range (0-65535)`;
  if (match[2] !== undefined && !IPV4.test(host) && host !== 'localhost') return `"${host}" is not an IPv4 address (use [addr] for IPv6)`;
  return { host, port };
}

/**
 * Validates the agent's configuration from command-line flags and environment variables.
 * Pure: reports every problem at once so the admin can fix them in one go.
 */
export function parseAgentConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, defaultWebDir: string | null): ConfigResult {
  const errors: string[] = [];
  const fromArgs = readArgs(argv, errors);
  if (fromArgs === 'help') return { ok: 'help', usage: agentUsage() };
  const pick = (key: keyof RawConfig): string | undefined => {
    const spec = AGENT_OPTIONS.find((o) => o.key === key);
    const value = fromArgs[key] ?? (spec ? env[spec.env] : undefined);
    return value === '' ? undefined : value;
  };
  const label = (key: keyof RawConfig): string => {
    const spec = AGENT_OPTIONS.find((o) => o.key === key);
    return spec ? `${spec.flag} (${spec.env})` : key;
  };

  const dataDir = pick('dataDir') ?? DEFAULTS.dataDir;
  if (!isAbsolute(dataDir)) errors.push(`${label('dataDir')}: must be an absolute path, got "${dataDir}"`);

  const bind = parseBind(pick('bind') ?? DEFAULTS.bind);
  if (typeof bind === 'string') errors.push(`${label('bind')}: ${bind}`);

  const logLevel = pick('logLevel') ?? DEFAULTS.logLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) errors.push(`${label('logLevel')}: must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const nodeName = (pick('nodeName') ?? hostname().split('.')[0] ?? '').toLowerCase();
  if (!NODE_NAME.test(nodeName)) errors.push(`${label('nodeName')}: must be 1-63 lowercase letters, digits or dashes, not starting or ending with a dash, got "${nodeName}"`);

  const ttlText = pick('tokenTtl');
  const tokenTtlSeconds = ttlText === undefined ? DEFAULTS.tokenTtlSeconds : Number(ttlText);
  if (!Number.isInteger(tokenTtlSeconds) || tokenTtlSeconds < 60 || tokenTtlSeconds > 86_400) errors.push(`${label('tokenTtl')}: must be a whole number of seconds from 60 to 86400, got "${ttlText}"`);

  const webDirText = pick('webDir');
  if (webDirText !== undefined && !isAbsolute(webDirText)) errors.push(`${label('webDir')}: must be an absolute path, got "${webDirText}"`);

  const pollText = pick('membershipPoll');
  const membershipPollMs = pollText === undefined ? DEFAULTS.membershipPollMs : Number(pollText);
  if (!Number.isInteger(membershipPollMs) || membershipPollMs < 100 || membershipPollMs > 60_000)
    errors.push(`${label('membershipPoll')}: must be a whole number of milliseconds from 100 to 60000, got "${pollText}"`);

  const hostsText = pick('hostsFile') ?? DEFAULTS.hostsFile;
  if (hostsText !== 'none' && !isAbsolute(hostsText)) errors.push(`${label('hostsFile')}: must be an absolute path or "none", got "${hostsText}"`);

  const watchdogText = pick('watchdogDevice') ?? 'none';
  if (watchdogText !== 'none' && watchdogText !== 'auto' && !isAbsolute(watchdogText)) errors.push(`${label('watchdogDevice')}: must be an absolute path, "auto" or "none", got "${watchdogText}"`);

  if (errors.length > 0 || typeof bind === 'string') return { ok: false, errors };
  return {
    ok: true,
    config: {
      dataDir: resolve(dataDir),
      bindHost: bind.host,
      bindPort: bind.port,
      logLevel: logLevel as LogLevel,
      nodeName,
      tokenTtlSeconds,
      webDir: webDirText ?? defaultWebDir,
      membershipPollMs,
      hostsFile: hostsText === 'none' ? null : resolve(hostsText),
      watchdogDevice: watchdogText === 'none' ? null : watchdogText === 'auto' ? 'auto' : resolve(watchdogText),
    },
  };
}
