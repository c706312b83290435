/** The replicated cluster configuration (DESIGN.md §4). Resources and fence devices join it next. */
export interface ClusterSettings {
  /** Corosync token timeout, ms. */
  tokenMs: number;
  /** Corosync token coefficient, ms per node over two. */
  tokenCoefficientMs: number;
}

export interface ClusterConfig {
  settings: ClusterSettings;
}

export interface VersionedConfig {
  generation: number;
  config: ClusterConfig;
}

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = { settings: { tokenMs: 1000, tokenCoefficientMs: 0 } };

/** Votes a change needs: a majority of the members. */
export function majority(memberCount: number): number {
  return Math.floor(memberCount / 2) + 1;
}

/** Every problem of a settings patch, for one clear 400. Pure. */
export function settingsProblems(patch: Partial<ClusterSettings>): string[] {
  const problems: string[] = [];
  const check = (key: keyof ClusterSettings, min: number, max: number) => {
    const value = patch[key];
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) problems.push(`${key} must be a whole number of ms from ${min} to ${max}`);
  };
  check('tokenMs', 200, 60_000);
  check('tokenCoefficientMs', 0, 5_000);
  return problems;
}

/** The config with the patch applied. Pure. */
export function applySettings(config: ClusterConfig, patch: Partial<ClusterSettings>): ClusterConfig {
  return { ...config, settings: { ...config.settings, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } };
}

/** Among configs reported by the members, the one with the highest committed generation. */
export function highestCommitted(configs: readonly (VersionedConfig | null)[]): VersionedConfig | null {
  return configs.reduce<VersionedConfig | null>((best, c) => (c && (!best || c.generation > best.generation) ? c : best), null);
}
