/** Focus moves that must wait for the next render: the control that has the focus now (a dialog, a button) is going. */
import { useCallback, useEffect, useState } from 'react';

/** A function that focuses what `target` returns once the coming render is on screen (after a dialog has closed). */
export function useFocusLater(): (target: () => HTMLElement | null | undefined) => void {
  const [pending, setPending] = useState<{ readonly target: () => HTMLElement | null | undefined } | null>(
    null,
  );
  useEffect(() => {
    if (!pending) return;
    pending.target()?.focus();
    setPending(null);
  }, [pending]);
  return useCallback((target) => setPending({ target }), []);
}
