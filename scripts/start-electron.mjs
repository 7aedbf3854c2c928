// `npm start`'s last step: runs the installed Electron binary on this folder. Where the binary is missing it prints
// one line naming what is missing and the command that fetches it, and exits 1 (Electron 45's own entry point would
// try a download on require and end in a stack trace). Arguments after `npm start --` go to the app.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Electron's executable inside its dist folder, per OS (as electron/install.js writes it to path.txt). */
const PLATFORM_PATH = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

/** Prints one line to stderr and exits 1. */
function fail(line) {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

/** The Electron binary to run, or the one-line reason there is none. */
function findElectron() {
  let dir;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return {
      why: 'the electron package is not installed (node_modules/electron is missing): run `npm install`',
    };
  }
  const version = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  const pathFile = path.join(dir, 'path.txt');
  const inside = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : (PLATFORM_PATH[process.platform] ?? 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, inside) : path.join(dir, 'dist', inside);
  if (existsSync(binary) && (override || existsSync(pathFile))) return { binary, dir };
  const node = process.versions.node.split('.').map(Number);
  const oldNode = node[0] < 22 || (node[0] === 22 && node[1] < 12);
  return {
    why:
      `the Electron ${version} binary is not installed (${path.relative(process.cwd(), binary)} is missing): ` +
      `run \`npx install-electron\`${oldNode ? ` with Node >= 22.12 (this is Node ${process.versions.node})` : ''}, ` +
      'then `npm start` again (see docs/desktop.md)',
  };
}

/** On Ubuntu >= 24.04 AppArmor blocks the user-namespace sandbox; a dev binary then needs a setuid-root chrome-sandbox. */
function sandboxWarning(dir) {
  if (process.platform !== 'linux' || process.argv.includes('--no-sandbox')) return null;
  let restricted = '0';
  try {
    restricted = readFileSync('/proc/sys/kernel/apparmor_restrict_unprivileged_userns', 'utf8').trim();
  } catch {
    return null;
  }
  const helper = path.join(dir, 'dist', 'chrome-sandbox');
  const st = existsSync(helper) ? statSync(helper) : null;
  if (restricted !== '1' || (st && st.uid === 0 && (st.mode & 0o4000) !== 0)) return null;
  const rel = path.relative(process.cwd(), helper);
  return (
    'Lantern OCR: unprivileged user namespaces are restricted (AppArmor), so Electron needs a setuid-root sandbox ' +
    `helper in development: sudo chown root:root ${rel} && sudo chmod 4755 ${rel} (see docs/desktop.md)`
  );
}

const found = findElectron();
if (!('binary' in found)) fail(`Lantern OCR cannot start: ${found.why}.`);
const warning = sandboxWarning(found.dir);
if (warning) process.stderr.write(`${warning}\n`);

// A terminal inside an Electron app (an editor) can leak ELECTRON_RUN_AS_NODE, which would start Node, not the app.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(found.binary, ['.', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
  windowsHide: false,
});
child.on('error', (err) =>
  fail(`Lantern OCR cannot start: ${found.binary} could not be run (${err.message}).`),
);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
child.on('exit', (code, signal) => {
  if (signal) fail(`Lantern OCR: Electron ended on ${signal}.`);
  process.exit(code ?? 1);
});
