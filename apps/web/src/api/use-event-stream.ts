import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { rootsToRefresh, SseParser, type ClusterEvent } from './event-stream';
import { sessionStore, useSessionToken } from './session-store';

const RETRY_MS = 2_000;
const connectionListeners = new Set<() => void>();
let connected = false;

function setConnected(next: boolean): void {
  if (connected === next) return;
  connected = next;
  connectionListeners.forEach((l) => l());
}

/** Whether the live stream is open now (the timeline shows "live" only then). */
export function useEventStreamConnected(): boolean {
  return useSyncExternalStore(
    (listener) => {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    () => connected,
  );
}

async function readStream(token: string, signal: AbortSignal, onEvent: (event: ClusterEvent) => void): Promise<void> {
  // EventSource cannot send the bearer header: read the SSE stream with fetch instead.
  const response = await fetch('/api/v1/events/stream', { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal });
  if (response.status === 401) {
    sessionStore.end('expired');
    return;
  }
  if (!response.ok || !response.body) throw new Error(`event stream: HTTP ${response.status}`);
  const parser = new SseParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  setConnected(true);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.push(value).forEach(onEvent);
    }
  } finally {
    setConnected(false);
  }
}

/**
 * Follows /api/v1/events/stream while signed in and refreshes the queries of the domain
 * each event touches, so every page updates live. Mounted once, in the signed-in shell.
 */
export function useEventStream(): void {
  const queryClient = useQueryClient();
  const token = useSessionToken();
  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    const onEvent = (event: ClusterEvent) => {
      rootsToRefresh(event.category).forEach((root) => void queryClient.invalidateQueries({ queryKey: [root] }));
    };
    const follow = async () => {
      while (!controller.signal.aborted) {
        await readStream(token, controller.signal, onEvent).catch(() => undefined);
        // Events missed while disconnected: refetching the timeline catches up.
        void queryClient.invalidateQueries({ queryKey: ['events'] });
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    };
    void follow();
    return () => controller.abort();
  }, [token, queryClient]);
}
