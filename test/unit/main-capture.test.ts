import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DisplayGeometry, Rect, Size } from '../../app/capture/region-geometry';
import type { EngineStatus } from '../../app/contracts/status';
import type { OcrResult } from '../../app/ocr/types';
import {
  grabDisplays,
  overlayWindowOptions,
  thumbnailRequests,
  type ImageLike,
  type ScreenSource,
} from '../../main/capture-displays';
import type { HistoryImage } from '../../app/contracts/lantern-api';
import { HISTORY_IMAGE_MAX_BYTES } from '../../app/watch/history-store';
import {
  captureFlow,
  MAC_PERMISSION_MESSAGE,
  type CaptureDeps,
  type CapturedRegion,
  type CaptureSelection,
} from '../../main/capture-flow';
import { createNotifier, type NotifyAction } from '../../main/notifications';
import { setupCaptureOverlays } from '../../main/capture-overlays';
import { EventEmitter } from 'node:events';
import { CAPTURE_CHANNELS } from '../../main/capture-channels';
import { showCaptureInWindow } from '../../main/capture-show';
import { acceleratorProblem, captureShortcut, DEFAULT_CAPTURE_SHORTCUT } from '../../main/capture-shortcut';
import { trayMenuTemplate } from '../../main/tray-menu';

/** A screenshot of `size` whose pixel (x, y) is RGB (x mod 256, y mod 256, tag): crops can be checked pixel by pixel. */
class FakeImage implements ImageLike {
  constructor(
    readonly size: Size,
    readonly tag: number,
    readonly origin = { x: 0, y: 0 },
  ) {}
  getSize(): Size {
    return this.size;
  }
  resize(o: { width: number; height: number }): FakeImage {
    return new FakeImage({ width: o.width, height: o.height }, this.tag, this.origin);
  }
  /** A JPEG stand-in: a quarter byte per pixel, so the history bound can be checked against sizes. */
  toJPEG(): Uint8Array {
    const { width, height } = this.size;
    return new Uint8Array(Math.ceil((width * height) / 4)).fill(this.tag);
  }
  crop(r: Rect): FakeImage {
    assert.ok(
      r.x >= 0 && r.y >= 0 && r.x + r.width <= this.size.width && r.y + r.height <= this.size.height,
      'crop inside',
    );
    return new FakeImage({ width: r.width, height: r.height }, this.tag, {
      x: this.origin.x + r.x,
      y: this.origin.y + r.y,
    });
  }
  toPNG(): Uint8Array {
    const { width, height } = this.size;
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 3;
        raw[i] = (this.origin.x + x) % 256;
        raw[i + 1] = (this.origin.y + y) % 256;
        raw[i + 2] = this.tag;
      }
    // Encoded synchronously elsewhere in Electron; here the raw pixels travel and the fake engine reads them.
    return new Uint8Array(
      Buffer.concat([Buffer.from(JSON.stringify({ width, height })), Buffer.from([0]), raw]),
    );
  }
  toDataURL(): string {
    return 'data:image/png;base64,';
  }
}

const LEFT: DisplayGeometry = {
  id: 7,
  bounds: { x: -1920, y: -300, width: 1920, height: 1080 },
  scaleFactor: 1,
};
const PRIMARY: DisplayGeometry = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, scaleFactor: 2 };
const RIGHT: DisplayGeometry = {
  id: 3,
  bounds: { x: 1440, y: 0, width: 1280, height: 800 },
  scaleFactor: 1.5,
};

/** desktopCapturer faked: one source per display, thumbnails at the size asked for, as Electron does. */
function fakeCapturer(displays: readonly DisplayGeometry[], ids = true) {
  const asked: Size[] = [];
  return {
    asked,
    getSources: async (o: { types: 'screen'[]; thumbnailSize: Size }): Promise<ScreenSource[]> => {
      asked.push(o.thumbnailSize);
      return displays.map((d) => {
        const fit = Math.min(
          o.thumbnailSize.width / d.bounds.width,
          o.thumbnailSize.height / d.bounds.height,
        );
        return {
          display_id: ids ? String(d.id) : '',
          thumbnail: new FakeImage(
            { width: Math.round(d.bounds.width * fit), height: Math.round(d.bounds.height * fit) },
            d.id,
          ),
        };
      });
    },
  };
}

