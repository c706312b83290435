import { describe, expect, it } from 'vitest';
import { SECRET_MASK } from './fence-secrets';
import { maskedNotifyTarget, notifyTargetProblems, notifyTargetSecrets, targetWants, unmaskedNotifyTarget, type NotifyTarget } from './notify-targets';

const common = { events: 'incidents', minLevel: 'info', language: 'fr' } as const;
const webhook: NotifyTarget = { ...common, name: 'ops', kind: 'webhook', url: 'https://hooks.example.test/sfha', secret: 's3cret' };
const email: NotifyTarget = {
  ...common,
  name: 'mail',
  kind: 'email',
  host: 'smtp.example.test',
  port: 587,
  tls: 'starttls',
  user: 'sfha',
  password: 'pw',
  from: 'sfha@example.test',
  to: ['ops@example.test'],
};

describe('notifyTargetProblems', () => {
  it('accepts each kind well formed', () => {
    expect(notifyTargetProblems(webhook)).toEqual([]);
    expect(notifyTargetProblems(email)).toEqual([]);
    expect(notifyTargetProblems({ ...common, name: 'phone', kind: 'ntfy', url: 'https://ntfy.sh', topic: 'sfha-alerts' })).toEqual([]);
    expect(notifyTargetProblems({ ...common, name: 'g', kind: 'gotify', url: 'http://gotify.lan:8080', token: 'AbC' })).toEqual([]);
    expect(notifyTargetProblems({ ...common, name: 'local', kind: 'script', path: '/usr/local/bin/on-incident' })).toEqual([]);
  });
  it('names the field of each bad input', () => {
    // Never echoed: a URL often carries a token.
    expect(notifyTargetProblems({ ...webhook, url: 'not a url?key=t0ken' })).toEqual(['url is not a valid URL (e.g. https://hooks.example/sfha)']);
    expect(notifyTargetProblems({ ...webhook, url: 'https://bot:pw@hooks.example.test/' })).toEqual(["url must not carry credentials (user:password@): use the target's secret or token"]);
    expect(notifyTargetProblems({ ...webhook, url: 'ftp://x.test/' })).toEqual(['url must be an http:// or https:// URL, not ftp:']);
    expect(notifyTargetProblems({ ...email, to: ['ops@example.test', 'nobody'] })).toEqual(['to[1] is not an email address: "nobody"']);
    expect(notifyTargetProblems({ ...email, from: 'me' })).toEqual(['from must be an email address (got "me")']);
    expect(notifyTargetProblems({ ...email, port: 0, tls: 'ssl' })).toEqual(['port must be a whole number from 1 to 65535', 'tls must be one of none, starttls, tls']);
    expect(notifyTargetProblems({ ...common, name: 'local', kind: 'script', path: 'on-incident.sh' })).toEqual(['path must be an absolute path to an executable (got "on-incident.sh")']);
    expect(notifyTargetProblems({ ...common, name: 'x', kind: 'pager' })).toEqual(['kind must be one of webhook, email, ntfy, gotify, script (got "pager")']);
    expect(notifyTargetProblems({ ...webhook, name: 'Bad Name', minLevel: 'loud' })).toEqual([
      'name must be 1-63 lowercase letters, digits, dashes or underscores',
      'minLevel must be one of info, warn, error',
    ]);
    expect(notifyTargetProblems({ ...webhook, topic: 'x' })[0]).toMatch(/^unknown field topic for a webhook target/);
  });
});

describe('secrets', () => {
  it('are masked in answers, and a mask sent back keeps the stored value', () => {
    expect(maskedNotifyTarget(webhook)).toMatchObject({ secret: SECRET_MASK, url: 'https://hooks.example.test/sfha' });
    expect(maskedNotifyTarget(email)).toMatchObject({ password: SECRET_MASK, user: 'sfha' });
    expect(unmaskedNotifyTarget(maskedNotifyTarget(email), email)).toEqual({ target: email, problems: [] });
  });
  it('query values of a URL are secrets too: masked, restored from the mask, redacted from logs', () => {
    const keyed: NotifyTarget = { ...common, name: 'g', kind: 'gotify', url: 'https://gotify.lan/message?key=t0ken', token: 'AbC' };
    const shown = maskedNotifyTarget(keyed);
    expect(shown).toMatchObject({ url: `https://gotify.lan/message?key=${SECRET_MASK}`, token: SECRET_MASK });
    expect(unmaskedNotifyTarget(shown, keyed)).toEqual({ target: keyed, problems: [] });
    expect(unmaskedNotifyTarget(shown, undefined).problems).toContain(`url has a masked query value ("${SECRET_MASK}") but is not the stored URL: send its values`);
    expect(notifyTargetSecrets(keyed)).toEqual(['AbC', 't0ken']);
  });
  it('a mask with nothing stored behind it is a problem, not a stored mask', () => {
    expect(unmaskedNotifyTarget({ ...webhook, secret: SECRET_MASK }, undefined).problems).toEqual([`secret is "${SECRET_MASK}" but no value is stored for it: send the value itself`]);
  });
});

describe('targetWants', () => {
  it('filters by the minimum level', () => {
    expect(targetWants({ minLevel: 'warn' }, 'info')).toBe(false);
    expect(targetWants({ minLevel: 'warn' }, 'error')).toBe(true);
    expect(targetWants({ minLevel: 'info' }, 'info')).toBe(true);
  });
});
