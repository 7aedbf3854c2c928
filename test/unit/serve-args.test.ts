import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServeArgs, servingLine } from '../../app/serve/args';

test('a token that starts with a dash (base64url can) is taken in the --token=T form', () => {
  assert.equal(parseServeArgs(['--token=-abcdefghijklmnop']).token, '-abcdefghijklmnop');
  assert.throws(() => parseServeArgs(['--token', '-abcdefghijklmnop']), /--token=-XYZ/);
});

test('short tokens, bad ports and unknown providers are refused with the reason', () => {
  assert.throws(() => parseServeArgs(['--token=short']), /at least 16/);
  assert.throws(() => parseServeArgs(['--port', '70000']), /0-65535/);
  assert.throws(() => parseServeArgs(['--provider', 'tpu']), /--provider must be one of/);
  assert.throws(() => parseServeArgs(['--watch', '/tmp/in']), /--watch needs --out/);
  assert.throws(
    () => parseServeArgs(['--no-auth', '--host', '0.0.0.0']),
    /--no-auth is refused when bound to 0\.0\.0\.0/,
  );
  assert.equal(parseServeArgs(['--no-auth', '--host', '::1']).auth, false);
  assert.throws(() => parseServeArgs(['--threads', 'two']), /--threads must be an integer ≥ 0, not "two"/);
  assert.throws(() => parseServeArgs(['--threads', '99999']), /--threads must be at most 256/);
  assert.throws(() => parseServeArgs(['--port', '0x50']), /--port must be 0-65535/);
  assert.throws(() => parseServeArgs(['--port', '']), /--port must be 0-65535/);
  assert.equal(parseServeArgs(['--port', '0']).port, 0);
  assert.throws(() => parseServeArgs(['--max-body-mb', '0']), /--max-body-mb must be an integer ≥ 1/);
  assert.equal(parseServeArgs(['--grace-ms', '0']).graceMs, 0);
  assert.throws(() => parseServeArgs(['--lanes', '3']), /--lanes must be auto, 1 or 2/);
  assert.equal(parseServeArgs(['--lanes', '1']).lanes, 1);
  assert.equal(parseServeArgs([]).lanes, 'auto');
});

test('--formats: what watched folders write, txt and json unless listed; an unknown format is refused', () => {
  const watching = ['--watch', '/tmp/in', '--out', '/tmp/out'];
  assert.deepEqual(parseServeArgs(watching).formats, ['txt', 'json']);
  assert.deepEqual(parseServeArgs([...watching, '--formats', 'pdf, txt,pdf']).formats, ['pdf', 'txt']);
  assert.deepEqual(parseServeArgs([...watching, '--formats', 'md']).formats, ['md']);
  assert.throws(
    () => parseServeArgs([...watching, '--formats', 'docx']),
    /--formats must list one or more of txt, json, md, pdf/,
  );
  assert.throws(() => parseServeArgs([...watching, '--formats', '']), /--formats must list/);
  assert.throws(() => parseServeArgs(['--formats', 'pdf']), /--formats .* needs --watch DIR/);
});

test('--help and -h ask for the usage', () => {
  assert.equal(parseServeArgs(['--help']).help, true);
  assert.equal(parseServeArgs(['-h']).help, true);
  assert.equal(parseServeArgs([]).help, false);
});

test('body limits: flags, or LANTERN_MAX_BODY_MB / LANTERN_MAX_DOCUMENT_MB; documents default to the body limit', () => {
  const saved = { ...process.env };
  try {
    delete process.env.LANTERN_MAX_BODY_MB;
    delete process.env.LANTERN_MAX_DOCUMENT_MB;
    assert.deepEqual([parseServeArgs([]).maxBodyMb, parseServeArgs([]).maxDocumentMb], [25, undefined]);
    const o = parseServeArgs(['--max-body-mb', '10', '--max-document-mb', '200']);
    assert.deepEqual([o.maxBodyMb, o.maxDocumentMb], [10, 200]);
    process.env.LANTERN_MAX_BODY_MB = '30';
    process.env.LANTERN_MAX_DOCUMENT_MB = '300';
    const e = parseServeArgs([]);
    assert.deepEqual([e.maxBodyMb, e.maxDocumentMb], [30, 300]);
    assert.equal(parseServeArgs(['--max-document-mb', '50']).maxDocumentMb, 50);
    assert.throws(
      () => parseServeArgs(['--max-document-mb', '0']),
      /--max-document-mb must be an integer ≥ 1/,
    );
  } finally {
    process.env = saved;
  }
});

