// `npm run build`: compiles the service into one CommonJS file, dist/apps/api/src/main.js (with a
// source map back to the TypeScript).
//
// Each TypeScript file goes through SWC with the settings of Nest's SWC builder (legacy decorators
// with their design-time metadata, which Nest's dependency injection reads, and class names kept);
// esbuild then folds the entry point and everything it loads at start-up into the one file,
// resolving the @app/* aliases from tsconfig.json.
//
// Why one file: NestJS 12 publishes ES modules only. Loaded one by one through Node's require(esm),
// resolving, lexing and linking a few hundred files cost about a second of CPU before the first line
// of the service ran. Why not `nest build` first: the Nest CLI takes about two seconds to start,
// which alone would put `npm start` (build, then start) over its budget. `nest start --watch`
// (npm run start:dev) still uses Nest's SWC builder, configured in nest-cli.json.
//
// Packages the service loads only when first needed (LangChain and the OpenAI client, the MCP SDK,
// the Redis client, OpenTelemetry's SDK) stay outside the bundle and load from node_modules, so the
// file stays small and they keep costing nothing at start-up.
import { transformFile } from '@swc/core';
import { build } from 'esbuild';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = join(root, 'apps', 'api', 'src', 'main.ts');
const outfile = join(root, 'dist', 'apps', 'api', 'src', 'main.js');

/** Loaded after start-up, on first use (see warmUp, the MCP controller, shared-state and start-tracing). */
const LOADED_ON_FIRST_USE = ['@langchain/*', 'langsmith', 'openai', 'zod', '@modelcontextprotocol/sdk', '@keyv/redis', '@redis/*', '@opentelemetry/*'];
/** Optional peers that Nest and class-transformer look for and this service does not install. */
const OPTIONAL_PEERS = ['@nestjs/microservices', '@nestjs/websockets', '@fastify/static', 'class-transformer/storage'];

/** What Nest's SWC builder gives SWC for a CommonJS project (its swc-defaults). */
const SWC_OPTIONS = {
  swcrc: false,
  configFile: false,
  sourceMaps: 'inline',
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2021',
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
};

/** Compiles the project's own TypeScript with SWC; esbuild reads the inline source maps. */
const swc = {
  name: 'swc',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const { code } = await transformFile(path, { ...SWC_OPTIONS, filename: path });
      return { contents: code, loader: 'js', resolveDir: dirname(path) };
    });
  },
};

const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: [entry],
  outfile,
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  tsconfig: join(root, 'tsconfig.json'),
  // A package name also covers its subpaths (esbuild's rule), so `zod` keeps `zod/v4` outside too.
  external: [...LOADED_ON_FIRST_USE, ...OPTIONAL_PEERS],
  // Nest names providers, modules, log contexts and OpenAPI schemas after their classes, which the
  // bundle would otherwise rename where two modules use one name (see fastNames below).
  keepNames: true,
  sourcemap: 'linked',
  sourcesContent: false,
  // The ES modules inside were strict, so the whole file is (the directive must come first). A few
  // of Nest's modules build a require() from import.meta.url; in CommonJS that is this file.
  banner: {
    js: [
      "'use strict';",
      "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;",
      "const __bundleResolve = (specifier) => require('node:url').pathToFileURL(require.resolve(specifier)).href;",
    ].join('\n'),
  },
  define: { 'import.meta.url': '__bundleUrl', 'import.meta.resolve': '__bundleResolve' },
  plugins: [swc],
  logLevel: 'warning',
});

/**
 * keepNames wraps every named function in a call that redefines its `name`, the arrow functions
 * and methods made per request included (Nest makes three per guard call), which cost about 5 % of
 * a cached request. The helper now leaves alone functions that have no prototype (arrows, methods:
 * nothing reads their names) and names that are already right; classes keep theirs.
 */
function fastNames(code) {
  const helper = 'var __name = (target, value) => __defProp(target, "name", { value, configurable: true });';
  if (!code.includes(helper)) throw new Error("esbuild's __name helper changed: review fastNames in apps/api/build.mjs");
  return code.replace(
    helper,
    'var __name = (target, value) => target.prototype === undefined || target.name === value ? target : __defProp(target, "name", { value, configurable: true });',
  );
}

// A fresh dist/ holding only the bundle and its map, each written beside its place and then
// renamed over it, so a failed build never leaves half a file.
rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const file of outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const text = file.path === outfile ? fastNames(file.text) : file.text;
  writeFileSync(`${file.path}.tmp`, text);
  renameSync(`${file.path}.tmp`, file.path);
}
