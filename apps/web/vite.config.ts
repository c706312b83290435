import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const EARLY_ENTRY = 'src/early/early-entry.ts';

/**
 * The first screen's requests start from a script of their own (src/early), loaded async
 * ahead of the main one so they run while the browser still parses the main bundle.
 */
function earlyRequests(): Plugin {
  return {
    name: 'sfha-early-requests',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = ctx.bundle ? Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'early') : undefined;
        if (ctx.bundle && !chunk) throw new Error('the early-requests chunk is missing from the build');
        const src = chunk ? `/${chunk.fileName}` : `/${EARLY_ENTRY}`;
        return [{ tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src }, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), earlyRequests()],
  resolve: { alias: { '@sfha/contracts': resolve(root, '../../libs/contracts/src/index.ts') } },
  build: {
    outDir: resolve(root, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: { input: { index: resolve(root, 'index.html'), early: resolve(root, EARLY_ENTRY) } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:7780', '/metrics': 'http://127.0.0.1:7780' } },
});
