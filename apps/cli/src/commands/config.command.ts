import { CliError } from '../agent-session';
import { command, printJson } from '../command-context';
import { table } from '../format';
import type { Messages } from '../i18n';

export const configShowCommand = command('config show', async ({ m, out, json, api }) => {
  const config = await api((c) => c.GET('/api/v1/cluster/config'));
  if (json) return printJson(out, config);
  const s = config.settings;
  out(
    table([
      [m.config.generation, String(config.generation)],
      ['token', `${s.tokenMs} ms`],
      ['token_coefficient', `${s.tokenCoefficientMs} ms`],
      ['fence_startup_grace', `${s.fenceStartupGraceMs} ms`],
      ['fence_min_delay', `${s.fenceMinDelayMs} ms`],
      ['fence_storm_limit', `${s.fenceStormLimit} / 5 min`],
      ['shutdown_policy', s.shutdownPolicy],
      ['frozen', config.frozen.join(', ') || '-'],
      ['watchdog_timeout', `${s.watchdogTimeoutMs} ms`],
      ['management_address', s.managementAddress ? `${s.managementAddress.address}@${s.managementAddress.interface}` : 'none'],
    ]),
  );
});

export const configSetCommand = command('config set', async ({ m, out, options, json, usage, api }) => {
  const number = (name: string) => {
    const text = options.values.get(name);
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new CliError(m.config.notNumber(`--${name}`));
    return Number(text);
  };
  const body = {
    tokenMs: number('token-ms'),
    tokenCoefficientMs: number('token-coefficient-ms'),
    fenceStartupGraceMs: number('fence-startup-grace-ms'),
    fenceMinDelayMs: number('fence-min-delay-ms'),
    fenceStormLimit: number('fence-storm-limit'),
    watchdogTimeoutMs: number('watchdog-timeout-ms'),
    // Checked by the agent (400 naming the accepted values).
    shutdownPolicy: options.values.get('shutdown-policy') as 'migrate' | 'freeze' | 'failover' | undefined,
    managementAddress: managementAddress(options.values.get('management-address'), m),
  };
  if (Object.values(body).every((v) => v === undefined)) throw usage();
  const config = await api((c) => c.PUT('/api/v1/cluster/config/settings', { body }));
  if (json) return printJson(out, config);
  out(m.config.committed(config.generation));
});

/** `192.0.2.50/24[@eth0]` (eth0 when left out) or `none`; the agent checks the address itself. */
function managementAddress(text: string | undefined, m: Messages): { address: string; interface: string } | null | undefined {
  if (text === undefined) return undefined;
  if (text === 'none') return null;
  const match = /^([^@\s]+\/\d+)(?:@([^@\s]+))?$/.exec(text);
  if (!match) throw new CliError(m.config.badManagementAddress(text));
  return { address: match[1] ?? '', interface: match[2] ?? 'eth0' };
}
