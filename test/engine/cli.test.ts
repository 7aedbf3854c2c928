import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  constants as fsConstants,
  closeSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixture } from '../helpers/fixtures';
import { EXPECTED_PROVIDER } from '../helpers/expected-provider';

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['dist/node/cli.mjs', ...args], { encoding: 'utf8' });

test('--format json prints one JSON line per input; a bad input fails alone with exit code 1', () => {
  const r = cli([
    '--format',
    'json',
    fixture('plate_000.jpg'),
    fixture('SOURCES.md'),
    fixture('zhscreen_04_chat_ftp.png'),
  ]);
  assert.equal(r.status, 1, r.stderr);
  const rows = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(rows.length, 3);
  assert.equal(rows[0].file, fixture('plate_000.jpg'));
  assert.ok(Array.isArray(rows[0].lines) && rows[0].lines[0].box.length === 4);
  assert.equal(rows[0].provider, EXPECTED_PROVIDER);
  for (const k of ['decode', 'det', 'cls', 'rec', 'total']) assert.equal(typeof rows[0].ms[k], 'number');
  assert.equal(rows[1].error.code, 'BAD_IMAGE');
  assert.ok(rows[2].text.includes('ftp'));
});

test('--format text prints the text; a missing file is FILE_NOT_FOUND', () => {
  const ok = cli(['--format', 'text', fixture('plate_000.jpg')]);
  assert.equal(ok.status, 0);
  assert.match(ok.stdout, /L3N67/);
  // txt, as the HTTP API and watched folders name it, is the same format.
  assert.equal(cli(['--format', 'txt', fixture('plate_000.jpg')]).stdout, ok.stdout);
  const missing = cli(['--format', 'text', '/no/such/image.png']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /FILE_NOT_FOUND/);
});

