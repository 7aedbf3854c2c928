/** The History detail's diagram: a result's boxes drawn over its kept image, linked to the lines of its text. */
import type { OcrResult } from '../../../app/contracts/ocr-result';
import { LineBoxes } from '../recognize/line-boxes';
import type { LineLink } from '../recognize/line-selection';

/** The boxes of a result over the image kept with it (a capture's crop), else a blank page of its size; linked to the lines. */
export function BoxDiagram(props: {
  readonly result: OcrResult;
  /** Its name for a screen reader: whose boxes they are, not only their size. */
  readonly label: string;
  /** The kept image (a data: URL), drawn under the boxes. */
  readonly image?: string;
  readonly link: LineLink;
  readonly onHover: (i: number | null) => void;
  readonly onClick: (i: number, additive: boolean) => void;
}) {
  const r = props.result;
  return (
    <svg
      className="diagram"
      viewBox={`0 0 ${r.width} ${r.height}`}
      role="img"
      aria-label={props.label}
      style={{ aspectRatio: `${r.width} / ${Math.max(1, r.height)}` }}
      onMouseLeave={() => props.onHover(null)}
    >
      <rect x={0} y={0} width={r.width} height={r.height} className="diagram__page" />
      {props.image && (
        <image
          href={props.image}
          x={0}
          y={0}
          width={r.width}
          height={r.height}
          preserveAspectRatio="none"
          data-testid="history-image"
        />
      )}
      <LineBoxes lines={r.lines} link={props.link} onHover={props.onHover} onClick={props.onClick} />
    </svg>
  );
}
