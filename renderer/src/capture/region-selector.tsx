/** The region selector: a frozen image over the whole window, dimmed outside the selection, drag or keyboard to pick. */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import {
  isNudgeKey,
  nudge,
  physicalCrop,
  rectFromDrag,
  type Point,
  type Rect,
  type Size,
} from '../../../app/contracts/region-geometry';
import { LiveLine, useUtterance } from '../live-line';
import { useCaptureText } from './capture-messages';
import './capture.css';

/** A frozen frame to select from: an image URL and its size in physical pixels. */
export interface FrozenImage {
  readonly url: string;
  readonly width: number;
  readonly height: number;
}

/** A drag shorter than this (CSS pixels) on either side is a click, not a selection. */
const MIN_DRAG = 3;

/** The size the image is shown at: as large as fits the window with its aspect kept. */
function fitted(image: Size, win: Size): Size {
  const f = Math.min(win.width / image.width, win.height / image.height);
  return { width: image.width * f, height: image.height * f };
}

/** The first selection the keyboard makes: a third of the image, centred. */
function keyboardStart(shown: Size): Rect {
  const width = Math.max(1, Math.round(shown.width / 3));
  const height = Math.max(1, Math.round(shown.height / 6));
  return {
    x: Math.round((shown.width - width) / 2),
    y: Math.round((shown.height - height) / 2),
    width,
    height,
  };
}

/**
 * Full-window selector: `onSelect` gets the crop in the image's physical pixels (the whole image for Enter without a
 * selection or a double-click), `onCancel` Esc. `notice` is shown under the hint and said when it comes while open
 * (the engine warming).
 */
export function RegionSelector(props: {
  readonly image: FrozenImage;
  readonly onSelect: (crop: Rect) => void;
  readonly onCancel: () => void;
  readonly notice?: string;
}) {
  const { image, onSelect, onCancel, notice } = props;
  const tc = useCaptureText();
  const root = useRef<HTMLDivElement>(null);
  const img = useRef<HTMLImageElement>(null);
  const [win, setWin] = useState<Size>({ width: window.innerWidth, height: window.innerHeight });
  const [sel, setSel] = useState<Rect | null>(null);
  const [pointer, setPointer] = useState<Point | null>(null);
  const anchor = useRef<Point | null>(null);
  const done = useRef(false);
  // The size is said from a line already in the dialog (a region made with its words says nothing), on keyboard
  // steps only: a mouse drag would say a size for every pointer move.
  const [sizeSaid, saySize] = useUtterance();

  useEffect(() => {
    const onResize = () => setWin({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useLayoutEffect(() => root.current?.focus(), []);

  const shown = fitted(image, win);
  /** Image pixels per CSS pixel: the device scale factor when the image is the window at native resolution. */
  const scale = image.width / shown.width;
  const whole: Rect = { x: 0, y: 0, width: image.width, height: image.height };

  const finish = (crop: Rect | null) => {
    if (done.current || !crop) return;
    done.current = true;
    onSelect(crop);
  };
  const local = (e: PointerEvent): Point => {
    const r = img.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    anchor.current = local(e);
    setSel(null);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const p = local(e);
    setPointer(p);
    if (anchor.current) setSel(rectFromDrag(anchor.current, p, shown));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const a = anchor.current;
    anchor.current = null;
    if (!a) return;
    const r = rectFromDrag(a, local(e), shown);
    if (r.width < MIN_DRAG || r.height < MIN_DRAG) {
      setSel(null);
      return;
    }
    setSel(r);
    finish(physicalCrop(r, scale, image));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (!done.current) {
        done.current = true;
        onCancel();
      }
    } else if (e.key === 'Enter') {
      e.preventDefault();
      finish(sel ? physicalCrop(sel, scale, image) : whole);
    } else if (e.key === 'Tab') {
      // The selector is modal and its only stop: Tab must not reach the page under it, where Esc no longer cancels.
      e.preventDefault();
    } else if (isNudgeKey(e.key)) {
      e.preventDefault();
      const key = e.key;
      const step = e.ctrlKey || e.metaKey ? 10 : 1;
      const resize = e.shiftKey;
      const next = sel ? nudge(sel, key, shown, step, resize) : keyboardStart(shown);
      setSel(next);
      const size = physicalCrop(next, scale, image);
      const before = sel ? physicalCrop(sel, scale, image) : null;
      if (size && (size.width !== before?.width || size.height !== before.height))
        saySize(tc('capture.size', { w: size.width, h: size.height }));
    }
  };

  const crop = sel ? physicalCrop(sel, scale, image) : null;
  return (
    <div
      ref={root}
      className="capture-selector"
      role="dialog"
      aria-modal="true"
      aria-label={tc('capture.dialog')}
      aria-describedby="capture-hint"
      tabIndex={-1}
      data-testid="region-selector"
      data-image-width={image.width}
      data-image-height={image.height}
      data-scale={scale}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onDoubleClick={() => finish(whole)}
      onKeyDown={onKeyDown}
    >
      <img
        ref={img}
        className="capture-selector__image"
        src={image.url}
        alt=""
        draggable={false}
        style={{ width: shown.width, height: shown.height }}
      />
      <div className="capture-selector__frame" style={{ width: shown.width, height: shown.height }}>
        {sel ? (
          <div
            className="capture-selector__selection"
            data-testid="region-selection"
            style={{ left: sel.x, top: sel.y, width: sel.width, height: sel.height }}
          >
            {crop && (
              <span className="capture-selector__size">
                {tc('capture.size', { w: crop.width, h: crop.height })}
              </span>
            )}
          </div>
        ) : (
          <div className="capture-selector__dim" />
        )}
        {pointer && !anchor.current && (
          <>
            <div className="capture-selector__cross capture-selector__cross--h" style={{ top: pointer.y }} />
            <div className="capture-selector__cross capture-selector__cross--v" style={{ left: pointer.x }} />
          </>
        )}
      </div>
      <LiveLine said={sizeSaid} testId="region-size-said" />
      <p id="capture-hint" className="capture-selector__hint">
        {tc('capture.hint')}
        {/* The notice's region stays in the dialog, so words put in it while open are spoken; at opening, they are
            heard as part of the dialog's description. */}
        <span className="capture-selector__notice" role="status" data-testid="capture-warming">
          {notice && <span>{notice}</span>}
        </span>
      </p>
    </div>
  );
}
