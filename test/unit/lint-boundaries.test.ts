/**
 * The layer rules bite: ESLint (the repository's own config) on small in-memory files placed at paths inside each
 * layer, and the TypeScript compiler with each layer's tsconfig on a file using the globals that layer must not see.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Fixture files: none exists on disk, so the type-aware rules see them through the default project. */
const FIXTURES = {
  renderer: 'renderer/src/lint-fixture.tsx',
  contracts: 'app/contracts/lint-fixture.ts',
  app: 'app/lint-fixture.ts',
  main: 'main/lint-fixture.ts',
} as const;

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: Object.values(FIXTURES) } } },
  },
});

/** The rule ids ESLint reports for `code` at `file`, one per message, in order. */
async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  const messages = result!.messages;
  const fatal = messages.find((m) => m.fatal);
  assert.equal(fatal, undefined, fatal?.message);
  return messages.map((m) => m.ruleId ?? '');
}

test('the renderer may import app/contracts and its own code, nothing else of app/ and not Electron', async () => {
  const allowed = [
    "import type { OcrResult } from '../../app/contracts/ocr-result';",
    "import { useI18n } from './i18n/i18n';",
    'export const f = (r: OcrResult) => [r.text, useI18n];',
  ].join('\n');
  assert.deepEqual(await ruleIds(FIXTURES.renderer, allowed), []);
  const leaks = [
    "import type { Page } from '../../app/ocr/types';",
    "import { providerCandidates } from '../../app/ocr/providers';",
    "import { ipcRenderer } from 'electron';",
    "import { readFile } from 'node:fs';",
    "import { createPreloadApi } from '../../main/preload-api';",
    'export const f = (p: Page) => [p, providerCandidates, ipcRenderer, readFile, createPreloadApi];',
  ].join('\n');
  assert.deepEqual(await ruleIds(FIXTURES.renderer, leaks), [
    'import-x/no-restricted-paths',
    'import-x/no-restricted-paths',
    'no-restricted-imports',
    'no-restricted-imports',
    'import-x/no-restricted-paths',
  ]);
});

test('app/contracts imports only zod and itself', async () => {
  const allowed = [
    "import { z } from 'zod';",
    "import type { EngineStatus } from './status';",
    'export const s = z.string();',
    'export type S = EngineStatus;',
  ].join('\n');
  assert.deepEqual(await ruleIds(FIXTURES.contracts, allowed), []);
  const leaks = [
    "import type { Page } from '../ocr/types';",
    "import { readFile } from 'node:fs';",
    'export const f = (p: Page) => [p, readFile];',
  ].join('\n');
  assert.deepEqual(await ruleIds(FIXTURES.contracts, leaks), [
    'import-x/no-restricted-paths',
    'no-restricted-imports',
  ]);
});

test('app/ imports neither Electron nor main/, and main/ not the renderer', async () => {
  const app = [
    "import { app } from 'electron';",
    "import { log } from '../main/log';",
    'export const f = () => [app, log];',
  ].join('\n');
  assert.deepEqual(await ruleIds(FIXTURES.app, app), [
    'no-restricted-imports',
    'import-x/no-restricted-paths',
  ]);
  const main = "import { App } from '../renderer/src/app';\nexport const f = () => App;\n";
  assert.deepEqual(await ruleIds(FIXTURES.main, main), ['import-x/no-restricted-paths']);
});

test('a floating or misused promise and a silent catch are errors; awaited, reported or explained ones are not', async () => {
  const bad = [
    'async function work(): Promise<number> { return 1; }',
    'export function floating(): void { work(); }',
    'export function misused(el: { on(cb: () => void): void }): void { el.on(async () => { await work(); }); }',
    'export async function silent(): Promise<void> { await work().catch(() => {}); }',
    'export async function silentThen(): Promise<void> { await work().then(undefined, () => undefined); }',
    'export function empty(): void { try { JSON.parse("x"); } catch {} }',
  ].join('\n');
  assert.deepEqual(await ruleIds(FIXTURES.app, bad), [
    '@typescript-eslint/no-floating-promises',
    '@typescript-eslint/no-misused-promises',
    'lantern/no-silent-catch',
    'lantern/no-silent-catch',
    'no-empty',
  ]);
  const good = [
    'async function work(): Promise<number> { return 1; }',
    'export async function awaited(): Promise<number> { return await work(); }',
    'export function reported(log: (e: unknown) => void): void { work().catch(log); }',
    'export async function explained(): Promise<void> {',
    '  await work().catch(() => {}); // nothing is lost: the next call does the work again',
    '}',
    'export function intended(): void {',
    '  // fire and forget: the result is read from the cache later',
    '  void work().catch(() => undefined);',
    '}',
    'export function emptyExplained(): void {',
    '  try { JSON.parse("x"); } catch { /* not JSON: the caller keeps the text */ }',
    '}',
  ].join('\n');
  assert.deepEqual(await ruleIds(FIXTURES.app, good), []);
});

/** The messages of TypeScript for `code` as a file at `file`, compiled with the options of the layer's tsconfig. */
function typeErrors(tsconfig: string, file: string, code: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, tsconfig),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) =>
        assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    },
  );
  assert.ok(parsed, tsconfig);
  const options = { ...parsed.options, composite: false, noEmit: true, emitDeclarationOnly: false };
  const fixture = path.join(ROOT, file);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => (path.resolve(f) === fixture ? code : readFile(f));
  host.fileExists = (f) => path.resolve(f) === fixture || fileExists(f);
  host.getSourceFile = (f, lang) => {
    const text = host.readFile(f);
    return text === undefined ? undefined : ts.createSourceFile(f, text, lang);
  };
  const program = ts.createProgram([fixture], options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(fixture))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

test("each layer's tsconfig gives it only its own globals: DOM in the renderer, Node in app/ and main/", () => {
  const dom = 'export const title: string = document.title;\n';
  const node = 'export const pid: number = process.pid;\n';
  assert.deepEqual(typeErrors('renderer/tsconfig.json', FIXTURES.renderer, dom), []);
  assert.match(
    typeErrors('renderer/tsconfig.json', FIXTURES.renderer, node).join('\n'),
    /Cannot find name 'process'/,
  );
  assert.deepEqual(typeErrors('app/tsconfig.json', FIXTURES.app, node), []);
  assert.match(typeErrors('app/tsconfig.json', FIXTURES.app, dom).join('\n'), /Cannot find name 'document'/);
  assert.match(
    typeErrors('main/tsconfig.json', FIXTURES.main, dom).join('\n'),
    /Cannot find name 'document'/,
  );
  const contracts = typeErrors('app/contracts/tsconfig.json', FIXTURES.contracts, dom + node).join('\n');
  assert.match(contracts, /Cannot find name 'document'/);
  assert.match(contracts, /Cannot find name 'process'/);
});