/** What the fake engine saw of a crop. */
function decode(bytes: Uint8Array) {
  const buf = Buffer.from(bytes);
  const z = buf.indexOf(0);
  const { width, height } = JSON.parse(buf.subarray(0, z).toString()) as Size;
  const raw = buf.subarray(z + 1);
  return { width, height, x0: raw[0]!, y0: raw[1]!, tag: raw[2]! };
}

const result = (text: string): OcrResult => ({ text, lines: text ? [{ text }] : [] }) as unknown as OcrResult;

function harness(over: Partial<CaptureDeps> = {}) {
  const notes: [string, string][] = [];
  const actions: (NotifyAction | undefined)[] = [];
  const copied: string[] = [];
  const history: string[] = [];
  const images: (HistoryImage | undefined)[] = [];
  const seen: { name: string; priority: string | undefined; crop: ReturnType<typeof decode> }[] = [];
  const capturer = fakeCapturer([LEFT, PRIMARY]);
  const deps: CaptureDeps = {
    platform: 'linux',
    displays: () => [LEFT, PRIMARY],
    grab: (ds) => grabDisplays(capturer, ds),
    select: async () => ({ displayId: PRIMARY.id, crop: { x: 20, y: 40, width: 60, height: 80 } }),
    engine: {
      recognize: async (input, _o, submit) => {
        assert.equal(input.kind, 'bytes');
        seen.push({
          name: String(input.name),
          priority: submit?.priority,
          crop: decode((input as { bytes: Uint8Array }).bytes),
        });
        return result('Hello capture\nsecond line');
      },
    },
    clipboard: { writeText: (t) => void copied.push(t) },
    history: {
      add: (name, _r, image) => {
        history.push(name);
        images.push(image);
      },
    },
    notify: (t, b, action) => {
      notes.push([t, b]);
      actions.push(action);
    },
    log: () => {},
    ...over,
  };
  return { deps, flow: captureFlow(deps), notes, actions, copied, history, images, seen, capturer };
}

describe('capture shortcut', () => {
  test('the default has three modifiers and registers; a new one replaces it', () => {
    assert.equal(acceleratorProblem(DEFAULT_CAPTURE_SHORTCUT), null);
    const bound = new Map<string, () => void>();
    let triggered = 0;
    const s = captureShortcut({
      globalShortcut: {
        register: (a, cb) => (bound.has(a) ? false : (bound.set(a, cb), true)),
        unregister: (a) => void bound.delete(a),
      },
      onTrigger: () => triggered++,
      log: () => {},
    });
    assert.deepEqual(s.apply(DEFAULT_CAPTURE_SHORTCUT), {
      kind: 'registered',
      accelerator: DEFAULT_CAPTURE_SHORTCUT,
    });
    bound.get(DEFAULT_CAPTURE_SHORTCUT)!();
    assert.equal(triggered, 1);
    assert.equal(s.apply('Super+Shift+T').kind, 'registered');
    assert.deepEqual([...bound.keys()], ['Super+Shift+T']);
    assert.deepEqual(s.apply(''), { kind: 'off' });
    assert.equal(bound.size, 0);
  });

  test('a shortcut another app owns (register returns false) gives a clear message; the old one stays bound', () => {
    const logs: string[] = [];
    const bound = new Map<string, () => void>();
    const s = captureShortcut({
      globalShortcut: {
        register: (a, cb) => (a === 'Ctrl+Alt+T' || bound.has(a) ? false : (bound.set(a, cb), true)),
        unregister: (a) => void bound.delete(a),
      },
      onTrigger: () => {},
      log: (m) => logs.push(m),
    });
    assert.equal(s.apply('Super+Shift+O').kind, 'registered');
    const r = s.apply('Ctrl+Alt+T');
    assert.equal(r.kind, 'taken');
    assert.match(
      (r as { message: string }).message,
      /Ctrl\+Alt\+T is already used by the system or another application; Super\+Shift\+O stays the shortcut/,
    );
    assert.match(logs[0]!, /not registered/);
    assert.deepEqual([...bound.keys()], ['Super+Shift+O']);
    assert.equal(s.apply('T').kind, 'invalid');
    assert.deepEqual([...bound.keys()], ['Super+Shift+O'], 'a malformed one leaves it bound too');
    assert.equal(s.apply('Super+Shift+O').kind, 'registered', 'the same one again is no change');
    assert.deepEqual([...bound.keys()], ['Super+Shift+O']);
  });

  test('another spelling of the bound key (ours, so register refuses it) replaces it', () => {
    const key = (a: string) => a.replace(/^(Ctrl|Control|CommandOrControl)\+/, 'Ctrl+');
    const bound = new Map<string, string>(); // key → accelerator
    const s = captureShortcut({
      globalShortcut: {
        register: (a) => (bound.has(key(a)) ? false : (bound.set(key(a), a), true)),
        unregister: (a) => void bound.delete(key(a)),
      },
      onTrigger: () => {},
      log: () => {},
    });
    assert.equal(s.apply('CommandOrControl+Alt+Shift+O').kind, 'registered');
    assert.equal(s.apply('Ctrl+Alt+Shift+O').kind, 'registered');
    assert.deepEqual([...bound.values()], ['Ctrl+Alt+Shift+O']);
    assert.equal(s.apply('Super+T').kind, 'registered');
    assert.deepEqual([...bound.values()], ['Super+T'], 'the swapped-in spelling is the one unregistered');
  });

  test('malformed accelerators are refused before Electron sees them', () => {
    for (const bad of ['T', 'Ctrl+Banana', 'Hyper+T', 'Ctrl+Shift+'])
      assert.notEqual(acceleratorProblem(bad), null, bad);
    assert.equal(acceleratorProblem('Ctrl+Shift++'), null);
    const s = captureShortcut({
      globalShortcut: { register: () => assert.fail('not called'), unregister: () => {} },
      onTrigger: () => {},
      log: () => {},
    });
    assert.equal(s.apply('T').kind, 'invalid');
  });
});