test('--format md prints Markdown from the page layout per input; a failure goes to stderr alone', () => {
  const r = cli([
    '--format',
    'md',
    fixture('two-column-merged.png'),
    '/no/such/image.png',
    fixture('sroie_006.jpg'),
  ]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^\/no\/such\/image\.png: FILE_NOT_FOUND/m);
  const [columns, receipt] = r.stdout.split(/^(?=# )/m);
  assert.match(columns!, /^# two-column-merged\.png\n\n## Page 1\n\n/);
  // The left column is one paragraph, read before the right column's.
  const paras = columns!.split('\n\n').slice(2);
  assert.match(paras[0]!, /^of the Work and reproducing .* redistributing$/);
  assert.ok(paras.slice(1).some((p) => p.startsWith('damages. 9.')));
  // The receipt's totals come out as a pipe table.
  assert.match(receipt!, /^# sroie_006\.jpg\n/);
  assert.match(receipt!, /^\| Total Sales : \| 327\.00 \|/m);
});

test('a file name holding a newline stays on its header, heading and failure line', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-names-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const odd = path.join(dir, 'plate\n==> forged <==.jpg');
  copyFileSync(fixture('plate_000.jpg'), odd);
  const broken = path.join(dir, 'broken\nx.png');
  writeFileSync(broken, 'not an image');
  const text = cli(['--format', 'text', odd, fixture('plate_000.jpg'), broken]);
  assert.equal(text.status, 1);
  assert.deepEqual(
    text.stdout.split('\n').filter((l) => l.startsWith('==>')),
    [`==> ${dir}/plate\\x0a==> forged <==.jpg <==`, `==> ${fixture('plate_000.jpg')} <==`],
  );
  const failures = text.stderr.trim().split('\n');
  assert.equal(failures.length, 1, text.stderr);
  assert.ok(failures[0]!.startsWith(`${dir}/broken\\x0ax.png: BAD_IMAGE: `), failures[0]);
  const md = cli(['--format', 'md', odd]);
  assert.equal(md.stdout.split('\n')[0], '# plate\\x0a==\\> forged \\<==.jpg');
  const empty = cli(['--searchable-pdf', '', fixture('plate_000.jpg')]);
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /--searchable-pdf needs a folder, and was given an empty name/);
});

test('--status reports the provider and load timings', () => {
  const r = cli(['--status']);
  assert.equal(r.status, 0);
  const s = JSON.parse(r.stdout);
  assert.equal(s.state, 'ready');
  assert.equal(s.provider, EXPECTED_PROVIDER);
  assert.ok(s.loadMs.det > 0 && s.loadMs.rec > 0);
  // It reads no input: one given is a mistake, not silently skipped.
  const withInput = cli(['--status', fixture('plate_000.jpg')]);
  assert.equal(withInput.status, 2);
  assert.match(withInput.stderr, /--status .* reads no input/);
});

test('bad arguments exit 2 with usage on stderr; no image at all too', () => {
  const r = cli(['--format', 'xml', 'a.png']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: lantern/);
  assert.equal(r.stdout, '');
  const none = cli([]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no input given/);
});

test('--help prints every option and the default format to stdout and exits 0', () => {
  const r = cli(['--help']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  for (const flag of ['--format', '--paragraphs', '--provider', '--threads', '--status', '--help'])
    assert.ok(r.stdout.includes(flag), `--help mentions ${flag}`);
  assert.match(r.stdout, /--format json\|text\|md\s+output format \(default: json\)/);
});

test('under `npm run ocr` relative paths resolve from the caller; text mode heads each file it read', () => {
  // npm runs the script in the package root; the images are named relative to test/fixtures, where npm was run.
  const r = spawnSync('npm', ['run', '-s', 'ocr', '--', '--format', 'text', 'plate_000.jpg', 'no-such.png'], {
    cwd: path.dirname(fixture('plate_000.jpg')),
    encoding: 'utf8',
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^==> plate_000\.jpg <==\n.*L3N67/);
  // A file that failed prints no header: its error is on stderr only (as head and tail do).
  assert.doesNotMatch(r.stdout, /no-such\.png/);
  assert.match(r.stderr, /no-such\.png: FILE_NOT_FOUND/);
  const one = cli(['--format', 'text', fixture('plate_000.jpg')]);
  assert.doesNotMatch(one.stdout, /==>/, 'a single file gets no header');
});

test('an explicitly requested provider that cannot run is an error with the reason (exit 2)', (t) => {
  if (EXPECTED_PROVIDER === 'cuda') return t.skip('CUDA runs on this machine');
  const r = cli(['--provider', 'cuda', fixture('plate_000.jpg')]);
  assert.equal(r.status, 2, r.stdout);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /--provider cuda: CUDA cannot run here: \S/);
});

test('--searchable-pdf: two inputs of one name get two PDFs, and a file or a missing folder is refused first', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-pdf-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const copy = path.join(dir, 'in', 'plate_000.jpg');
  mkdirSync(path.dirname(copy));
  copyFileSync(fixture('sroie_006.jpg'), copy);
  const out = path.join(dir, 'out');
  const r = cli(['--format', 'text', '--searchable-pdf', out, fixture('plate_000.jpg'), copy]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stderr,
    /plate_000\.jpg: writing .*plate_000-2\.pdf \(plate_000\.pdf is an earlier input's\)/,
  );
  assert.deepEqual(readdirSync(out).sort(), ['plate_000-2.pdf', 'plate_000.pdf']);
  const text = (f: string) => execFileSync('pdftotext', [path.join(out, f), '-'], { encoding: 'utf8' });
  assert.match(text('plate_000.pdf'), /L3N67/);
  assert.match(text('plate_000-2.pdf'), /SOON HUAT/);
  // The folder left out: the first input taken for it is a file, so nothing is read.
  const file = cli(['--searchable-pdf', fixture('plate_000.jpg'), fixture('sroie_006.jpg')]);
  assert.equal(file.status, 2);
  assert.match(file.stderr, /--searchable-pdf takes a folder, and .*plate_000\.jpg is a file/);
  assert.equal(file.stdout, '');
  const alone = cli(['--searchable-pdf', fixture('plate_000.jpg')]);
  assert.equal(alone.status, 2);
  assert.match(alone.stderr, /no input given \(--searchable-pdf takes a folder first/);
});

test('--searchable-pdf into a folder this user cannot write (or make) is refused first, not once per input read', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-ro-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  chmodSync(dir, 0o555);
  // Root writes anywhere: run as nobody so that the folder really is read-only.
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  for (const [out, why] of [
    [dir, /--searchable-pdf .*: the folder cannot be written \(EACCES\)/],
    [
      path.join(dir, 'new', 'pdfs'),
      /--searchable-pdf .*: the folder cannot be made in .*lantern-cli-ro-\w+ \(EACCES\)/,
    ],
  ] as const) {
    const r = spawnSync(
      process.execPath,
      [path.resolve('dist/node/cli.mjs'), '--searchable-pdf', out, fixture('plate_000.jpg')],
      { encoding: 'utf8', ...asNobody },
    );
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, why);
    assert.equal(r.stdout, '', 'no input is read');
  }
});

test('a signal (Ctrl-C, kill) while a searchable PDF is written leaves no half-written .part file', async (t) => {
  if (process.platform === 'win32') return t.skip('no mkfifo, no POSIX signals');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-signal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const child = spawn(process.execPath, ['dist/node/cli.mjs', '--searchable-pdf', dir, '-'], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // The PDF is written beside as DIR/stdin.pdf.<pid>.part: made a pipe here, the write waits on it, mid-file once its
  // buffer is full (the receipt's PDF is far larger), until the signal comes.
  const part = path.join(dir, `stdin.pdf.${child.pid}.part`);
  execFileSync('mkfifo', [part]);
  const exited = new Promise<[number | null, string | null]>((r) => child.on('exit', (c, s) => r([c, s])));
  child.stdin.end(readFileSync(fixture('sroie_006.jpg')));
  const reader = await open(part, 'r'); // returns once the CLI has opened it to write
  t.after(() => reader.close());
  child.kill('SIGTERM');
  assert.deepEqual(await exited, [null, 'SIGTERM'], 'killed by the signal, as a shell expects');
  assert.deepEqual(readdirSync(dir), [], 'neither the .part file nor a PDF is left');
});

test('--searchable-pdf never writes over an input: a PDF in DIR and a link in DIR keep their bytes', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-own-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // invoice.png and invoice.pdf side by side (what `lantern --searchable-pdf . *` meets), and a link to a PDF elsewhere.
  copyFileSync(fixture('plate_000.jpg'), path.join(dir, 'invoice.png'));
  execFileSync('img2pdf', [
    '-o',
    path.join(dir, 'invoice.pdf'),
    fixture('sroie_006.jpg'),
    fixture('plate_000.jpg'),
  ]);
  mkdirSync(path.join(dir, 'elsewhere'));
  execFileSync('img2pdf', ['-o', path.join(dir, 'elsewhere', 'linked.pdf'), fixture('sroie_006.jpg')]);
  symlinkSync(path.join(dir, 'elsewhere', 'linked.pdf'), path.join(dir, 'linked.pdf'));
  const before = ['invoice.pdf', 'elsewhere/linked.pdf'].map((f) => readFileSync(path.join(dir, f)));
  const r = spawnSync(
    process.execPath,
    [
      path.resolve('dist/node/cli.mjs'),
      '--format',
      'text',
      '--searchable-pdf',
      '.',
      'invoice.png',
      'invoice.pdf',
      'linked.pdf',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stderr,
    /invoice\.png: writing .*invoice-2\.pdf \(invoice\.pdf is an input, never written over\)/,
  );
  assert.match(
    r.stderr,
    /linked\.pdf: writing .*linked-2\.pdf \(linked\.pdf is an input, never written over\)/,
  );
  ['invoice.pdf', 'elsewhere/linked.pdf'].forEach((f, i) =>
    assert.ok(readFileSync(path.join(dir, f)).equals(before[i]!), f),
  );
  // Each input's own text, on stdout and in its own PDF.
  const [, png, pdf] = r.stdout.split(/^==> .* <==$/m);
  assert.match(png!, /L3N67/);
  assert.doesNotMatch(png!, /SOON HUAT/);
  assert.match(pdf!, /SOON HUAT/);
  const text = (f: string) => execFileSync('pdftotext', [path.join(dir, f), '-'], { encoding: 'utf8' });
  assert.match(text('invoice-2.pdf'), /L3N67/);
  assert.match(text('invoice-3.pdf'), /SOON HUAT[\s\S]*L3N67/);
  assert.match(text('linked-2.pdf'), /SOON HUAT/);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.endsWith('.part')),
    [],
  );

  // Under `npm run ocr` from DIR (npm runs the script from the package root): the same protection.
  const again = readFileSync(path.join(dir, 'invoice.pdf'));
  const viaNpm = spawnSync(
    'npm',
    [
      '--prefix',
      path.resolve('.'),
      'run',
      '-s',
      'ocr',
      '--',
      '--searchable-pdf',
      '.',
      'invoice.png',
      'invoice.pdf',
    ],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  assert.equal(viaNpm.status, 0, viaNpm.stderr);
  assert.match(viaNpm.stderr, /invoice\.pdf is an input, never written over/);
  assert.ok(readFileSync(path.join(dir, 'invoice.pdf')).equals(again), 'invoice.pdf kept under npm run');
  // The input given by its own path elsewhere, with a link to it in DIR named as its PDF would be: both are kept.
  const real = spawnSync(
    process.execPath,
    [path.resolve('dist/node/cli.mjs'), '--searchable-pdf', dir, path.join(dir, 'elsewhere', 'linked.pdf')],
    { encoding: 'utf8' },
  );
  assert.equal(real.status, 0, real.stderr);
  assert.match(real.stderr, /linked\.pdf is an input, never written over/);
  assert.ok(lstatSync(path.join(dir, 'linked.pdf')).isSymbolicLink(), 'the link is still a link');
  assert.ok(readFileSync(path.join(dir, 'elsewhere', 'linked.pdf')).equals(before[1]!));
});

test('a reader that leaves (| head -1) ends the run quietly; a full disk is an error, not a silent exit 0', async () => {
  const inputs = ['plate_000.jpg', 'sroie_006.jpg', 'plate_000.jpg', 'sroie_006.jpg', 'plate_000.jpg'].map(
    fixture,
  );
  const child = spawn(process.execPath, ['dist/node/cli.mjs', ...inputs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const first = await new Promise<string>((resolve) => {
    let got = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      got += d;
      if (got.includes('\n')) {
        child.stdout.destroy(); // as `head -1` does: the next write meets a closed pipe
        resolve(got.split('\n')[0]!);
      }
    });
  });
  assert.equal((JSON.parse(first) as { file: string }).file, inputs[0]);
  const [code, signal] = await new Promise<[number | null, string | null]>((r) =>
    child.on('exit', (c, s) => r([c, s])),
  );
  assert.deepEqual([code, signal], [0, null], err);
  assert.equal(err, '', 'no stack trace, no abort');

  if (process.platform !== 'linux') return;
  const full = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(process.execPath, ['dist/node/cli.mjs', '--format', 'text', inputs[0]!], {
      stdio: ['ignore', full, 'pipe'],
      encoding: 'utf8',
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^lantern: results could not be written to stdout: ENOSPC/m);
  } finally {
    closeSync(full);
  }
});

test('--help and --version that cannot be written (a full disk) exit 1 and say why, as results do', (t) => {
  if (process.platform !== 'linux') return t.skip('/dev/full is Linux only');
  const full = openSync('/dev/full', 'w');
  try {
    for (const flag of ['--help', '--version']) {
      const r = spawnSync(process.execPath, ['dist/node/cli.mjs', flag], {
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      assert.equal(r.status, 1, flag);
      assert.match(r.stderr, /^lantern: results could not be written to stdout: ENOSPC/m, flag);
    }
  } finally {
    closeSync(full);
  }
  const ok = cli(['--version']);
  assert.equal(ok.status, 0);
  assert.match(ok.stdout, /^lantern \d+\.\d+\.\d+\n$/);
});

test('--threads takes decimal digits up to 256: a typo is refused before any model loads (exit 2)', () => {
  for (const [raw, why] of [
    ['99999', /--threads must be at most 256, not 99999/],
    ['', /--threads must be an integer ≥ 0, not ""/],
    ['0x2', /--threads must be an integer ≥ 0, not "0x2"/],
  ] as const) {
    const r = cli(['--threads', raw, fixture('plate_000.jpg')]);
    assert.equal(r.status, 2, raw);
    assert.match(r.stderr, why);
    assert.equal(r.stdout, '');
  }
});

test('--paragraphs holds for documents too: JSON pages carry paragraphs, text puts blank lines between them', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-para-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const pdf = path.join(dir, 'two.pdf');
  execFileSync('img2pdf', ['-o', pdf, fixture('two-column-page.png')]);
  const json = cli(['--paragraphs', pdf]);
  assert.equal(json.status, 0, json.stderr);
  const [page] = (JSON.parse(json.stdout) as { pages: { paragraphs?: string[] }[] }).pages;
  assert.equal(page?.paragraphs?.length, 2);
  assert.match(page!.paragraphs![1]!, /^The \(quick\) \[brown\] \{fox\} jumps!/);
  const text = cli(['--format', 'text', '--paragraphs', pdf]);
  assert.equal(text.stdout.trim(), page!.paragraphs!.join('\n\n'));
  // An image with --searchable-pdf takes the document path: its paragraphs are kept as well.
  const image = cli(['--paragraphs', '--searchable-pdf', dir, fixture('two-column-page.png')]);
  const own = (JSON.parse(image.stdout) as { paragraphs?: string[] }).paragraphs;
  assert.equal(own?.length, 2);
  assert.match(own![1]!, /^The \(quick\) \[brown\] \{fox\} jumps!/);
  const imageText = cli([
    '--format',
    'text',
    '--paragraphs',
    '--searchable-pdf',
    dir,
    fixture('two-column-page.png'),
  ]);
  assert.equal(imageText.stdout.trim(), own!.join('\n\n'));
});

test('a read-only HOME (a service user, a container) leaves stderr clean: no onnxruntime telemetry warning', (t) => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'lantern-ro-home-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  chmodSync(home, 0o555);
  // Root writes anywhere: run as nobody so that the folder really is read-only.
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(
    process.execPath,
    [path.resolve('dist/node/cli.mjs'), '--format', 'text', fixture('plate_000.jpg')],
    {
      encoding: 'utf8',
      env: { ...process.env, HOME: home },
      ...asNobody,
    },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /L3N67/);
  assert.equal(r.stderr, '');
});

test('--version prints the package version and exits 0 without loading the models', () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const r = cli(['--version']);
  assert.deepEqual([r.status, r.stdout, r.stderr], [0, `lantern ${version}\n`, '']);
});

test('"-" reads the image or document piped into stdin, once', () => {
  const piped = spawnSync(process.execPath, ['dist/node/cli.mjs', '--format', 'text', '-'], {
    input: readFileSync(fixture('plate_000.jpg')),
    encoding: 'utf8',
  });
  assert.equal(piped.status, 0, piped.stderr);
  assert.match(piped.stdout, /L3N67/);
  const twice = cli(['-', '-']);
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /"-" \(stdin\) can be given once/);
});

