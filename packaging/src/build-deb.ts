/**
 * `npm run package`: builds dist/pkg/sfha_<version>_<arch>.deb from the built dist/ with
 * dpkg-deb. Layout:
 *   /opt/sfha/node/bin/node        the Node.js the build ran on (stripped), with its LICENSE
 *   /opt/sfha/dist/{agent,cli,web} the built agent, CLI and dashboard
 *   /opt/sfha/node_modules         the runtime packages only (see runtime-modules.ts)
 *   /opt/sfha/bin/{sfha,sfha-agent}, /usr/bin/sfha → /opt/sfha/bin/sfha
 *   /lib/systemd/system/sfha-agent.service, /etc/sfha/agent.env (conffile)
 *   man page, bash completion, /usr/share/doc/sfha (install and troubleshooting guides)
 * Environment: SFHA_PKG_VERSION overrides the version (e.g. a second build for an upgrade test):
 * the package's and the one the agent and CLI announce (their package.json copies are stamped).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { changelog, controlFile, CONFFILES, PACKAGED, COPYRIGHT, debFileName, debianArch, debianVersion, manPage, PACKAGE_NAME, type PackageFacts } from './deb-metadata';
import { jsFiles, requiredPackages, resolvesFrom, runtimeClosure } from './runtime-modules';

const REPO = resolve(__dirname, '../..');
const OUT_DIR = join(REPO, 'dist/pkg');
/** Loaded by Nest at run time by name, so not found by scanning require() calls. */
const DYNAMIC_PACKAGES = ['@nestjs/platform-express'];
/**
 * Files of npm packages that nothing reads at run time: docs, types, source maps, tool configs.
 * Folders are not judged by their name (yaml's runtime code lives in dist/doc/), except
 * __tests__ and .github.
 */
const NOT_RUNTIME = /(\/\.[^/]+$|\.d\.[cm]?ts$|\.ts$|\.map$|\/(README|CHANGELOG|HISTORY|CONTRIBUTING)[^/]*$|\.md$|\/(__tests__|\.github)$)/i;
/** Parts of runtime packages that only their own build or tests use. */
const TRIM: Record<string, string[]> = {
  'better-sqlite3': [
    'deps',
    'src',
    'build/Release/obj',
    'build/Release/obj.target',
    'build/Release/.deps',
    'build/Release/test_extension.node',
    'build/Release/sqlite3.a',
    'build/deps',
    'build/Makefile',
    'build/config.gypi',
  ],
};

export interface BuiltPackage {
  file: string;
  facts: PackageFacts;
  /** Seconds the build took. */
  seconds: number;
}

const run = (file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) => execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });

function put(root: string, path: string, content: string | Buffer, mode = 0o644): void {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
  writeFileSync(target, content);
  chmodSync(target, mode);
}

function duKiB(dir: string): number {
  return Number(run('du', ['-sk', '--apparent-size', dir]).split('\t')[0]);
}

