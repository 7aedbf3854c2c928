/** Raw HTTP over a TCP socket to 127.0.0.1, for requests no HTTP client would send: cut, slow or lying ones. */
import net from 'node:net';

/** How the client leaves: half-close after writing, vanish (destroy), or stay and wait for the server. */
export type Leave = 'end' | 'destroy' | 'stay';

/** What came back: the first status code (0 when the server closed without answering) and the raw text. */
export interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * Writes `pieces` (waiting `gapMs` between them, stopping if the server closes), then leaves as asked. Resolves with
 * the first response's status once its head (and a body its Content-Length announces) arrived, or 0 when the connection closed without one. `destroy`
 * resolves with status -1 right after the last write (nobody is there to read an answer).
 */
export function rawExchange(
  port: number,
  pieces: readonly (string | Uint8Array)[],
  leave: Leave,
  gapMs = 0,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = (status: number) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ status, text });
    };
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})[^\r\n]*\r\n([\s\S]*?)\r\n\r\n/.exec(text);
      if (!m) return;
      // With a Content-Length, the whole body too (it may come in a later packet).
      const length = /^content-length: *(\d+)$/im.exec(m[2]!);
      if (!length || text.length - m[0].length >= Number(length[1])) finish(Number(m[1]));
    });
    socket.on('error', () => finish(0));
    socket.on('close', () => finish(0));
    socket.on('connect', () => {
      void (async () => {
        for (const p of pieces) {
          if (done || socket.destroyed) return;
          socket.write(p);
          if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
        }
        if (done) return;
        if (leave === 'end') socket.end();
        else if (leave === 'destroy') {
          await new Promise<void>((r) => socket.write('', () => r()));
          finish(-1);
        }
      })();
    });
  });
}

/** A multipart/form-data body with `file` fields; `cutAt` (0..1) truncates it before its closing boundary. */
export function multipartBody(
  boundary: string,
  files: readonly { name: string; bytes: Uint8Array; field?: string }[],
  cutAt?: number,
): Buffer {
  const parts: Buffer[] = [];
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    );
  const whole = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  if (cutAt === undefined) return whole;
  const closing = whole.length - (boundary.length + 6);
  return whole.subarray(0, Math.max(1, Math.floor(closing * cutAt)));
}

/** The head of a request (request line and headers, then the blank line). */
export function head(
  method: string,
  path: string,
  headers: Readonly<Record<string, string | number>>,
): string {
  return `${method} ${path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

/** A client that has sent its request and read the first bytes of the answer, then stopped reading. */
export interface StalledReader {
  readonly socket: net.Socket;
  /** Reads again and resolves, once the connection closes, with the bytes that arrived after the first. */
  readonly drain: () => Promise<number>;
}

/** Sends `request` to 127.0.0.1:`port`, reads the start of the answer, then stops reading (a stalled client). */
export async function stalledReader(port: number, request: string | Uint8Array): Promise<StalledReader> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  await new Promise<void>((r) => socket.once('connect', r));
  socket.write(request);
  await new Promise<void>((r) => socket.once('data', () => (socket.pause(), r())));
  const drain = async () => {
    let received = 0;
    socket.on('data', (c: Buffer) => (received += c.length));
    socket.resume();
    await closed;
    return received;
  };
  return { socket, drain };
}
