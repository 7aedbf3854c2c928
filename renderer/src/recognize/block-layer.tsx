/** The page layout's blocks drawn under the line boxes: an outline and a reading-order number for each. */
import type { OcrBlock } from '../../../app/contracts/ocr-result';
import { useI18n } from '../i18n/i18n';

/** A block's bounds in image pixels. */
function bounds(b: OcrBlock) {
  const xs = b.box.map((p) => p[0]);
  const ys = b.box.map((p) => p[1]);
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  return { x: x0, y: y0, w: Math.max(...xs) - x0, h: Math.max(...ys) - y0 };
}

/**
 * The blocks of a result in reading order, numbered from 1, so that a reader sees how columns, headings and tables
 * were read. Shown only where there is an order to show (two blocks or more); never takes the pointer.
 */
export function BlockLayer(props: {
  readonly blocks: readonly OcrBlock[] | undefined;
  readonly width: number;
}) {
  const { t } = useI18n();
  const blocks = props.blocks ?? [];
  if (blocks.length < 2) return null;
  const size = Math.max(10, Math.round(props.width / 70));
  return (
    <g className="blocks" data-testid="result-blocks" role="list" aria-label={t('result.blocks')}>
      {blocks.map((b, i) => {
        const r = bounds(b);
        return (
          <g key={i} role="listitem" data-testid="result-block" data-kind={b.kind} data-order={i + 1}>
            <rect className={`block block--${b.kind}`} x={r.x} y={r.y} width={r.w} height={r.h} />
            <text
              className="block__order"
              x={r.x}
              // Above the block, or inside its top where the image's edge leaves no room.
              y={r.y >= 1.2 * size ? r.y - 0.2 * size : r.y + size}
              fontSize={size}
            >
              {t('result.block', { n: i + 1, kind: t(`result.block.${b.kind}`) })}
            </text>
          </g>
        );
      })}
    </g>
  );
}
