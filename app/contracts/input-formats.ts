/**
 * The file types Lantern OCR reads: one list for the window's Open dialog, its drop/paste filter and the message
 * naming what is supported, and the Content-Type the web transport sends. A new format is one more entry here.
 */

/** One accepted file type. */
export interface InputFormat {
  /** How the type is named to the user ("PNG"). */
  readonly label: string;
  readonly mime: string;
  /** File-name extensions, lower case, without the dot. */
  readonly extensions: readonly string[];
  /** Read page by page as a document (PDF, multi-page TIFF) rather than as one image. */
  readonly document: boolean;
}

/** Every type Lantern reads: images through sharp (its prebuilt libvips: no BMP, no HEIC), PDFs through PDFium. */
export const INPUT_FORMATS: readonly InputFormat[] = [
  { label: 'PNG', mime: 'image/png', extensions: ['png'], document: false },
  { label: 'JPEG', mime: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], document: false },
  { label: 'WebP', mime: 'image/webp', extensions: ['webp'], document: false },
  { label: 'TIFF', mime: 'image/tiff', extensions: ['tif', 'tiff'], document: true },
  { label: 'GIF', mime: 'image/gif', extensions: ['gif'], document: false },
  { label: 'AVIF', mime: 'image/avif', extensions: ['avif'], document: false },
  { label: 'PDF', mime: 'application/pdf', extensions: ['pdf'], document: true },
];

/** A file name's extension, lower case without the dot ('' when it has none). */
export function extensionOf(name: string): string {
  return /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
}

/** The accepted format of a file, by its type or else its extension; undefined when it is not one Lantern reads. */
export function inputFormatOf(file: {
  readonly name: string;
  readonly type: string;
}): InputFormat | undefined {
  const ext = extensionOf(file.name);
  return (
    INPUT_FORMATS.find((f) => f.mime === file.type.toLowerCase()) ??
    INPUT_FORMATS.find((f) => f.extensions.includes(ext))
  );
}

/** The `accept` attribute of a file input that offers exactly these formats. */
export const ACCEPT_ATTRIBUTE = INPUT_FORMATS.flatMap((f) => [
  f.mime,
  ...f.extensions.map((e) => `.${e}`),
]).join(',');
