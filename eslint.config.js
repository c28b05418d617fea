// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      'apps/server/src/generated/',
      'apps/web/dist/',
      'test-artifacts/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The libraries are pure: no framework, database or transport, and no hidden clock or randomness.
    files: ['libs/**/*.ts'],
    ignores: ['libs/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'libs/ must stay framework-free.' },
            {
              group: ['@prisma/*', '**/generated/prisma/**'],
              message: 'Prisma belongs in apps/server repositories.',
            },
            {
              group: ['socket.io', 'socket.io/*'],
              message: 'libs/ must not depend on the transport.',
            },
            { group: ['pg', 'pg/*'], message: 'libs/ must not reach the database.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Pass a seed in; libraries are deterministic.',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'Pass `now` in; libraries do not read the clock.',
        },
      ],
    },
  },
  {
    // Prisma is called only from repositories (and the database module that builds the client).
    files: ['apps/server/src/**/*.ts'],
    ignores: [
      'apps/server/src/**/*.repository.ts',
      'apps/server/src/database/**',
      'apps/server/src/**/*.spec.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/generated/prisma/**', '@prisma/*'],
              message: 'Call Prisma only from *.repository.ts.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
