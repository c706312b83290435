/**
 * Member names (docs/architecture.md, "Member names"): every node can reach another as
 * `<node>.<cluster>.sfha`, through a block of lines sfha keeps in the host's hosts file.
 * The host's resolver stays the admin's; only the lines between the markers are sfha's.
 */

/** The suffix of every member name: not a real top-level domain, so nothing outside answers it. */
export const MEMBER_NAME_SUFFIX = 'sfha';
const BEGIN = '# BEGIN sfha mesh members (managed by sfha-agent: edits here are replaced)';
const END = '# END sfha mesh members';

export interface NamedMember {
  name: string;
  meshIp: string;
}

/** `node2.prod.sfha`: the name `member` has on every node of `cluster`. */
export const memberName = (member: string, cluster: string) => `${member}.${cluster}.${MEMBER_NAME_SUFFIX}`.toLowerCase();

/**
 * The managed block for these members, sorted so it only changes when they do; null when
 * `self` is not one of them (no cluster, or removed from it): a former member names nobody.
 */
export function renderHostsBlock(cluster: string, members: readonly NamedMember[], self: string): string | null {
  if (!members.some((m) => m.name === self)) return null;
  const lines = [...members].sort((a, b) => a.name.localeCompare(b.name)).map((m) => `${m.meshIp}\t${memberName(m.name, cluster)}`);
  return [BEGIN, ...lines, END].join('\n');
}

/**
 * The hosts file with sfha's block replaced by `block` (or removed when null), every other line
 * kept as it was. A block left half-written (a BEGIN with no END) is dropped to the end of file.
 */
export function withHostsBlock(current: string, block: string | null): string {
  const lines = current.split('\n');
  const begin = lines.indexOf(BEGIN);
  const endAt = begin < 0 ? -1 : lines.indexOf(END, begin);
  const kept = begin < 0 ? lines : [...lines.slice(0, begin), ...(endAt < 0 ? [] : lines.slice(endAt + 1))];
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  const body = kept.join('\n');
  if (block === null) return body ? `${body}\n` : '';
  return body ? `${body}\n${block}\n` : `${block}\n`;
}
