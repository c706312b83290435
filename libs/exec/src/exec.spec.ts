import { describe, expect, it } from 'vitest';
import { createExecutor, ExecError } from './exec';
import { REDACTED, redact } from './redact';

describe('exec helper', () => {
  it('passes arguments verbatim, without a shell', async () => {
    const exec = createExecutor();
    const hostile = '$(touch /tmp/sfha-pwned); `id` && echo; *';
    const result = await exec.run('printf', ['%s', hostile]);
    expect(result.stdout).toBe(hostile);
    expect(result.exitCode).toBe(0);
  });

  it('feeds stdin', async () => {
    const result = await createExecutor().run('cat', [], { input: 'agent=fence_x\naction=status\n' });
    expect(result.stdout).toBe('agent=fence_x\naction=status\n');
  });

  it('kills a command that outlives its timeout', async () => {
    const exec = createExecutor();
    const started = Date.now();
    const error = await exec.run('sleep', ['5'], { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecError);
    expect((error as ExecError).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a missing program clearly', async () => {
    const error = await createExecutor()
      .run('sfha-no-such-tool', [])
      .catch((e: unknown) => e);
    expect((error as ExecError).kind).toBe('not-found');
    expect((error as ExecError).message).toContain('sfha-no-such-tool: command not found');
  });

  it('throws on a non-zero exit with the tail of stderr, or resolves when failure is allowed', async () => {
    const exec = createExecutor();
    const error = await exec.run('sh', ['-c', 'echo boom >&2; exit 3']).catch((e: unknown) => e);
    expect((error as ExecError).kind).toBe('failed');
    expect((error as ExecError).result.exitCode).toBe(3);
    expect((error as ExecError).message).toContain('boom');
    const allowed = await exec.run('sh', ['-c', 'exit 2'], { allowFailure: true });
    expect(allowed.exitCode).toBe(2);
  });

  it('masks secrets in the logged command line and in errors', async () => {
    const logged: string[] = [];
    const key = 'cHJpdmF0ZS1rZXktbWF0ZXJpYWwtZG8tbm90LWxlYWs=';
    const exec = createExecutor({ observe: (e) => logged.push(e.commandLine), secrets: () => ['global-secret-1'] });
    await exec.run('echo', ['private-key', key], { secrets: [key] });
    const error = await exec.run('sh', ['-c', `echo "bad key ${key} global-secret-1" >&2; exit 1`], { secrets: [key] }).catch((e: unknown) => e as ExecError);
    const everything = [...logged, (error as ExecError).message, (error as ExecError).result.stderr].join('\n');
    expect(everything).not.toContain(key);
    expect(everything).not.toContain('global-secret-1');
    expect(logged[0]).toBe(`echo private-key ${REDACTED}`);
  });
});

describe('redact', () => {
  it('masks the longest secret first and ignores tiny ones', () => {
    expect(redact('abcdef abcd ab', ['abcd', 'abcdef', 'ab'])).toBe(`${REDACTED} ${REDACTED} ab`);
  });
});
