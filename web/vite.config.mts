import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The dashboard's build. Asset URLs are relative (`base: './'`) so the page works wherever the API is
 * mounted; `scripts/dashboard.ts` runs this build and embeds its output in the dashboard function.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    target: 'es2022',
    // The page is served by a Lambda function: one small script and one stylesheet, nothing inlined.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
