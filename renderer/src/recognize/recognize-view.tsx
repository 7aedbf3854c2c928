/** The Recognize view: drop zone, paste, the strip of images and the selected image's result. */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useUtterance } from '../live-line';
import { DropZone } from './drop-zone';
import type { TextMode } from './export';
import { ImageStrip } from './image-strip';
import { RecognitionAnnouncer } from './recognition-announcer';
import { RejectedFiles } from './rejected-files';
import { ResultPane } from './result-pane';
import type { Recognitions } from './use-recognitions';

/** Whether a key event or paste comes from a text field (where paste means text). */
function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

/** Recognize: everything about interactive OCR of dropped, pasted or opened images. */
export function RecognizeView(props: { readonly rec: Recognitions; readonly active: boolean }) {
  const { rec, active } = props;
  const [mode, setMode] = useState<TextMode>('lines');
  const openButton = useRef<HTMLButtonElement>(null);
  const { t } = useI18n();
  // Remove and Clear all move the focus away from what they took; the status line says what that was.
  const [said, say] = useUtterance();

  const add = (files: File[]) => void rec.addFiles(files);

  useEffect(() => {
    if (!active) return;
    const onPaste = (e: ClipboardEvent) => {
      if (inTextField(e.target)) return;
      const files = Array.from(e.clipboardData?.files ?? []);
      if (files.length === 0) return;
      e.preventDefault();
      void rec.addFiles(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [active, rec]);

  const selected = rec.items.find((it) => it.id === rec.selectedId);
  return (
    <div className="recognize">
      <DropZone onFiles={add} compact={rec.items.length > 0} openRef={openButton} />
      <RejectedFiles
        files={rec.rejected}
        onDismiss={() => {
          rec.dismissRejected();
          // The note and its button go: the focus goes back to where more files are opened.
          openButton.current?.focus();
        }}
      />
      <ImageStrip
        items={rec.items}
        selectedId={rec.selectedId}
        onSelect={rec.select}
        onRemove={(id) => {
          const gone = rec.items.find((it) => it.id === id);
          if (gone) say(t('strip.removed', { name: gone.name }));
          rec.remove(id);
        }}
        onClear={() => {
          say(t('strip.cleared', { n: rec.items.length }));
          rec.clear();
        }}
        emptyFocus={openButton}
      />
      <RecognitionAnnouncer items={rec.items} selectedId={rec.selectedId} said={said} say={say} />
      <ResultPane
        item={selected}
        mode={mode}
        onMode={setMode}
        onRetry={rec.retry}
        onCancel={rec.cancel}
        onUnlock={rec.unlock}
        fileOf={rec.fileOf}
      />
    </div>
  );
}
