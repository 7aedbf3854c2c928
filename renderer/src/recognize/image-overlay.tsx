/** The selected image with the detected boxes drawn over it (an SVG in image pixels, scaled with the image). */
import { useState } from 'react';
import type { OcrResult } from '../../../app/contracts/ocr-result';
import { useI18n } from '../i18n/i18n';
import { BlockLayer } from './block-layer';
import type { LineLink } from './line-selection';
import { LineBoxes } from './line-boxes';

/** Images narrower than this are shown enlarged so that their boxes can be seen and clicked. */
const SMALL = 320;

/** The image, its boxes, and the hover/click link to the text. */
export function ImageOverlay(props: {
  readonly url: string;
  readonly name: string;
  readonly result: OcrResult | undefined;
  readonly link: LineLink;
  readonly onHover: (i: number | null) => void;
  readonly onClick: (i: number, additive: boolean) => void;
}) {
  const { t } = useI18n();
  const { result, link } = props;
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const [broken, setBroken] = useState(false);
  const enlarge = natural && natural.w < SMALL ? Math.min(4, Math.floor(SMALL / Math.max(1, natural.w))) : 1;
  return (
    <figure className="overlay" data-testid="image-overlay">
      <div
        className={`overlay__frame${natural ? ' overlay__frame--sized' : ''}`}
        style={
          natural
            ? {
                width: `min(100%, ${natural.w * enlarge}px, calc(75vh * ${natural.w / Math.max(1, natural.h)}))`,
              }
            : undefined
        }
      >
        {broken ? (
          <div className="overlay__broken" role="img" aria-label={t('result.imageAlt', { name: props.name })}>
            ⚠
          </div>
        ) : (
          <img
            className="overlay__img"
            data-testid="result-image"
            src={props.url}
            alt={t('result.imageAlt', { name: props.name })}
            onLoad={(e) => setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
            onError={() => setBroken(true)}
            draggable={false}
          />
        )}
        {result && !broken && result.lines.length > 0 && (
          <svg
            className="overlay__boxes"
            data-testid="result-boxes"
            viewBox={`0 0 ${result.width} ${result.height}`}
            preserveAspectRatio="none"
            role="group"
            aria-label={t('result.boxes')}
            onMouseLeave={() => props.onHover(null)}
          >
            <BlockLayer blocks={result.blocks} width={result.width} />
            <LineBoxes
              lines={result.lines}
              link={link}
              onHover={props.onHover}
              onClick={props.onClick}
              testId="result-box"
            />
          </svg>
        )}
      </div>
    </figure>
  );
}