describe('capture displays', () => {
  test('each display is taken at its own native size, even with mixed scale factors and negative origins', async () => {
    const all = [LEFT, PRIMARY, RIGHT];
    assert.deepEqual(
      thumbnailRequests(all).map((g) => [g.size, g.displays.map((d) => d.id)]),
      [
        [{ width: 1920, height: 1080 }, [7]],
        [{ width: 2880, height: 1800 }, [1]],
        [{ width: 1920, height: 1200 }, [3]],
      ],
    );
    const capturer = fakeCapturer(all);
    const shots = await grabDisplays(capturer, all);
    assert.deepEqual(
      shots.map((s) => [s.display.id, s.image.getSize()]),
      [
        [7, { width: 1920, height: 1080 }],
        [1, { width: 2880, height: 1800 }],
        [3, { width: 1920, height: 1200 }],
      ],
    );
    // Without display ids (some Linux setups) the sources are matched by position.
    const noIds = await grabDisplays(fakeCapturer(all, false), all);
    assert.deepEqual(
      noIds.map((s) => (s.image as unknown as FakeImage).tag),
      [7, 1, 3],
    );
  });

  test('the overlay is frameless, on top, exactly over its display and sandboxed', () => {
    const o = overlayWindowOptions(LEFT, '/app/preload.cjs');
    assert.deepEqual([o.x, o.y, o.width, o.height], [-1920, -300, 1920, 1080]);
    assert.equal(o.frame, false);
    assert.equal(o.alwaysOnTop, true);
    assert.equal(o.skipTaskbar, true);
    assert.equal(o.show, false);
    assert.equal(o.webPreferences?.sandbox, true);
    assert.equal(o.webPreferences?.contextIsolation, true);
    assert.equal(o.webPreferences?.nodeIntegration, false);
    assert.equal(o.webPreferences?.preload, '/app/preload.cjs');
  });
});