test('a pipe named as an input (<(…)) is read; a folder, and a device that never ends (named or on stdin), fail alone and coded', (t) => {
  if (process.platform === 'win32') return t.skip('no process substitution');
  const script = `exec "$0" dist/node/cli.mjs --format json <(cat "$1") "$2" /dev/zero - < /dev/zero`;
  const dir = path.dirname(fixture('plate_000.jpg'));
  const r = spawnSync('bash', ['-c', script, process.execPath, fixture('plate_000.jpg'), dir], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 1, r.stderr);
  const [piped, folder, endless, stdin] = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.match(piped.text, /L3N67/);
  assert.equal(folder.error.code, 'FILE_UNREADABLE');
  assert.match(folder.error.message, /: a folder, not a file$/);
  assert.equal(endless.error.code, 'IMAGE_TOO_LARGE');
  // stdin is held to the same limit, with the same code.
  assert.equal(stdin.error.code, 'IMAGE_TOO_LARGE');
});

test('a reader of stderr that left (2>&1 >out | head -1) loses only the messages: every result still prints', async (t) => {
  if (process.platform === 'win32') return t.skip('no mkfifo');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-stderr-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bad = path.join(dir, 'bad.png');
  writeFileSync(bad, 'not an image');
  // stderr is a pipe whose reader is gone before the run starts: every message meets EPIPE.
  const fifo = path.join(dir, 'stderr');
  execFileSync('mkfifo', [fifo]);
  const reader = openSync(fifo, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  const writer = openSync(fifo, 'w');
  closeSync(reader);
  t.after(() => closeSync(writer));
  const child = spawn(
    process.execPath,
    ['dist/node/cli.mjs', '--format', 'text', bad, fixture('plate_000.jpg'), bad, '-'],
    { stdio: ['pipe', 'pipe', writer] },
  );
  const { stdin, stdout } = child;
  assert.ok(stdin && stdout);
  let out = '';
  stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    // The last input comes only once the second failure is on its way to stderr (it prints before it).
    if (out.includes('L3N67') && stdin.writable) stdin.end(readFileSync(fixture('ic15_word_1.png')));
  });
  const [code, signal] = await new Promise<[number | null, string | null]>((r) =>
    child.on('exit', (c, s) => r([c, s])),
  );
  assert.deepEqual([code, signal], [1, null], 'exit 1 for the failed inputs, no crash or abort');
  assert.match(out, /^==> .*plate_000\.jpg <==\n.*L3N67\n\n==> - <==\nJOINT\n$/);
});

