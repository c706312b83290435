import { readFileSync } from 'node:fs';
import { CliError } from './agent-session';
import type { Messages } from './i18n';

/** The `Name: value` lines of a header file; blank lines and `#` comments skipped. Pure. */
export function headerFileLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** `--header-file FILE`: the secrets stay off the command line (and out of `ps` and shell history). */
export function readHeaderFile(file: string, m: Messages): string[] {
  try {
    return headerFileLines(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(m.stonith.headerFileUnreadable(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
  }
}