describe('capture flow', () => {
  test('a region on a scale-2 display: those physical pixels go to OCR at interactive priority, then clipboard, notification, history', async () => {
    const h = harness();
    const out = await h.flow.capture();
    assert.deepEqual(out, { kind: 'copied', text: 'Hello capture\nsecond line' });
    assert.equal(h.seen.length, 1);
    assert.equal(h.seen[0]!.priority, 'interactive');
    assert.deepEqual(h.seen[0]!.crop, { width: 60, height: 80, x0: 20, y0: 40, tag: PRIMARY.id });
    assert.deepEqual(h.copied, ['Hello capture\nsecond line']);
    assert.deepEqual(h.notes, [['Text copied to the clipboard', 'Hello capture']]);
    assert.deepEqual(h.history, ['Screen capture']);
  });

  test('the notification opens the region in the window: its crop and its result', async () => {
    const opened: CapturedRegion[] = [];
    const h = harness({ open: (r) => void opened.push(r) });
    await h.flow.capture();
    const action = h.actions[0];
    assert.equal(action?.label, 'Open');
    assert.equal(opened.length, 0, 'nothing opens before the click');
    action!.run();
    assert.equal(opened.length, 1);
    assert.equal(opened[0]!.result.text, 'Hello capture\nsecond line');
    assert.deepEqual(decode(opened[0]!.png), { width: 60, height: 80, x0: 20, y0: 40, tag: PRIMARY.id });
    // Without a window to open, the notification has no action.
    const plain = harness();
    await plain.flow.capture();
    assert.equal(plain.actions[0], undefined);
  });

  test('History keeps the crop: the PNG when small, else a JPEG at most 1024 px a side within the bound', async () => {
    const small = harness();
    await small.flow.capture();
    assert.equal(small.images[0]?.type, 'image/png');
    assert.deepEqual(decode(small.images[0]!.bytes), {
      width: 60,
      height: 80,
      x0: 20,
      y0: 40,
      tag: PRIMARY.id,
    });
    // The whole 1920 × 1080 left display: its PNG (6 MB here) is far over the bound.
    const whole = harness({
      select: async () => ({ displayId: LEFT.id, crop: { x: 0, y: 0, width: 1920, height: 1080 } }),
    });
    await whole.flow.capture();
    const image = whole.images[0]!;
    assert.equal(image.type, 'image/jpeg');
    assert.equal(image.bytes.byteLength, (1024 * 576) / 4, 'resized to 1024 × 576 before the JPEG encode');
    assert.ok(image.bytes.byteLength <= HISTORY_IMAGE_MAX_BYTES);
    assert.deepEqual(
      whole.copied,
      ['Hello capture\nsecond line'],
      'the clipboard still gets the full-size read',
    );
  });

  test('the captureCopy setting: one paragraph joins the lines (no space after CJK)', async () => {
    let mode: 'lines' | 'paragraph' = 'paragraph';
    const h = harness({
      copyMode: () => mode,
      engine: { recognize: async () => result('Hello capture\nsecond line\n中文\n结尾') },
    });
    assert.deepEqual(await h.flow.capture(), { kind: 'copied', text: 'Hello capture second line 中文结尾' });
    mode = 'lines';
    await h.flow.capture();
    assert.deepEqual(h.copied, [
      'Hello capture second line 中文结尾',
      'Hello capture\nsecond line\n中文\n结尾',
    ]);
    assert.equal(h.notes[0]![1], 'Hello capture', 'the notification shows the first line either way');
  });

  test('Repeat last region reads the same pixels of the same display without a selector', async () => {
    let selects = 0;
    const h = harness({
      select: async () => {
        selects++;
        return { displayId: LEFT.id, crop: { x: 900, y: 10, width: 300, height: 40 } };
      },
    });
    assert.equal((await h.flow.repeat()).kind, 'cancelled');
    assert.equal(h.notes[0]![0], 'No region yet');
    await h.flow.capture();
    await h.flow.repeat();
    assert.equal(selects, 1);
    assert.deepEqual(
      h.seen.map((s) => s.crop),
      [
        { width: 300, height: 40, x0: 900 % 256, y0: 10, tag: LEFT.id },
        { width: 300, height: 40, x0: 900 % 256, y0: 10, tag: LEFT.id },
      ],
    );
  });

  test('cancel: nothing is recognised, copied or notified', async () => {
    const h = harness({ select: async () => null });
    assert.deepEqual(await h.flow.capture(), { kind: 'cancelled' });
    assert.deepEqual([h.seen, h.copied, h.notes, h.history], [[], [], [], []]);
  });

  test('macOS without Screen Recording permission explains how to grant it and captures nothing', async () => {
    let grabbed = false;
    const h = harness({
      platform: 'darwin',
      screenAccess: () => 'denied',
      grab: async () => {
        grabbed = true;
        return [];
      },
    });
    const out = await h.flow.capture();
    assert.deepEqual(out, { kind: 'denied', message: MAC_PERMISSION_MESSAGE });
    assert.equal(grabbed, false);
    assert.match(h.notes[0]![1], /Privacy & Security/);
  });

  test('a Wayland portal that refuses gives a message naming the portal', async () => {
    const h = harness({
      sessionType: 'wayland',
      grab: async () => {
        throw new Error('Failed to get sources.');
      },
    });
    const out = await h.flow.capture();
    assert.equal(out.kind, 'failed');
    assert.match((out as { message: string }).message, /xdg-desktop-portal \(PipeWire\)/);
    assert.equal(h.notes[0]![0], 'Screen capture failed');
  });

  test('a warming engine: the request waits and is copied once the engine is ready, never lost', async () => {
    let ready: () => void = () => {};
    const warm = new Promise<void>((r) => (ready = r));
    let queued: () => void = () => {};
    const waiting = new Promise<void>((r) => (queued = r));
    let warmingNow = true;
    const h = harness({
      warming: () => warmingNow,
      engine: {
        recognize: async () => {
          queued();
          await warm;
          return result('After warm-up');
        },
      },
    });
    const pending = h.flow.capture();
    await waiting;
    assert.deepEqual(h.copied, []);
    assert.deepEqual(h.notes, [
      ['The engine is still starting', 'The region will be read and copied as soon as it is ready.'],
    ]);
    // The shortcut again while that region waits: no second capture, and the user is told why nothing opens.
    assert.deepEqual(await h.flow.capture(), { kind: 'busy' });
    assert.deepEqual(await h.flow.repeat(), { kind: 'busy' });
    assert.deepEqual(h.notes.slice(1), [
      [
        'A capture is already in progress',
        'The region you selected will be read and copied as soon as the engine is ready.',
      ],
      [
        'A capture is already in progress',
        'The region you selected will be read and copied as soon as the engine is ready.',
      ],
    ]);
    warmingNow = false;
    ready();
    assert.deepEqual(await pending, { kind: 'copied', text: 'After warm-up' });
    assert.deepEqual(h.copied, ['After warm-up']);
  });

  test('the shortcut again while the selector is up brings it forward, with no notification', async () => {
    let choose: (s: CaptureSelection | null) => void = () => {};
    let shown: () => void = () => {};
    const selecting = new Promise<void>((r) => (shown = r));
    let raised = 0;
    const h = harness({
      select: () =>
        new Promise((r) => {
          choose = r;
          shown();
        }),
      raiseSelector: () => raised++,
    });
    const pending = h.flow.capture();
    await selecting;
    assert.deepEqual(await h.flow.capture(), { kind: 'busy' });
    assert.equal(raised, 1);
    assert.deepEqual(h.notes, []);
    choose(null);
    assert.deepEqual(await pending, { kind: 'cancelled' });
  });
});

