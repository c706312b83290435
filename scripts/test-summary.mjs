// Adds up the runners' JSON reports into one closing line: "tests: N passed, M failed".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
const lines = [];
for (const file of readdirSync(dir).sort()) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  // Vitest: numPassedTests/numFailedTests; Playwright: stats.expected/unexpected/flaky.
  const p = report.numPassedTests ?? report.stats?.expected ?? 0;
  const f = report.numFailedTests ?? (report.stats ? report.stats.unexpected + report.stats.flaky : 0);
  passed += p;
  failed += f;
  lines.push(`  ${file.replace('.json', '').padEnd(12)} ${p} passed, ${f} failed`);
}
console.log(`\n${lines.join('\n')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
