/** Where the desktop app finds its parts, from source (`electron .`) and packaged (asar + resources). */
import path from 'node:path';

/** Inputs: Electron's app paths and flags. */
export interface AppPathInputs {
  /** app.getAppPath(): the repo root unpackaged, …/resources/app.asar packaged. */
  readonly appPath: string;
  /** process.resourcesPath. */
  readonly resourcesPath: string;
  readonly isPackaged: boolean;
  /** app.getPath('userData'). */
  readonly userData: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The resolved locations. */
export interface AppPaths {
  /** Built renderer served on lantern://app/. */
  readonly rendererRoot: string;
  readonly preload: string;
  /** The window icon on Linux and Windows (macOS takes the bundle's .icns): dist/icons from scripts/build-icons.mjs. */
  readonly windowIcon: string;
  /** The bundled engine worker (utilityProcess entry). */
  readonly enginePath: string;
  /** models/ (manifest, ONNX files, dictionary): extraResources when packaged. */
  readonly modelsDir: string;
  readonly userData: string;
  /** The ledger (watched folders, files, history). */
  readonly ledgerFile: string;
  readonly logDir: string;
}

/** Resolves the locations (LANTERN_MODELS_DIR and LANTERN_ENGINE_PATH override theirs). */
export function appPaths(i: AppPathInputs): AppPaths {
  const env = i.env ?? process.env;
  return {
    rendererRoot: path.join(i.appPath, 'dist', 'renderer'),
    preload: path.join(i.appPath, 'dist', 'main', 'preload.cjs'),
    windowIcon: path.join(i.appPath, 'dist', 'icons', '256x256.png'),
    enginePath: env.LANTERN_ENGINE_PATH ?? path.join(i.appPath, 'dist', 'node', 'engine.mjs'),
    modelsDir:
      env.LANTERN_MODELS_DIR ??
      (i.isPackaged ? path.join(i.resourcesPath, 'models') : path.join(i.appPath, 'models')),
    userData: i.userData,
    ledgerFile: path.join(i.userData, 'lantern.db'),
    logDir: path.join(i.userData, 'logs'),
  };
}
