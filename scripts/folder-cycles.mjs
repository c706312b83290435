// Fails when the folders of a source tree import each other in a cycle (e.g. resources/ → ha/ → resources/),
// even where no single file cycle exists. Usage: node scripts/folder-cycles.mjs apps/agent/src
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

const root = resolve(process.argv[2] ?? 'apps/agent/src');
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.spec\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
const folderOf = (file) => relative(root, file).split(sep)[0];
const edges = new Map();
for (const file of files(root)) {
  const from = folderOf(file);
  // Type-only imports vanish at run time and do not tie modules together.
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'(\.[^']+)'/gm)) {
    const to = folderOf(resolve(dirname(file), spec));
    if (to && to !== from && !to.startsWith('..')) (edges.get(from) ?? edges.set(from, new Set()).get(from)).add(to);
  }
}
const cycles = [];
const visit = (node, path) => {
  for (const next of edges.get(node) ?? []) {
    if (path.includes(next)) cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
    else visit(next, [...path, next]);
  }
};
for (const start of edges.keys()) visit(start, [start]);
const unique = [
  ...new Set(
    cycles.map((c) => {
      const n = c.split(' → ').slice(0, -1);
      const i = n.indexOf([...n].sort()[0]);
      return [...n.slice(i), ...n.slice(0, i), n[i]].join(' → ');
    }),
  ),
];
if (unique.length > 0) {
  console.error(`folder cycles in ${relative(process.cwd(), root)}:\n${unique.map((c) => `  ${c}`).join('\n')}`);
  process.exit(1);
}
console.log(`no folder cycles in ${relative(process.cwd(), root)} (${edges.size} folders with imports)`);
