import { redact } from '@sfha/exec';
import { interpretWebhookAnswer, isFenceAction, type WebhookRequest, type WebhookTarget } from '../fence-webhook';
import type { FenceRun } from './fence-agent.driver';

/** Fences through an HTTP endpoint (a PDU's or a cloud API's, a script behind a reverse proxy…). */
export interface FenceWebhookDriver {
  run(target: WebhookTarget, request: WebhookRequest, options: { timeoutMs: number; secrets: string[] }): Promise<FenceRun>;
}

export function createFenceWebhookDriver(): FenceWebhookDriver {
  return {
    async run(target, request, options) {
      const started = Date.now();
      const done = (exitCode: number, output: string): FenceRun => ({ exitCode, output: redact(output, options.secrets), durationMs: Date.now() - started });
      if (!isFenceAction(request.action)) return done(1, `unknown action "${String(request.action)}" (off, on, reboot or status)`);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), options.timeoutMs);
      try {
        const res = await fetch(target.url, {
          method: 'POST',
          headers: { ...target.headers, 'content-type': 'application/json' },
          body: JSON.stringify(request),
          signal: controller.signal,
          redirect: 'error',
        });
        const outcome = interpretWebhookAnswer(request.action, res.status, await res.text());
        return done(outcome.exitCode, outcome.output);
      } catch (error) {
        return done(1, controller.signal.aborted ? `no answer from the webhook in ${options.timeoutMs} ms` : `webhook unreachable: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
