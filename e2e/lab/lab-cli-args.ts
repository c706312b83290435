/**
 * The lab CLI's arguments, without `--lab NAME` / `--lab=NAME`, which goes to env SFHA_LAB
 * (read once by lab-layout.ts: lab-cli.ts imports this module before any other).
 */
import { labName } from './lab-name';

/** Takes `--lab NAME` / `--lab=NAME` out of the arguments into SFHA_LAB (read by lab-layout.ts). */
function takeLabFlag(argv: string[]): string[] {
  const at = argv.findIndex((a) => a === '--lab' || a.startsWith('--lab='));
  // After `exec NODE --`, everything is the command's.
  const separator = argv.indexOf('--');
  if (at < 0 || (separator >= 0 && at > separator)) return argv;
  const inline = argv[at]?.startsWith('--lab=');
  const name = inline ? argv[at]?.slice('--lab='.length) : argv[at + 1];
  if (!name) throw new Error('--lab needs a name');
  process.env.SFHA_LAB = name;
  return argv.filter((_, k) => k !== at && (inline || k !== at + 1));
}

function labArgs(): string[] {
  try {
    const args = takeLabFlag(process.argv.slice(2));
    labName(process.env.SFHA_LAB);
    return args;
  } catch (error) {
    process.stderr.write(`lab: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

export const LAB_ARGS = labArgs();
