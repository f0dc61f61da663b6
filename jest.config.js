/** Unit specs live beside the code; e2e specs boot the real app in test/. */
const moduleNameMapper = {
  '^@app/(config|llm|safety|executor|metrics|tracing)$': '<rootDir>/libs/$1/src',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  // NestJS 12 and some of its dependencies are ES modules only; Jest on Node 20 needs them as CommonJS.
  '^.+\\.m?js$': '<rootDir>/test/jest/esm-to-cjs.transform.js',
};
const transformIgnorePatterns = ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|uint8array-extras|@tokenizer)/)'];

module.exports = {
  // A global option: jest ignores it inside projects.
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/eval/**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
    },
  ],
};
