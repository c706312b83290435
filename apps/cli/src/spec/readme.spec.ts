import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_KEYS, GLOBAL_OPTIONS, specOf, type CommandKey } from './command-spec';
import { resolveCommand } from './dispatch';

const README = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');

/** The shell blocks of the README's CLI section, one entry per command line (continuation lines joined, comments cut). */
function readmeCommandLines(): string[] {
  const section = README.split(/\n## The CLI\n/)[1]?.split(/\n## /)[0] ?? '';
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const lines: string[] = [];
  for (const raw of blocks.flatMap((b) => b.split('\n'))) {
    const text = raw
      .replace(/(^|\s)#.*$/, '')
      .replace(/\\$/, '')
      .trimEnd();
    if (text.trim() === '') continue;
    if (/^\s/.test(text) && lines.length > 0) lines[lines.length - 1] += ` ${text.trim()}`;
    else lines.push(text);
  }
  return lines;
}

/** Each `sfha …` of a line with its command: `sfha stonith status | history` is stonith status, then stonith history. */
function readmeCommands(): { text: string; key: CommandKey | null }[] {
  const found: { text: string; key: CommandKey | null }[] = [];
  for (const line of readmeCommandLines()) {
    let group: string[] = [];
    let previous: CommandKey | null = null;
    for (const segment of line.split(' | ')) {
      const words = segment
        .trim()
        .split(/\s+/)
        .map((w) => w.replace(/^\[(list)\]$/, '$1'));
      // `sfha stonith level [NODE DEVICE… | NODE --clear]`: another form of the same command.
      if (words[0] !== 'sfha' && !/^[a-z]/.test(words[0] ?? '') && previous) {
        found.push({ text: segment.trim(), key: previous });
        continue;
      }
      const typed = words[0] === 'sfha' ? words.slice(1) : [...group, ...words];
      if (typed[0]?.startsWith('-')) continue; // sfha --help
      const resolved = resolveCommand(typed);
      const key = 'key' in resolved ? resolved.key : null;
      if (key) group = key.split(' ').slice(0, -1);
      previous = key;
      found.push({ text: segment.trim(), key });
    }
  }
  return found;
}

describe("the README's CLI section", () => {
  const commands = readmeCommands();

  it('names only commands of the spec, with their own options', () => {
    expect(commands.length).toBeGreaterThan(40);
    const globals = GLOBAL_OPTIONS.flatMap((o) => o.names);
    for (const { text, key } of commands) {
      expect(key, text).not.toBeNull();
      if (!key) continue;
      const allowed = [...(specOf(key).flags ?? []), ...(specOf(key).valued ?? []), 'json'].map((o) => `--${o}`);
      for (const option of text.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? []) expect([...allowed, ...globals], `${text}: ${option}`).toContain(option);
    }
  });

  it('shows every command of the spec', () => {
    const shown = new Set(commands.map((c) => c.key));
    expect(COMMAND_KEYS.filter((key) => !shown.has(key) && key !== 'help')).toEqual([]);
  });
});
