// afterPack hook for test/package/electron-builder.test.ts only: writes the Linux .desktop entry electron-builder
// computes for this configuration (the dir target writes none) to $LANTERN_DESKTOP_ENTRY_OUT.
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** Computes the entry with electron-builder's own LinuxTargetHelper and writes it out. */
export default async function afterPack(context) {
  const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib'));
  const { LinuxTargetHelper } = builderRequire('app-builder-lib/out/targets/LinuxTargetHelper');
  const helper = new LinuxTargetHelper(context.packager);
  const entry = await helper.computeDesktopEntry(context.packager.platformSpecificBuildOptions);
  await writeFile(
    process.env.LANTERN_DESKTOP_ENTRY_OUT,
    `# ${helper.getDesktopFileName()}.desktop\n${entry}`,
  );
}
