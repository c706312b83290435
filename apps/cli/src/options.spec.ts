import { describe, expect, it } from 'vitest';
import { columns, formatBytes } from './format-table';
import { parseOptions } from './options';

describe('command options', () => {
  it('reads flags, --name value, --name=value and positionals', () => {
    const result = parseOptions(['--cluster', 'prod', '--mesh', '--ip=10.100.0.1/24', 'extra'], ['mesh'], ['cluster', 'ip']);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.options.positional).toEqual(['extra']);
    expect([...result.options.flags]).toEqual(['mesh']);
    expect(Object.fromEntries(result.options.values)).toEqual({ cluster: 'prod', ip: '10.100.0.1/24' });
  });

  it('names an unknown option or a missing value', () => {
    expect(parseOptions(['--bogus'], [], [])).toEqual({ ok: false, problem: 'unknown', option: '--bogus' });
    expect(parseOptions(['--ip'], [], ['ip'])).toEqual({ ok: false, problem: 'missing-value', option: '--ip' });
    expect(parseOptions(['--mesh=yes'], ['mesh'], [])).toEqual({ ok: false, problem: 'unknown', option: '--mesh=yes' });
  });
});

describe('tables', () => {
  it('aligns columns on the widest cell', () => {
    expect(
      columns([
        ['PEER', 'STATE'],
        ['node10', 'connected'],
      ]).split('\n'),
    ).toEqual(['PEER    STATE', 'node10  connected']);
  });

  it('formats byte counts', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
  });
});
