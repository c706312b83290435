/**
 * Budget: the dashboard's overview is usable (members table rendered with its rows) within
 * 1 s of navigation, on a 3-node lab cluster, in Debian's chromium. N cold loads (a new
 * browser context each: no cache, no warm JavaScript), timed in the page from navigation
 * start. Prints one JSON document; exits 1 when the 95th percentile is over the budget (one
 * outlier in 20 loads, e.g. a busy machine's hiccup, is reported but tolerated).
 *
 *   npm run bench:overview           (root; takes the lab over: it runs `lab down` first and last)
 *   npm run bench:overview -- 30     (samples, default 20)
 *   npm run bench:overview -- 20 --report   (prints the figures; over the budget is said, exit 0)
 */
import { chromium } from '@playwright/test';
import { formCluster } from '../lab/cluster-helpers';
import { machineUrl } from '../lab/lab-layout';
import { holdLabForRun } from '../lab/lab-lock';
import { labOk } from '../lab/lab-runner';

const BUDGET_MS = 1000;
const PASSWORD = 'overview benchmark password';
const args = process.argv.slice(2);
/** --report: the figures are printed and a p95 over the budget is said, not failed (the suite's use: timings on a shared machine are a benchmark's, not a test's). */
const reportOnly = args.includes('--report');
const count = args.find((a) => a !== '--report');
const samples = Number(count ?? 20);
if (!Number.isInteger(samples) || samples < 1) throw new Error(`the number of loads must be a whole number ≥ 1, got "${count}"`);

async function adminToken(baseUrl: string): Promise<{ token: string; expiresAt: string }> {
  const setupCode = labOk('setup-code', 'node1').trim();
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as { accessToken: string; expiresAt: string };
  };
  const session = await post('/api/v1/auth/setup', { password: PASSWORD, setupCode });
  return { token: session.accessToken, expiresAt: session.expiresAt };
}

/** Set in the page before any of its scripts: when the members table first has rows, in ms from navigation start. */
function recordUsable(): void {
  const w = window as unknown as { usableAt?: number };
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="members-table"] tbody tr')) {
      w.usableAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

/** The requests the overview waits for, in the order it makes them: where a slow load spends its time. */
const STEPS: [string, RegExp][] = [
  ['script', /^\/assets\/index-.*\.js$/],
  ['authState', /^\/api\/v1\/auth\/state$/],
  ['nodeStatus', /^\/api\/v1\/status$/],
  ['clusterStatus', /^\/api\/v1\/cluster\/status$/],
];
const steps: Record<string, { start: number; end: number }[]> = {};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function main(): Promise<number> {
  await holdLabForRun();
  await formCluster();
  const baseUrl = machineUrl(1);
  const session = await adminToken(baseUrl);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const times: number[] = [];
  try {
    // One load first, not counted: it starts chromium's renderer and network processes.
    for (let i = 0; i <= samples; i++) {
      const context = await browser.newContext({ locale: 'fr-FR' });
      // The admin is signed in (the dashboard keeps the session in sessionStorage).
      await context.addInitScript((s) => sessionStorage.setItem('sfha.session', JSON.stringify(s)), session);
      await context.addInitScript(recordUsable);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/`);
      await page.waitForSelector('[data-testid="members-table"] tbody tr', { timeout: 10_000 });
      const usableAt = await page.evaluate(() => (window as unknown as { usableAt?: number }).usableAt ?? NaN);
      const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd })));
      if (i > 0) {
        times.push(Math.round(usableAt));
        for (const [label, match] of STEPS) {
          const entry = entries.find((e) => match.test(new URL(e.name).pathname));
          if (entry) (steps[label] ??= []).push({ start: entry.start, end: entry.end });
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
    labOk('down');
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = (values: number[]) =>
    Math.round(
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      ),
    );
  // Median start and end of each request, in ms from navigation start.
  const requestsMs = Object.fromEntries(Object.entries(steps).map(([label, list]) => [label, { start: median(list.map((e) => e.start)), end: median(list.map((e) => e.end)) }]));
  const result = {
    benchmark: 'overview-usable',
    samples: times.length,
    budgetMs: BUDGET_MS,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted.at(-1) ?? NaN,
    requestsMs,
    timesMs: times,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  // Every load must have rendered the members table (a load that did not threw above).
  if (times.some((t) => !Number.isFinite(t))) throw new Error('a load rendered the members table without the page recording when');
  if (!(result.p95Ms <= BUDGET_MS)) {
    process.stderr.write(`overview budget: p95 ${result.p95Ms} ms is over ${BUDGET_MS} ms${reportOnly ? ' (reported only: --report)' : ''}\n`);
    return reportOnly ? 0 : 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    labOk('down');
    process.exit(1);
  },
);
