import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who the current request acts as (`alice`, `token ci (alice)`, `root@node1`), for the audit
 * trail: every event recorded while a request is handled names it without each service
 * passing it along. Empty outside requests (the engine's own decisions).
 */
const storage = new AsyncLocalStorage<string>();

export function runAs<T>(actor: string, work: () => T): T {
  return storage.run(actor, work);
}

export function currentActor(): string | undefined {
  return storage.getStore();
}
