import { readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
for (const f of process.argv.slice(2)) { const b = await sharp(readFileSync(f)).rotate(180).png().toBuffer(); writeFileSync(`/tmp/flip-${f.split('/').pop()!.replace(/\.\w+$/, '')}.png`, b); }
