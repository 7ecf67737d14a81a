// `web/dist/dashboard.site` is written by `npm run build` (scripts/dashboard.ts) and bundled by esbuild's
// JSON loader (serverless.ts). Declared here so that type-checking does not depend on a build.
declare module '*/dashboard.site' {
  const site: import('../../lib/dashboard/site').EmbeddedSite;
  export default site;
}
