import { builtinModules, createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** Bare package names a built file requires (`require("x")`, `require("@scope/x/sub")` → `@scope/x`). */
export function requiredPackages(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/require\(["']([^"'./][^"']*)["']\)/g)) {
    const spec = match[1] ?? '';
    if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0] ?? '')) continue;
    const parts = spec.split('/');
    names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec));
  }
  return [...names].sort();
}

/** Every `.js` file under a directory. */
export function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** The directory of package `name` as Node would find it from `fromDir`, or null. */
function packageDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return dirname(candidate);
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The package directories (under `root`/node_modules) the runtime needs: the packages the built
 * code requires and, recursively, their dependencies and the peers that are installed. What the
 * build uses (TypeScript, Vite, Nx…) is not among them. A missing required package is an error;
 * a missing optional or peer one is not (it is optional at run time too).
 */
export function runtimeClosure(root: string, entryPackages: readonly string[]): string[] {
  const seen = new Set<string>();
  const missing: string[] = [];
  const visit = (name: string, fromDir: string, required: boolean) => {
    const dir = packageDir(name, fromDir);
    if (!dir) {
      if (required) missing.push(`${name} (needed from ${relative(root, fromDir) || '.'})`);
      return;
    }
    // Type declarations are for the compiler only.
    if (seen.has(dir) || name.startsWith('@types/')) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, !(dep in (manifest.optionalDependencies ?? {})));
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(manifest.peerDependencies ?? {})) visit(dep, dir, false);
  };
  for (const name of entryPackages) visit(name, root, true);
  if (missing.length > 0) throw new Error(`runtime packages missing from node_modules: ${missing.join(', ')} (run npm ci)`);
  // A package nested in another one's node_modules is copied with it.
  const dirs = [...seen].sort();
  return dirs.filter((d) => !dirs.some((other) => other !== d && d.startsWith(`${other}${sep}`)));
}

/** Checks that `name` resolves from `dir` (used on the staged tree). */
export function resolvesFrom(name: string, dir: string): boolean {
  try {
    createRequire(join(dir, 'x.js')).resolve(name);
    return true;
  } catch {
    return false;
  }
}