function stageNodeModules(root: string): void {
  const entries = [...new Set([...['agent', 'cli'].flatMap((app) => jsFiles(join(REPO, 'dist', app)).flatMap((f) => requiredPackages(readFileSync(f, 'utf8')))), ...DYNAMIC_PACKAGES])];
  for (const dir of runtimeClosure(REPO, entries)) {
    const rel = relative(REPO, dir);
    const name = rel.replace(/^node_modules\//, '');
    const trimmed = (TRIM[name] ?? []).map((p) => join(dir, p));
    cpSync(dir, join(root, 'opt/sfha', rel), {
      recursive: true,
      dereference: true,
      filter: (src) => !trimmed.some((t) => src === t || src.startsWith(`${t}/`)) && !NOT_RUNTIME.test(src.slice(dir.length)),
    });
  }
  // Nothing in node_modules is run directly (the agent requires it): no executable bits, so no
  // script needs its interpreter, and the native addon is a library, not a program.
  run('find', [join(root, 'opt/sfha/node_modules'), '-type', 'f', '-exec', 'chmod', '0644', '{}', '+']);
  for (const addon of run('find', [join(root, 'opt/sfha/node_modules'), '-name', '*.node', '-type', 'f'])
    .split('\n')
    .filter(Boolean))
    run('strip', ['--strip-unneeded', addon]);
  const missing = entries.filter((name) => !resolvesFrom(name, join(root, 'opt/sfha/dist/agent')));
  if (missing.length > 0) throw new Error(`staged node_modules cannot resolve: ${missing.join(', ')}`);
}

function stageNode(root: string): void {
  const node = join(root, 'opt/sfha/node/bin/node');
  mkdirSync(dirname(node), { recursive: true });
  copyFileSync(process.execPath, node);
  chmodSync(node, 0o755);
  // Symbols are for debuggers; native addons link against the dynamic symbols, which stay.
  run('strip', ['--strip-unneeded', node]);
  const license = [join(dirname(process.execPath), '../share/doc/nodejs/LICENSE'), join(dirname(process.execPath), '../LICENSE'), '/usr/share/doc/nodejs/copyright'].find(existsSync);
  put(root, 'opt/sfha/node/LICENSE', license ? readFileSync(license) : `Node.js ${process.version}: MIT License, see https://github.com/nodejs/node/blob/${process.version}/LICENSE\n`);
}

function stageDocs(root: string, version: string, now: Date): void {
  const cli = join(root, 'opt/sfha/dist/cli/apps/cli/src/main.js');
  // Both come from the CLI's command spec, through the built CLI: they cannot differ from it.
  const node = join(root, 'opt/sfha/node/bin/node');
  put(root, 'usr/share/man/man1/sfha.1.gz', gzipSync(manPage(version, run(node, [cli, '--lang=en', 'help']), now), { level: 9 }));
  put(root, 'usr/share/bash-completion/completions/sfha', run(node, [cli, 'completion']));
  put(root, 'usr/share/doc/sfha/copyright', COPYRIGHT);
  put(root, 'usr/share/doc/sfha/changelog.gz', gzipSync(changelog(version, now), { level: 9 }));
  for (const doc of ['install.md', 'troubleshooting.md']) if (existsSync(join(REPO, 'docs', doc))) put(root, `usr/share/doc/sfha/${doc}`, readFileSync(join(REPO, 'docs', doc)));
  put(root, 'usr/share/lintian/overrides/sfha', readFileSync(join(REPO, 'packaging/debian/lintian-overrides')));
}

/** The agent and CLI read their release from the package.json tsc copied next to them (apps/agent/src/version.ts, apps/cli/src/version.ts): it says the package's. */
function stampVersion(root: string, version: string): void {
  for (const app of ['agent', 'cli']) {
    const file = join(root, 'opt/sfha/dist', app, 'package.json');
    if (!existsSync(file)) throw new Error(`dist/${app}/package.json is missing: the ${app} reads its version there`);
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
  }
}

export function buildPackage(options: { version?: string; outDir?: string } = {}): BuiltPackage {
  const started = Date.now();
  for (const app of ['agent', 'cli', 'web']) if (!existsSync(join(REPO, 'dist', app))) throw new Error(`dist/${app} is missing: run npm run build first`);
  const npmVersion = options.version ?? process.env.SFHA_PKG_VERSION ?? (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
  const version = debianVersion(npmVersion);
  const arch = debianArch(process.arch);
  const outDir = options.outDir ?? OUT_DIR;
  const root = join(outDir, `${PACKAGE_NAME}_${version}_${arch}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'opt/sfha/dist'), { recursive: true });
  const now = new Date();

  for (const app of ['agent', 'cli', 'web']) cpSync(join(REPO, 'dist', app), join(root, 'opt/sfha/dist', app), { recursive: true, filter: (src) => !src.endsWith('.map') });
  stampVersion(root, npmVersion);
  stageNodeModules(root);
  stageNode(root);
  for (const bin of ['sfha', 'sfha-agent']) put(root, `opt/sfha/bin/${bin}`, readFileSync(join(REPO, 'packaging/files', bin)), 0o755);
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  symlinkSync('/opt/sfha/bin/sfha', join(root, PACKAGED.cli));
  put(root, 'lib/systemd/system/sfha-agent.service', readFileSync(join(REPO, 'packaging/files/sfha-agent.service')));
  put(root, 'etc/sfha/agent.env', readFileSync(join(REPO, 'packaging/files/agent.env')));
  stageDocs(root, version, now);

  const facts: PackageFacts = { version, arch, installedSizeKiB: duKiB(root), nodeVersion: process.version };
  put(root, 'DEBIAN/control', controlFile(facts));
  put(root, 'DEBIAN/conffiles', `${CONFFILES.join('\n')}\n`);
  for (const script of ['postinst', 'prerm', 'postrm']) put(root, `DEBIAN/${script}`, readFileSync(join(REPO, 'packaging/debian', script)), 0o755);
  run('chmod', ['-R', 'u+rwX,go+rX,go-w', join(root, 'opt'), join(root, 'usr')]);

  const file = join(outDir, debFileName(facts));
  rmSync(file, { force: true });
  // Files owned by root whoever builds. gzip: xz took minutes on this 110 MB tree (lintian refuses zstd).
  run('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', root, file]);
  rmSync(root, { recursive: true, force: true });
  return { file, facts, seconds: (Date.now() - started) / 1000 };
}

if (require.main === module) {
  try {
    const built = buildPackage();
    process.stdout.write(
      `${relative(REPO, built.file)}: ${(statSync(built.file).size / 1024 / 1024).toFixed(1)} MiB, installed ${(built.facts.installedSizeKiB / 1024).toFixed(0)} MiB, built in ${built.seconds.toFixed(0)} s\n`,
    );
  } catch (error) {
    process.stderr.write(`package: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
