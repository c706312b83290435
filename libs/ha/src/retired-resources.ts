import type { Resource, ResourceGroup } from './resources';

/** What makes a resource the same thing on the host: editing anything else (a health check) does not restart it. */
function identity(r: Resource): string {
  switch (r.kind) {
    case 'vip':
      return JSON.stringify([r.kind, r.name, r.address, r.interface, r.network ?? 'lan']);
    case 'process':
      return JSON.stringify([r.kind, r.name, r.command]);
    case 'systemd':
      return JSON.stringify([r.kind, r.name, r.unit]);
  }
}

/**
 * The resources of `applied` (the groups as a node last ran them) that `current` (the config
 * now) no longer has: a group removed, a resource removed from its group, or changed into
 * another thing (a VIP's address, a process's command, a unit). They must be stopped where
 * they run; one group per old group, resources in their order (stopped in reverse).
 */
export function retiredResources(applied: readonly ResourceGroup[], current: readonly ResourceGroup[]): ResourceGroup[] {
  return applied
    .map((old) => {
      const now = new Set(current.find((g) => g.name === old.name)?.resources.map(identity) ?? []);
      return { ...old, resources: old.resources.filter((r) => !now.has(identity(r))) };
    })
    .filter((g) => g.resources.length > 0);
}

/** A retired resource's key in observations: its group and what it is (a name may come back as another thing). */
export function retiredKey(group: string, r: Resource): string {
  return `${group}\n${identity(r)}`;
}

/** `pending` plus `more`, each retired resource once. */
export function mergeRetired(pending: readonly ResourceGroup[], more: readonly ResourceGroup[]): ResourceGroup[] {
  const seen = new Set<string>();
  const merged: ResourceGroup[] = [];
  for (const group of [...pending, ...more]) {
    const resources = group.resources.filter((r) => {
      const key = retiredKey(group.name, r);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (resources.length > 0) merged.push({ ...group, resources });
  }
  return merged;
}
