import { defineConfig } from "vite";

// The server serves dist/ at / (building the server copies it beside its binaries), and the pages
// call the API on the same origin; `npm run dev` proxies the API to a server on 127.0.0.1:5080.
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "dist", emptyOutDir: true },
  server: { proxy: { "/biobank.v1.": "http://127.0.0.1:5080" } },
});