describe('capture overlays', () => {
  /** An overlay window; its webContents can lose its renderer (Electron's render-process-gone). */
  class Overlay extends EventEmitter {
    static n = 500;
    readonly webContents = Object.assign(new EventEmitter(), { id: Overlay.n++, send: () => {} });
    closed = false;
    setAlwaysOnTop() {}
    show() {}
    focus() {}
    close() {
      if (this.closed) return;
      this.closed = true;
      this.emit('closed');
    }
    isDestroyed() {
      return this.closed;
    }
    async loadURL() {}
  }

  /** The overlays over windows of class `W`, the cursor on the primary display, the engine warm. */
  const overlaysOf = (W: new () => Overlay) =>
    setupCaptureOverlays({
      BrowserWindow: W,
      ipcMain: { handle: () => {}, on: () => undefined },
      preload: '/p.cjs',
      secure: () => {},
      cursorDisplayId: () => PRIMARY.id,
      warming: () => false,
      language: () => 'system',
    });

  test('an overlay whose page crashed cancels the capture and closes every overlay (none stays black over a screen)', async () => {
    const created: Overlay[] = [];
    const overlays = overlaysOf(
      class extends Overlay {
        constructor() {
          super();
          created.push(this);
        }
      },
    );
    const image = new FakeImage({ width: 10, height: 10 }, 1);
    const selected = overlays.select([
      { display: LEFT, image },
      { display: PRIMARY, image },
    ]);
    assert.equal(created.length, 2);
    created[1]!.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    assert.equal(await selected, null, 'the capture ends as cancelled (the next one can start)');
    assert.deepEqual(
      created.map((w) => w.closed),
      [true, true],
    );
  });

  test('bringForward shows every open overlay again and focuses the one under the cursor', () => {
    const created: (Overlay & { shows: number; focuses: number })[] = [];
    const overlays = overlaysOf(
      class extends Overlay {
        shows = 0;
        focuses = 0;
        constructor() {
          super();
          created.push(this);
        }
        override show() {
          this.shows++;
        }
        override focus() {
          this.focuses++;
        }
      },
    );
    overlays.bringForward(); // none open: nothing to do
    const image = new FakeImage({ width: 10, height: 10 }, 1);
    void overlays.select([
      { display: LEFT, image },
      { display: PRIMARY, image },
    ]);
    overlays.bringForward();
    assert.deepEqual(
      created.map((w) => [w.shows, w.focuses]),
      [
        [1, 0],
        [1, 1],
      ],
    );
  });
});

