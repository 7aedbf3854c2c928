/** Turns a failure to listen into one line a newcomer can act on (a raw "listen EADDRINUSE" says neither why nor what to do). */
export function listenErrorMessage(err: unknown, host: string, port: number): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use (another Lantern OCR or another server?): stop it, or pick another port with --port ${port + 1} (or --port 0 for any free one)`;
    case 'EACCES':
      return `not allowed to listen on ${host}:${port} (ports below 1024 need privileges): pick another with --port 8765`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine: use --host 127.0.0.1, or one of its own addresses`;
    default:
      return undefined;
  }
}
