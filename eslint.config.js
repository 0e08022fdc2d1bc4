// Lint rules. The important one is the dependency direction: src/core is pure (no I/O, no clock,
// no process, no randomness) and imports only zod and its own files.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_CLOCK_OR_RANDOMNESS = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core takes asOf as input; it never reads the clock.' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'core takes asOf as input; it never reads the clock.' },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'core is deterministic: no randomness.' },
  { selector: "CallExpression[callee.object.name='crypto']", message: 'core is deterministic: no randomness.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'bench/results/**', 'coverage/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^(?!zod$|zod/|\\.{1,2}/)',
          message: 'src/core may import only zod and its own files (no node:*, no I/O, no other layers).',
        }, {
          regex: '^\\.\\./\\.\\./(content|render|store|server|cli)(/|$)|^\\.\\./(content|render|store|server|cli)(/|$)',
          message: 'src/core must not import outer layers.',
        }],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'core never touches process; the CLI passes what it needs.' },
        { name: 'console', message: 'core returns data; it does not print.' },
        { name: 'fetch', message: 'core does no I/O.' },
      ],
      'no-restricted-syntax': ['error', ...NO_CLOCK_OR_RANDOMNESS],
    },
  },
  {
    files: ['src/render/**/*.ts', 'src/content/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)(cli|server)(/|$)', message: 'render and content never import the CLI or the server.' }],
      }],
    },
  },
);
