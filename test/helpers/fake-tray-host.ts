/** A `gdbus` on PATH that answers main/tray-host.ts's probe: a Linux session with or without a StatusNotifier host. */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `<dir>/gdbus` and puts `dir` first on PATH; returns the function that restores PATH. */
export function fakeTrayHost(dir: string, host: 'present' | 'absent'): () => void {
  mkdirSync(dir, { recursive: true });
  const script =
    host === 'present'
      ? '#!/bin/sh\necho "(<true>,)"\n'
      : '#!/bin/sh\necho "Error: GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown" >&2\nexit 1\n';
  writeFileSync(path.join(dir, 'gdbus'), script);
  chmodSync(path.join(dir, 'gdbus'), 0o755);
  const saved = process.env.PATH;
  process.env.PATH = `${dir}${path.delimiter}${saved ?? ''}`;
  return () => {
    process.env.PATH = saved;
  };
}