test('LANTERN_TOKEN: empty or short is refused (never "no token"); a good one is used and kept out of the printed URL', () => {
  const saved = process.env.LANTERN_TOKEN;
  try {
    process.env.LANTERN_TOKEN = '';
    assert.throws(() => parseServeArgs([]), /LANTERN_TOKEN must be at least 16 characters \(it is empty\)/);
    process.env.LANTERN_TOKEN = 'abc';
    assert.throws(() => parseServeArgs([]), /LANTERN_TOKEN must be at least 16 characters \(it is 3\)/);
    process.env.LANTERN_TOKEN = 'from-a-secret-0123456789';
    const o = parseServeArgs([]);
    assert.deepEqual([o.token, o.tokenFrom], ['from-a-secret-0123456789', 'env']);
    const line = servingLine('http://0.0.0.0:8765/', o.token!, o.tokenFrom);
    assert.ok(!line.includes(o.token!), line);
    assert.match(
      line,
      /^Lantern OCR serving on http:\/\/0\.0\.0\.0:8765\/ \(open it with \?token=<LANTERN_TOKEN>\)$/,
    );
    // The flag wins over the variable, and a token given on the command line (visible there anyway) is printed.
    const f = parseServeArgs(['--token=flag-token-0123456789']);
    assert.deepEqual([f.token, f.tokenFrom], ['flag-token-0123456789', 'flag']);
    assert.equal(
      servingLine('http://127.0.0.1:8765/', f.token!, f.tokenFrom),
      'Lantern OCR serving on http://127.0.0.1:8765/?token=flag-token-0123456789',
    );
    delete process.env.LANTERN_TOKEN;
    assert.equal(parseServeArgs([]).tokenFrom, 'none');
  } finally {
    if (saved === undefined) delete process.env.LANTERN_TOKEN;
    else process.env.LANTERN_TOKEN = saved;
  }
});

test('--watch: a folder named twice (`in`, `in/`, `x/../in`) is watched once, under its first name', () => {
  const args = [
    '--watch',
    '/tmp/in',
    '--watch',
    '/tmp/in/',
    '--watch',
    '/tmp/other',
    '--watch',
    '/tmp/x/../in',
  ];
  assert.deepEqual(parseServeArgs([...args, '--out', '/tmp/out']).watch, ['/tmp/in', '/tmp/other']);
});

test('--token and LANTERN_TOKEN must be what a Bearer header carries: a space or a trailing newline is refused', () => {
  assert.throws(
    () => parseServeArgs(['--token=correct horse battery staple']),
    /--token may hold letters, digits/,
  );
  const before = process.env.LANTERN_TOKEN;
  try {
    process.env.LANTERN_TOKEN = 'from-a-secret-0123456789\n';
    assert.throws(() => parseServeArgs([]), /LANTERN_TOKEN may hold .* trailing newline/);
  } finally {
    if (before === undefined) delete process.env.LANTERN_TOKEN;
    else process.env.LANTERN_TOKEN = before;
  }
});

test("relative --watch, --out and --data are the caller's: under `npm run serve`, the folder npm was started from", () => {
  const args = ['--watch', 'in', '--out', 'out', '--data', 'data'];
  const npm = { npm_lifecycle_event: 'serve', INIT_CWD: '/home/me/scans' };
  const underNpm = parseServeArgs(args, npm, '/opt/lantern-ocr');
  assert.deepEqual(underNpm.watch, ['/home/me/scans/in']);
  assert.equal(underNpm.out, '/home/me/scans/out');
  assert.equal(underNpm.dataDir, '/home/me/scans/data');
  // Started directly (a container, a unit file): its own working folder.
  assert.equal(parseServeArgs(args, {}, '/srv').out, '/srv/out');
});
