import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'simulators/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // Tests of several processes sharing one database (*.postgres.test.ts) need PostgreSQL:
    // they run when TEST_DATABASE_URL is set (CI does both runs), and are not collected otherwise.
    exclude: [...configDefaults.exclude, ...(process.env.TEST_DATABASE_URL ? [] : ['**/*.postgres.test.{ts,tsx}'])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
  },
});
