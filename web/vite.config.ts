import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.SIMPUL_API_URL ?? 'http://127.0.0.1:3000';

/** Groups third-party modules into a few long-lived, cache-friendly chunks. */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('/node_modules/')) return undefined;
  if (/\/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
  // Charts and the graph layout load only with the registry and compliance pages.
  if (/\/node_modules\/(@mantine\/charts|recharts)\//.test(id)) return 'charts';
  if (
    /\/node_modules\/(victory-vendor|d3-[a-z-]+|internmap|redux|redux-thunk|@reduxjs|immer|reselect|react-redux|decimal\.js-light|es-toolkit|eventemitter3|tiny-invariant)\//.test(
      id,
    )
  ) {
    return 'charts-lib';
  }
  if (/\/node_modules\/@dagrejs\//.test(id)) return 'graph';
  if (/\/node_modules\/@mantine\//.test(id) || /\/node_modules\/@floating-ui\//.test(id)) {
    return 'mantine';
  }
  if (/\/node_modules\/(i18next|react-i18next|@tanstack)\//.test(id)) return 'data';
  return 'vendor';
}

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: resolve(webRoot, 'public'),
  plugins: [react()],
  build: {
    outDir: resolve(webRoot, '../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      output: {
        manualChunks: vendorChunk,
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/health': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/health': { target: apiTarget, changeOrigin: false },
    },
  },
});
