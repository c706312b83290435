import { unwrap } from '@sfha/contracts';
import type { CliArgs } from '../args';
import { CliError, openLocalSession, reaching } from '../agent-session';
import { DOCTOR_MARK, DOCTOR_MESSAGES } from '../doctor-messages';
import type { Messages } from '../i18n';

/** `sfha doctor`: this node's checks, each with a fix hint; exits 1 when one fails. */
export async function doctorCommand(args: CliArgs, m: Messages, out: (text: string) => void): Promise<void> {
  if (args.rest.length) throw new CliError(m.unknownCommand(`doctor ${args.rest.join(' ')}`));
  const { client, url } = await openLocalSession({ dataDir: args.dataDir, ...(args.url ? { url: args.url } : {}) }, m);
  const report = await reaching(url, m, () => client.GET('/api/v1/doctor').then(unwrap));
  if (args.json) out(JSON.stringify(report, null, 2));
  else {
    const catalogue = DOCTOR_MESSAGES[args.lang];
    for (const f of report.findings) {
      const { text, hint } = catalogue[f.code](f.params);
      out(`${DOCTOR_MARK[f.status]} ${text}`);
      if (hint && (f.status === 'fail' || f.status === 'warn')) out(`    → ${hint}`);
    }
  }
  if (report.findings.some((f) => f.status === 'fail')) process.exitCode = 1;
}
