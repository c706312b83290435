import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, type CliArgs } from '../args';
import { COMMAND_TABLE } from '../command-table';
import { MESSAGES, type Lang } from '../i18n';
import { COMMAND_KEYS, GLOBAL_OPTIONS, specOf, type CommandKey } from './command-spec';
import { bashCompletion, optionsOf } from './completion';
import { resolveCommand } from './dispatch';
import { PLACEHOLDERS } from './placeholders';
import { commandHelp, groupUsage, helpText, usageText } from './render';

const LANGS: Lang[] = ['fr', 'en'];
/** A whole word, accents included (\b is ASCII only). */
const wordsRegex = (words: readonly string[], flags = 'u') => new RegExp(`(?<![\\p{L}_])(${words.join('|')})(?![\\p{L}_])`, flags);
const differing = Object.values(PLACEHOLDERS).filter((p) => p.fr !== p.en);
const FRENCH = wordsRegex([...differing.map((p) => p.fr), 'clé', 'valeur', 'sans', 'nœud', 'prise', 'équipement', 'fichier', 'avec', 'commande']);
const ENGLISH = wordsRegex(differing.map((p) => p.en));
/** Options the usage of a command shows (`--name`, `--name=…`). */
const shownOptions = (text: string) => new Set([...text.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1] ?? ''));
const declared = (key: CommandKey) => [...(specOf(key).flags ?? []), ...(specOf(key).valued ?? [])];

describe('the command spec', () => {
  it('shows no French placeholder under --lang en, and no English one in French', () => {
    const en = [helpText('en'), ...COMMAND_KEYS.map((k) => usageText(k, 'en'))];
    for (const text of en) for (const line of text.split('\n')) expect(line, line).not.toMatch(FRENCH);
    for (const key of COMMAND_KEYS) expect(usageText(key, 'fr'), key).not.toMatch(ENGLISH);
    expect(usageText('stonith level', 'en')).toBe('stonith level | stonith level NODE DEVICE… | stonith level NODE --clear');
    expect(usageText('stonith level', 'fr')).toBe('stonith level | stonith level NŒUD ÉQUIPEMENT… | stonith level NŒUD --clear');
    expect(usageText('user list', 'en')).toBe('user [list]');
  });

  it('puts every command in sfha help, in both languages', () => {
    for (const lang of LANGS) {
      const help = helpText(lang);
      expect(help).toContain(MESSAGES[lang].help.commands);
      for (const key of COMMAND_KEYS) {
        expect(help, key).toContain(`  ${usageText(key, lang)}`);
        expect(help, key).toContain(specOf(key).summary[lang]);
      }
      for (const option of GLOBAL_OPTIONS) expect(help).toContain(`  ${option.form}`);
    }
    expect(
      commandHelp(['stonith'], 'en')
        ?.split('\n')
        .filter((l) => l.startsWith('  stonith')),
    ).toHaveLength(8);
    expect(commandHelp(['frob'], 'en')).toBeNull();
  });

  it('shows in each usage exactly the options its parser takes', () => {
    for (const key of COMMAND_KEYS) expect([...shownOptions(usageText(key, 'en'))].sort(), key).toEqual([...new Set(declared(key))].sort());
  });

  it('has a summary in both languages and no command whose words start another', () => {
    for (const key of COMMAND_KEYS) {
      for (const lang of LANGS) expect(specOf(key).summary[lang].trim(), key).not.toBe('');
      expect(
        COMMAND_KEYS.filter((other) => other.startsWith(`${key} `)),
        key,
      ).toEqual([]);
    }
  });
});

