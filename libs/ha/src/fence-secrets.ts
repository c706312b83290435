/**
 * Secrets of fence devices (agent passwords, webhook headers, webhook URL query values) come
 * back as {@link SECRET_MASK}; sent back unchanged, the mask keeps the stored value.
 */
export const SECRET_MASK = '********';

/**
 * The values to store: each a string, a mask replaced by the stored value. Problems name
 * each non-string value and each mask with nothing stored behind it. Pure.
 */
export function unmaskedValues(field: string, sent: Record<string, unknown>, stored: Record<string, string> | undefined): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(sent)) {
    if (typeof value !== 'string') problems.push(`${field} ${name} must be a string, not ${value === null ? 'null' : typeof value}`);
    else if (value !== SECRET_MASK) values[name] = value;
    else if (stored?.[name] !== undefined) values[name] = stored[name];
    else problems.push(`${field} ${name} is "${SECRET_MASK}" but no value is stored for it: send the value itself`);
  }
  return { values, problems };
}
