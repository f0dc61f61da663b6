// Second step of `npm run build`: after Nest's SWC builder has compiled apps/ and libs/ into dist/,
// esbuild folds the entry point and everything it loads at start-up into one CommonJS file, written
// over dist/apps/api/src/main.js.
//
// Why: NestJS 12 publishes ES modules only. Loaded one by one through Node's require(esm), resolving,
// lexing and linking a few hundred files took about a second of CPU before the first line of the
// service ran; one file takes a fraction of that. Packages the service loads only when first needed
// (LangChain and the OpenAI client, the MCP SDK, the Redis client) stay outside the bundle and load
// from node_modules as before, so the file stays small and they keep costing nothing at start-up.
import { build } from 'esbuild';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = join(root, 'dist', 'apps', 'api', 'src', 'main.js');
const MARK = '/* kubectl-agent: bundled by apps/api/bundle.mjs */';

/** Loaded after start-up, on first use (see warmUp, the MCP controller, shared-state and start-tracing). */
const LOADED_ON_FIRST_USE = ['@langchain/', 'langsmith', 'openai', 'zod', '@modelcontextprotocol/sdk', '@keyv/redis', '@redis/', '@opentelemetry/'];
/** Optional peers that Nest and class-transformer look for and this service does not install. */
const OPTIONAL_PEERS = ['@nestjs/microservices', '@nestjs/websockets', '@fastify/static', 'class-transformer/storage'];

const startsWithAny = (specifier, prefixes) =>
  prefixes.some((prefix) => specifier === prefix || specifier.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));

/** Leaves those packages as run-time requires, resolved from node_modules next to dist/. */
const keepOutside = {
  name: 'keep-outside',
  setup(builder) {
    builder.onResolve({ filter: /^[@a-z]/ }, ({ path }) =>
      startsWithAny(path, LOADED_ON_FIRST_USE) || startsWithAny(path, OPTIONAL_PEERS) ? { path, external: true } : undefined,
    );
  },
};

if (readFileSync(entry, 'utf8').slice(0, 200).includes(MARK)) {
  throw new Error(`${entry} is already a bundle: run \`npm run build\`, which compiles afresh before bundling`);
}

const { outputFiles } = await build({
  entryPoints: [entry],
  outfile: entry,
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Nest names providers, modules, log contexts and OpenAPI schemas after their classes, which the
  // bundle would otherwise rename where two modules use one name (see fastNames below).
  keepNames: true,
  sourcemap: 'linked',
  sourcesContent: false,
  // The ES modules inside were strict, so the whole file is (the directive must come first). A few
  // of Nest's modules build a require() from import.meta.url; in CommonJS that is this file.
  banner: {
    js: [
      `'use strict'; ${MARK}`,
      "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;",
      "const __bundleResolve = (specifier) => require('node:url').pathToFileURL(require.resolve(specifier)).href;",
    ].join('\n'),
  },
  define: { 'import.meta.url': '__bundleUrl', 'import.meta.resolve': '__bundleResolve' },
  plugins: [keepOutside],
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
  if (!code.includes(helper)) throw new Error("esbuild's __name helper changed: review fastNames in apps/api/bundle.mjs");
  return code.replace(helper, 'var __name = (target, value) => target.prototype === undefined || target.name === value ? target : __defProp(target, "name", { value, configurable: true });');
}

// Written beside the entry, then renamed over it, so a failed build never leaves half a file.
for (const file of outputFiles) {
  const text = file.path === entry ? fastNames(file.text) : file.text;
  writeFileSync(`${file.path}.tmp`, text);
  renameSync(`${file.path}.tmp`, file.path);
}