describe('the parser takes its options from the spec', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfha-cli-spec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const args = (rest: string[], lang: Lang = 'en'): CliArgs => ({ lang, json: false, url: undefined, dataDir: join(dir, 'no-agent'), help: false, version: false, command: 'x', rest });
  const failure = async (key: CommandKey, rest: string[], lang: Lang = 'en') => {
    try {
      await COMMAND_TABLE[key](args(rest, lang), MESSAGES[lang], () => undefined);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };
  // Not built by command(): they take no option (the spec says so, checked here).
  const plain: CommandKey[] = ['status', 'doctor', 'help', 'completion'];

  it('refuses an option the spec does not declare, and accepts every declared one', async () => {
    for (const key of plain) expect(declared(key), key).toEqual([]);
    for (const key of COMMAND_KEYS.filter((k) => !plain.includes(k))) {
      expect(await failure(key, ['--frob']), key).toBe(MESSAGES.en.unknownOption('--frob'));
      for (const flag of specOf(key).flags ?? []) expect(await failure(key, [`--${flag}`]), `${key} --${flag}`).not.toMatch(/unknown option|needs a value/);
      for (const option of specOf(key).valued ?? []) {
        expect(await failure(key, [`--${option}`]), `${key} --${option}`).toBe(MESSAGES.en.missingValue(`--${option}`));
        expect(await failure(key, [`--${option}`, join(dir, 'value')]), `${key} --${option} V`).not.toMatch(/unknown option|needs a value/);
      }
    }
  });

  it('answers a bad use with the usage from the spec, in the chosen language', async () => {
    expect(await failure('stonith level', ['node1'], 'en')).toBe('usage: sfha stonith level | stonith level NODE DEVICE… | stonith level NODE --clear');
    expect(await failure('stonith level', ['--clear'], 'fr')).toBe('usage : sfha stonith level | stonith level NŒUD ÉQUIPEMENT… | stonith level NŒUD --clear');
    expect(await failure('failover', [], 'en')).toBe('usage: sfha failover GROUP NODE | failover --clear GROUP');
    expect(await failure('user add', ['alice'], 'en')).toBe('usage: sfha user add NAME --role viewer|operator|admin [--password-stdin]');
    expect(await failure('config import', [], 'fr')).toBe('usage : sfha config import FICHIER [--dry-run]');
  });

  it('takes the global options from the spec', () => {
    for (const option of GLOBAL_OPTIONS) for (const name of option.names) expect(parseArgs(option.valued ? [name, 'en', 'status'] : [name, 'status'], {}), name).toHaveProperty('args');
  });
});

describe('one dispatcher for every group', () => {
  it('finds the command, the default of a group, or says what is unknown', () => {
    expect(resolveCommand(['stonith', 'level', 'node1', 'pdu'])).toEqual({ key: 'stonith level', rest: ['node1', 'pdu'] });
    expect(resolveCommand(['node', 'watchdog', 'test', '--force'])).toEqual({ key: 'node watchdog test', rest: ['--force'] });
    expect(resolveCommand(['user'])).toEqual({ key: 'user list', rest: [] });
    expect(resolveCommand(['notify', '--json'])).toEqual({ key: 'notify list', rest: ['--json'] });
    expect(resolveCommand(['failover', 'web', 'node2'])).toEqual({ key: 'failover', rest: ['web', 'node2'] });
    expect(resolveCommand(['mesh'])).toEqual({ group: ['mesh'] });
    expect(resolveCommand(['mesh', 'frob'])).toEqual({ unknown: 'mesh frob' });
    expect(resolveCommand(['frob'])).toEqual({ unknown: 'frob' });
    expect(groupUsage(['node'])).toBe('node drain|undrain|watchdog');
    expect(groupUsage(['node', 'watchdog'])).toBe('node watchdog status|test');
  });

  it('reaches every command of the spec', () => {
    for (const key of COMMAND_KEYS) expect(resolveCommand(key.split(' ')), key).toEqual({ key, rest: [] });
  });
});

describe('the bash completion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfha-completion-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = join(dir, 'sfha');
  writeFileSync(script, bashCompletion());
  /** What bash offers after each list of words (the last one is being typed): one bash for all. */
  const completeAll = (cases: string[][]): string[][] => {
    const calls = cases.map((words) => `COMP_WORDS=(${['sfha', ...words].map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; COMPREPLY=(); _sfha; printf '%s\\n' "\${COMPREPLY[@]}" '=='`);
    const output = execFileSync('bash', ['-c', `source ${script}\n${calls.join('\n')}`], { encoding: 'utf8' });
    return output
      .split('==\n')
      .slice(0, cases.length)
      .map((block) => block.split('\n').filter(Boolean).sort());
  };
  const complete = (...words: string[]) => completeAll([words])[0] ?? [];

  it('offers the commands and subcommands of the spec', () => {
    expect(complete('')).toEqual([...new Set(COMMAND_KEYS.map((k) => k.split(' ')[0] ?? ''))].sort());
    expect(complete('--lang', 'en', 'st')).toEqual(['standby', 'status', 'stonith']);
    expect(complete('stonith', '')).toEqual(
      COMMAND_KEYS.filter((k) => k.startsWith('stonith '))
        .map((k) => k.split(' ')[1])
        .sort(),
    );
    expect(complete('node', 'watchdog', '')).toEqual(['status', 'test']);
  }, 20_000);

  it("offers each command's own options", () => {
    const offered = completeAll(COMMAND_KEYS.map((key) => [...key.split(' '), '--']));
    COMMAND_KEYS.forEach((key, i) => expect(offered[i], key).toEqual(expect.arrayContaining(optionsOf(specOf(key)))));
    expect(complete('stonith', 'level', 'node1', '--c')).toEqual(['--clear']);
    expect(complete('failover', '--')).not.toContain('--reboot');
  }, 20_000);
});
