// Rasterises the app icon (main/icons/lantern.svg) into dist/icons/<n>x<n>.png with sharp: the sizes Linux desktops,
// the window icon and electron-builder's Windows (.ico) and macOS (.icns) conversions read.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';

/** Pixel sizes written; 1024 feeds the macOS .icns, 256 the Windows .ico, the rest the Linux hicolor theme. */
export const ICON_SIZES = [16, 22, 24, 32, 48, 64, 128, 256, 512, 1024];

/** Writes every size into `outDir` (density scaled so the vector is drawn at the target size, not upscaled). */
export async function buildIcons(svg = 'main/icons/lantern.svg', outDir = 'dist/icons') {
  await mkdir(outDir, { recursive: true });
  await Promise.all(
    ICON_SIZES.map((n) =>
      sharp(svg, { density: Math.ceil((72 * n) / 256) })
        .resize(n, n)
        .png()
        .toFile(path.join(outDir, `${n}x${n}.png`)),
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildIcons();
