// The dashboard's JavaScript (every chunk, lazy pages included) must stay at or under 150 KB gzipped (prints the figure).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const assets = join(import.meta.dirname, '../dist/web/assets');
const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
if (files.length === 0) throw new Error('no JavaScript in dist/web/assets: build the dashboard first');
const kb = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0) / 1024;
console.log(JSON.stringify({ dashboardJsGzipKB: Math.round(kb * 10) / 10, budgetKB: BUDGET_KB, files: files.length }));
if (kb > BUDGET_KB) {
  console.error(`bundle budget: ${kb.toFixed(1)} KB gzipped is over ${BUDGET_KB} KB`);
  process.exit(1);
}
