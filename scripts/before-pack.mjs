// electron-builder beforePack hook: refuses to package for another OS than the build host. npm installs only the
// host's optional native packages (@img/sharp-<os>-<arch>), and electron-builder.yml keeps the host's onnxruntime
// binaries (${platform}); a cross-OS package would start without its image decoder.

/** Throws a one-line error when the target OS is not this machine's. */
export default async function beforePack(context) {
  if (context.electronPlatformName !== process.platform)
    throw new Error(
      `Lantern OCR packages only for the OS it is built on: this is ${process.platform}, the target is ` +
        `${context.electronPlatformName}. Build on ${context.electronPlatformName} (see docs/desktop.md).`,
    );
}
