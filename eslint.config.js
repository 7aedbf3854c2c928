// Lint config: typescript-eslint with type information (promise rules), the layer boundaries, and no silent catches.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { lanternRules } from './scripts/eslint-rules.js';

const root = import.meta.dirname;

/** The layers (docs/architecture.md): each zone lists what its files may not import, by resolved path. */
const layerZones = [
  {
    target: './app/contracts',
    from: ['./app', './main', './renderer', './test'],
    except: ['./contracts'],
    message: 'app/contracts is the leaf every layer shares: it imports only zod and itself.',
  },
  {
    target: './renderer',
    from: ['./app', './main', './test'],
    except: ['./contracts'],
    message:
      'The renderer imports only app/contracts and its own code; what it needs from app/ moves to contracts.',
  },
  {
    target: './app',
    from: ['./main', './renderer', './test'],
    message: 'app/ is the core: nothing above it.',
  },
  {
    target: './main',
    from: ['./renderer', './test'],
    message: 'main/ talks to the renderer only through the preload.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'models/**',
      'test-results/**',
      'playwright-report/**',
      'test/artifacts/**',
      'release/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type information for every TypeScript file: each is owned by its layer's tsconfig (tsconfig.json references them).
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
  },
  {
    plugins: { 'import-x': importX, lantern: lanternRules },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones }],
      // A swallowed error needs a comment saying why, in `catch {}` blocks and in `.catch(() => {})` handlers alike.
      'no-empty': ['error', { allowEmptyCatch: false }],
      'lantern/no-silent-catch': 'error',
    },
  },
  {
    // A promise nobody awaits or catches is an error, so is one passed where a void callback goes, an await of a
    // non-promise, and a throw or rejection of something that is not an Error.
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'describe', 'it', 'suite', 'before', 'after'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
    },
  },
  {
    files: ['app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'app/ stays Electron-free: adapters live in main/.' }] },
      ],
    },
  },
  {
    files: ['app/contracts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod(/|$)|\\.)', message: 'app/contracts imports only zod and itself.' }] },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches Electron only through window.lantern.' },
          ],
          patterns: [{ regex: '^node:', message: 'The renderer runs in a browser: no Node built-ins.' }],
        },
      ],
    },
  },
);
