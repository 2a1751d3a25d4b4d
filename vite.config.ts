import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { workspaceAliases } from './vitest.shared.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Builds the designer (`designer/index.html`) into `designer/dist/`, which the server serves at `/`.
 * Workspace packages resolve to their sources, so the designer never waits for their `dist/`.
 * Monaco's editor worker is bundled locally (`?worker` import in designer/src/cel/monaco-setup.ts):
 * the machines that run this have no internet, so no CDN loader.
 */
export default defineConfig({
  root: here('./designer'),
  base: '/',
  plugins: [react()],
  resolve: {
    alias: [...workspaceAliases, { find: /^monaco-esm\//, replacement: `${here('./node_modules/monaco-editor/esm/vs')}/` }],
  },
  build: {
    outDir: here('./designer/dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  worker: { format: 'es' },
  server: {
    proxy: { '/api': process.env.VOICEMAN_API ?? 'http://localhost:3000' },
  },
});
