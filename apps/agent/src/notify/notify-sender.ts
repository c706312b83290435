import type { Executor } from '@sfha/exec';
import type { EmailNotifyTarget, NotifyTarget } from '@sfha/ha';
import { createTransport } from 'nodemailer';
import type { Incident } from '../incidents/group-incidents';
import type { NotifyMessage } from './notify-message';
import { gotifyRequest, ntfyRequest, scriptInvocation, webhookRequest, type HttpNotification } from './notify-requests';
import { SEND_TIMEOUT_MS } from './retry-schedule';

/** Who sends, about what: the context every kind of target needs. */
export interface SendContext {
  cluster: string;
  sender: string;
  incident: Incident | null;
  timeoutMs?: number;
}

/** The driver of notifications: the only code that talks to a target. Every send has a timeout. */
export interface NotifySender {
  send(target: NotifyTarget, message: NotifyMessage, context: SendContext): Promise<void>;
}

async function post(request: HttpNotification, timeoutMs: number): Promise<void> {
  const answer = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' }).catch((error: unknown) => {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    throw new Error(e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message));
  });
  await answer.body?.cancel().catch(() => undefined);
  if (answer.status < 200 || answer.status > 299) throw new Error(`HTTP ${answer.status}`);
}

async function mail(target: EmailNotifyTarget, message: NotifyMessage, timeoutMs: number): Promise<void> {
  const transport = createTransport({
    host: target.host,
    port: target.port,
    secure: target.tls === 'tls',
    requireTLS: target.tls === 'starttls',
    ignoreTLS: target.tls === 'none',
    auth: target.user ? { user: target.user, pass: target.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({ from: target.from, to: target.to, subject: message.title, text: message.text });
  } finally {
    transport.close();
  }
}

export function createNotifySender(exec: Executor): NotifySender {
  return {
    async send(target, message, context) {
      const timeoutMs = context.timeoutMs ?? SEND_TIMEOUT_MS;
      switch (target.kind) {
        case 'webhook':
          return post(
            webhookRequest(target, {
              source: 'sfha',
              cluster: context.cluster,
              target: target.name,
              event: message.kind,
              level: message.level,
              title: message.title,
              text: message.text,
              sender: context.sender,
              sentAt: new Date().toISOString(),
              incident: context.incident,
            }),
            timeoutMs,
          );
        case 'ntfy':
          return post(ntfyRequest(target, message), timeoutMs);
        case 'gotify':
          return post(gotifyRequest(target, message), timeoutMs);
        case 'email':
          return mail(target, message, timeoutMs);
        case 'script': {
          const { args, env } = scriptInvocation(message, context.incident, { cluster: context.cluster, target: target.name, sender: context.sender });
          await exec.run(target.path, args, { env, timeoutMs });
          return;
        }
      }
    },
  };
}