describe('capture in the tray menu', () => {
  const actions = {
    showWindow: () => {},
    ocrClipboard: () => {},
    toggleWatching: () => {},
    retryEngine: () => {},
    openLog: () => {},
    quit: () => {},
  };
  const ready = {
    state: 'ready',
    message: 'Model ready',
    detail: { code: 'READY' },
    queue: 0,
    inFlight: 0,
  } as unknown as EngineStatus;

  test('"Capture text" and "Repeat last region" are there when capture is wired, and call it', () => {
    const calls: string[] = [];
    const menu = trayMenuTemplate(
      { status: ready, watchingPaused: false },
      { ...actions, captureText: () => calls.push('capture'), repeatCapture: () => calls.push('repeat') },
    );
    const capture = menu.find((i) => i.id === 'capture')!;
    const repeat = menu.find((i) => i.id === 'capture-repeat')!;
    assert.equal(capture.label, 'Capture text');
    assert.equal(repeat.label, 'Repeat last region');
    (capture.click as () => void)();
    (repeat.click as () => void)();
    assert.deepEqual(calls, ['capture', 'repeat']);
    assert.equal(
      trayMenuTemplate({ status: ready, watchingPaused: false }, actions).some((i) => i.id === 'capture'),
      false,
    );
  });
});

describe('clickable notifications', () => {
  test("a click (or, on macOS and Windows, the notification's button) runs the action once; plain ones have none", () => {
    const made: { o: { actions?: unknown }; emit: (ev: string) => void; shown: boolean }[] = [];
    class N {
      static isSupported = () => true;
      readonly on: (ev: string, l: () => void) => void;
      readonly emit: (ev: string) => void;
      shown = false;
      constructor(readonly o: { actions?: unknown }) {
        const ls = new Map<string, (() => void)[]>();
        this.on = (ev, l) => void ls.set(ev, [...(ls.get(ev) ?? []), l]);
        this.emit = (ev) => ls.get(ev)?.forEach((l) => l());
        made.push(this);
      }
      show() {
        this.shown = true;
      }
    }
    let runs = 0;
    const open = { label: 'Open', run: () => runs++ };
    createNotifier(N, 'darwin')('Text copied to the clipboard', 'Hello', open);
    createNotifier(N, 'linux')('Text copied to the clipboard', 'Hello', open);
    createNotifier(N, 'win32')('Capture shortcut not available', 'taken');
    assert.deepEqual(made[0]!.o.actions, [{ type: 'button', text: 'Open' }]);
    assert.equal(made[1]!.o.actions, undefined, 'Linux servers show no buttons; the click still works');
    assert.equal(made[2]!.o.actions, undefined);
    assert.ok(made.every((n) => n.shown));
    made[0]!.emit('action');
    made[1]!.emit('click');
    made[2]!.emit('click');
    assert.equal(runs, 2);
  });
});

describe('opening a capture in the window', () => {
  test('a window made anew gets the region once its page has loaded; a loaded one at once', () => {
    const region = { name: 'Screen capture', png: new Uint8Array([1, 2, 3]), result: result('Hello') };
    const target = (loading: boolean) => {
      const sent: [string, unknown][] = [];
      const waiting: (() => void)[] = [];
      return {
        sent,
        finishLoad: () => waiting.splice(0).forEach((l) => l()),
        webContents: {
          isLoading: () => loading,
          once: (_ev: 'did-finish-load', l: () => void) => void waiting.push(l),
          send: (ch: string, p: unknown) => void sent.push([ch, p]),
        },
      };
    };
    const fresh = target(true);
    showCaptureInWindow(() => fresh, region);
    assert.deepEqual(fresh.sent, []);
    fresh.finishLoad();
    assert.deepEqual(fresh.sent, [[CAPTURE_CHANNELS.show, region]]);
    const loaded = target(false);
    showCaptureInWindow(() => loaded, region);
    assert.deepEqual(loaded.sent, [[CAPTURE_CHANNELS.show, region]]);
  });
});
