/** A result's line boxes as SVG polygons, linked to the text's lines: shared by Recognize's overlay and History. */
import type { OcrLine } from '../../../app/contracts/ocr-result';
import { LOW_CONFIDENCE } from './export';
import type { LineLink } from './line-selection';

/** One polygon per line (low-confidence, hovered and selected ones styled), its text as its title. */
export function LineBoxes(props: {
  readonly lines: readonly OcrLine[];
  readonly link: LineLink;
  readonly onHover: (i: number | null) => void;
  readonly onClick: (i: number, additive: boolean) => void;
  /** Set on each polygon, where tests find them. */
  readonly testId?: string;
}) {
  const { link } = props;
  return props.lines.map((line, i) => (
    <polygon
      key={i}
      className={[
        'box',
        line.score < LOW_CONFIDENCE ? 'box--low' : '',
        link.hovered === i ? 'box--hover' : '',
        link.selected.has(i) ? 'box--selected' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      data-testid={props.testId}
      data-line={i}
      points={line.box.map(([x, y]) => `${x},${y}`).join(' ')}
      onMouseEnter={() => props.onHover(i)}
      onClick={(e) => props.onClick(i, e.ctrlKey || e.metaKey || e.shiftKey)}
    >
      <title>{line.text}</title>
    </polygon>
  ));
}
