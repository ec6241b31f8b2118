/** Jest runs TypeScript through SWC (decorator metadata on), see ARCHITECTURE.md. */
module.exports = {
  // The node environment, and no connection left open by a test file (test/support/open-connections-environment.ts).
  testEnvironment: '<rootDir>/test/support/open-connections-environment.ts',
  roots: ['<rootDir>/test', '<rootDir>/shared', '<rootDir>/subgraphs', '<rootDir>/gateway'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    }],
  },
  modulePathIgnorePatterns: ['<rootDir>/dist'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  // Each file starts a whole stack in its worker; a worker that has grown past this is replaced
  // between files, so memory stays bounded however many files the suite holds.
  workerIdleMemoryLimit: '1GB',
};
