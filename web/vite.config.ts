import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:8470';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: {
        // The UI imports plain constants (roles, permissions) from protocol modules that also
        // build zod schemas at top level. Marking `z.*()` pure lets those unused schemas, and
        // with them all of zod, drop out of the bundle. No bundled dependency calls a `z`.
        manualPureFunctions: ['z'],
      },
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/healthz': api,
      '/readyz': api,
      '/metrics': api,
    },
  },
});
