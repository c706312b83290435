import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: { '@sfha/contracts': resolve(root, '../../libs/contracts/src/index.ts') } },
  build: { outDir: resolve(root, '../../dist/web'), emptyOutDir: true, sourcemap: false, reportCompressedSize: false },
  server: { proxy: { '/api': 'http://127.0.0.1:7780', '/metrics': 'http://127.0.0.1:7780' } },
});