test('`npm run ocr` stopped with SIGTERM (a script, CI) stops the CLI, not only npm', async (t) => {
  if (process.platform === 'win32') return t.skip('no POSIX signals');
  // An image, then stdin: a pipe that another process holds open, so on its own the run would wait for good (npm's
  // own stdin pipe would not do: Node closes it once npm exits).
  const holder = spawn('sleep', ['infinity'], { stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => holder.kill()); // a CLI left behind then reads the end of its input and exits
  const npm = spawn('npm', ['run', '-s', 'ocr', '--', fixture('plate_000.jpg'), '-'], {
    stdio: [holder.stdout, 'pipe', 'ignore'],
  });
  // npm, its shell and the CLI all hold npm's stdout: it closes once every one of them has exited.
  const closed = new Promise<void>((r) => npm.on('close', () => r()));
  let out = '';
  await new Promise<void>((r) =>
    npm.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) r();
    }),
  );
  assert.match(out, /L3N67/);
  npm.kill('SIGTERM');
  const left = await Promise.race([
    closed.then(() => 'stopped'),
    // Only a bound for the failure message: nothing waits on time when the CLI stops.
    new Promise<string>((r) => setTimeout(() => r('still running'), 30000).unref()),
  ]);
  assert.equal(left, 'stopped');
});
