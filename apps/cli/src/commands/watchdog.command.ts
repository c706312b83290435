import { CliError } from '../agent-session';
import { command, printJson } from '../command-context';

/**
 * `sfha node watchdog status`: this node's watchdog (armed, device, timeout, last pet, why it is
 * petted or not) and every member's advert and fence devices. `sfha node watchdog test --force`:
 * stops petting; the machine resets within the timeout (refused without --force).
 */
export const watchdogStatusCommand = command('node watchdog status', async ({ m, out, options, json, usage, api }) => {
  if (options.positional.length > 0) throw usage();
  const s = await api((c) => c.GET('/api/v1/watchdog'));
  if (json) return printJson(out, s);
  out(s.armed && s.device ? m.watchdog.armed(s.device, (s.timeoutMs ?? 0) / 1000) : m.watchdog.notArmed(s.device));
  if (s.armed) {
    out(m.watchdog.lastPet(s.lastPetAt));
    out(m.watchdog.petting(s.petting, s.why));
  } else out(m.watchdog.why(s.why));
  out(m.watchdog.nodes);
  for (const n of s.nodes) out(m.watchdog.node(n.node, n.armed, n.timeoutMs === null ? null : n.timeoutMs / 1000, n.fenceDevices));
});

export const watchdogTestCommand = command('node watchdog test', async ({ m, out, options, json, usage, api }) => {
  if (options.positional.length > 0) throw usage();
  const force = options.flags.has('force');
  if (!force) {
    const s = await api((c) => c.GET('/api/v1/watchdog'));
    throw new CliError(m.watchdog.testRefused(s.timeoutMs === null ? null : s.timeoutMs / 1000));
  }
  const result = await api((c) => c.POST('/api/v1/watchdog/test', { body: { force: true } }));
  if (json) return printJson(out, result);
  out(m.watchdog.testing(result.resetsWithinMs / 1000));
});
