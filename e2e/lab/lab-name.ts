const LAB_NAME_RULE = /^[a-z][a-z0-9]{0,11}$/;

/** The lab's name from env SFHA_LAB: '' for the default lab. Throws on a name that cannot name namespaces and cgroups. */
export function labName(text: string | undefined): string {
  const name = (text ?? '').trim();
  if (name === '' || name === 'default') return '';
  if (!LAB_NAME_RULE.test(name)) throw new Error(`SFHA_LAB="${name}": a lab name is 1 to 12 lowercase letters and digits, starting with a letter`);
  return name;
}
