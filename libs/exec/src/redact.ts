/** The mask written in place of a secret. */
export const REDACTED = '[REDACTED]';

/**
 * Replaces every occurrence of each secret in `text` with {@link REDACTED}.
 * Longer secrets are masked first so a secret that contains another one is masked whole.
 * Secrets shorter than 4 characters are ignored: masking them would garble ordinary text.
 */
export function redact(text: string, secrets: Iterable<string>): string {
  const sorted = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of sorted) out = out.split(secret).join(REDACTED);
  return out;
}
