/** The drop zone: real drag-and-drop of files, and an accessible "Open…" button backed by a file input. */
import { useRef, useState, type DragEvent, type Ref } from 'react';
import { ACCEPT_ATTRIBUTE } from '../../../app/contracts/input-formats';
import { lantern } from '../bridge';
import { useI18n } from '../i18n/i18n';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Whether a drag carries files (not text or links). */
export function dragHasFiles(e: { readonly dataTransfer: DataTransfer | null }): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/** Drop target plus Open… button (`openRef` lets the strip hand it the focus); `compact` once images are present. */
export function DropZone(props: {
  readonly onFiles: (files: File[]) => void;
  readonly compact: boolean;
  readonly openRef?: Ref<HTMLButtonElement>;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const depth = useRef(0);

  const enter = (e: DragEvent) => {
    if (!dragHasFiles(e)) return;
    e.preventDefault();
    depth.current++;
    setOver(true);
    lantern.prewarm();
  };
  const overZone = (e: DragEvent) => {
    if (!dragHasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const leave = () => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    depth.current = 0;
    setOver(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) props.onFiles(files);
  };

  return (
    <section
      className={`drop${over ? ' drop--over' : ''}${props.compact ? ' drop--compact' : ''}`}
      aria-label={t('drop.label')}
      data-testid="drop-zone"
      data-drop-zone="true"
      onDragEnter={enter}
      onDragOver={overZone}
      onDragLeave={leave}
      onDrop={drop}
    >
      <span className="drop__icon" aria-hidden="true">
        ⤓
      </span>
      <p className="drop__title">{over ? t('drop.active') : t('drop.title')}</p>
      <p className="drop__hint">
        {t('drop.hint', { key: isMac ? '⌘' : 'Ctrl' })}{' '}
        <button
          ref={props.openRef}
          type="button"
          className="button button--primary"
          onClick={() => input.current?.click()}
        >
          {t('drop.open')}
        </button>
      </p>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        tabIndex={-1}
        aria-hidden="true"
        data-testid="file-input"
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
    </section>
  );
}
