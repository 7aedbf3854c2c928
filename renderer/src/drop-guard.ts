/** Keeps file drops outside the drop zone from navigating the window, and pre-warms the engine on focus and drag-enter. */

/** Whether an event target lies inside an element marked `data-drop-zone`. */
function inDropZone(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-drop-zone]') !== null;
}

/** Installs the window listeners; returns the function that removes them. */
export function installWindowGuards(w: Window, prewarm: () => void): () => void {
  const onDragEnter = (e: DragEvent) => {
    if (Array.from(e.dataTransfer?.types ?? []).includes('Files')) prewarm();
  };
  const onDragOver = (e: DragEvent) => {
    if (inDropZone(e.target)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'none';
  };
  const onDrop = (e: DragEvent) => {
    if (inDropZone(e.target)) return;
    e.preventDefault();
  };
  const onFocus = () => prewarm();
  w.addEventListener('dragenter', onDragEnter);
  w.addEventListener('dragover', onDragOver);
  w.addEventListener('drop', onDrop);
  w.addEventListener('focus', onFocus);
  return () => {
    w.removeEventListener('dragenter', onDragEnter);
    w.removeEventListener('dragover', onDragOver);
    w.removeEventListener('drop', onDrop);
    w.removeEventListener('focus', onFocus);
  };
}
