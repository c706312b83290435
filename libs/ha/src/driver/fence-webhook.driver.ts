import { redact } from '@sfha/exec';
import { interpretWebhookAnswer, isFenceAction, powerAfter, statusShows, type WebhookOutcome, type WebhookRequest, type WebhookTarget } from '../fence-webhook';
import type { FenceRun } from './fence-agent.driver';

/** Fences through an HTTP endpoint (a PDU's or a cloud API's, a script behind a reverse proxy…). */
export interface FenceWebhookDriver {
  /** off and on are confirmed only once `status` shows the power asked, within `timeoutMs` in all. */
  run(target: WebhookTarget, request: WebhookRequest, options: { timeoutMs: number; secrets: string[] }): Promise<FenceRun>;
}

// Between two `status` requests while the target carries out off or on (fence-agents wait 1 s).
const STATUS_POLL_MS = 500;

export function createFenceWebhookDriver(config: { statusPollMs?: number } = {}): FenceWebhookDriver {
  const pollMs = config.statusPollMs ?? STATUS_POLL_MS;
  return {
    async run(target, request, options) {
      const started = Date.now();
      const deadline = started + options.timeoutMs;
      const done = (outcome: WebhookOutcome | { exitCode: number; output: string }): FenceRun => ({
        exitCode: outcome.exitCode,
        output: redact(outcome.output, options.secrets),
        durationMs: Date.now() - started,
      });
      if (!isFenceAction(request.action)) return done({ exitCode: 1, output: `unknown action "${String(request.action)}" (off, on, reboot or status)` });
      const answer = await post(target, request, options.timeoutMs);
      const expected = powerAfter(request.action);
      if (answer.exitCode !== 0 || !expected) return done(answer);
      let last = 'none';
      // Asked at once, then every pollMs while a whole wait still fits before the deadline.
      while (deadline - Date.now() > 0) {
        const status = await post(target, { ...request, action: 'status' }, deadline - Date.now());
        if (statusShows(expected, status)) return done({ exitCode: 0, output: `${answer.output}; status: ${expected}` });
        last = status.output;
        if (deadline - Date.now() <= pollMs) break;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      return done({ exitCode: 1, output: `${answer.output} but the power was not ${expected} within ${options.timeoutMs} ms (last status: ${last})` });
    },
  };
}

/** One request, read as a fence-agent exit code; a timeout or an unreachable URL is a failure. */
async function post(target: WebhookTarget, request: WebhookRequest, timeoutMs: number): Promise<WebhookOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      headers: { ...target.headers, 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: controller.signal,
      redirect: 'error',
    });
    return interpretWebhookAnswer(request.action, res.status, await res.text());
  } catch (error) {
    const cause = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
    return { exitCode: 1, output: controller.signal.aborted ? `no answer from the webhook in ${timeoutMs} ms` : `webhook unreachable: ${cause}` };
  } finally {
    clearTimeout(timer);
  }
}
