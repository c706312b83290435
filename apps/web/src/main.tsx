import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { sessionStore } from './api/session-store';
import { authStateQuery } from './api/use-auth';
import { clusterStatusQuery } from './api/use-cluster-queries';
import { nodeStatusQuery } from './api/use-node-queries';
import { App } from './app';
import { I18nProvider } from './i18n/i18n';
import './styles.css';

/** The longest the first render waits for the first screen's answers (then it shows "loading" as usual). */
const FIRST_SCREEN_WAIT_MS = 1_000;

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true }, mutations: { retry: false } },
});

/**
 * The first screen's answers are already on their way (src/early): taken into the cache before
 * the first render, the overview renders whole at once instead of one request per render
 * (auth state, then this node, then the membership).
 */
function firstScreen(): Promise<unknown> {
  // No retry here: a node in no cluster answers 404 for the membership, at once.
  const signedIn = sessionStore.token() ? [queryClient.prefetchQuery({ ...nodeStatusQuery, retry: false }), queryClient.prefetchQuery({ ...clusterStatusQuery, retry: false })] : [];
  const answers = Promise.all([queryClient.prefetchQuery({ ...authStateQuery, retry: false }), ...signedIn]);
  return Promise.race([answers, new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT_MS))]);
}

const root = document.getElementById('root');
if (root) {
  void firstScreen().then(() =>
    createRoot(root).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <I18nProvider>
            <App />
          </I18nProvider>
        </QueryClientProvider>
      </StrictMode>,
    ),
  );
}
