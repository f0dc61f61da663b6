/**
 * Jest on Node 20 cannot require ES modules, and NestJS 12 ships only ES modules. This transform
 * compiles those packages to CommonJS for the tests (the built service loads them natively).
 * `import.meta` has no CommonJS form, so its two uses in those packages are rewritten first.
 */
const { transformSync } = require('@swc/core');
const { createHash } = require('node:crypto');

const OWN_REQUIRE = /\bconst require = createRequire\(import\.meta\.url\);/g;
const CREATE_REQUIRE = /\bcreateRequire\(import\.meta\.url\)/g;
const IMPORT_META_URL = /\bimport\.meta\.url\b/g;
const IMPORT_META_RESOLVE = /\bimport\.meta\.resolve\(/g;

module.exports = {
  process(source, filename) {
    const script = source
      .replace(OWN_REQUIRE, '')
      .replace(CREATE_REQUIRE, 'require')
      .replace(IMPORT_META_URL, "require('node:url').pathToFileURL(__filename).href")
      .replace(IMPORT_META_RESOLVE, 'require.resolve(');
    const { code, map } = transformSync(script, {
      filename,
      sourceMaps: 'inline',
      module: { type: 'commonjs', ignoreDynamic: false },
      jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
      swcrc: false,
      configFile: false,
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update('esm-to-cjs:2\0').update(filename).update('\0').update(source).digest('hex');
  },
};
