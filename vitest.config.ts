// The one vitest configuration of the workspace: one project per component, plus e2e.
import { defineConfig } from 'vitest/config';

const components = [
  'contracts',
  'api-gateway',
  'agent-container',
  'github-service',
  'jira-service',
  'slack-service',
  'sentry-service',
  'dashboard-api',
  'dashboard',
];

export default defineConfig({
  test: {
    projects: [
      ...components.map((name) => ({
        extends: true,
        test: {
          name,
          root: `./${name}`,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
          environment: 'node',
        },
      })),
      {
        extends: true,
        test: { name: 'e2e', root: './e2e', include: ['**/*.test.ts'], fileParallelism: false },
      },
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    passWithNoTests: true,
  },
});
