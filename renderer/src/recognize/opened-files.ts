/**
 * Files opened from outside the window ("Open with", the command line, a second launch), already granted to it. The
 * subscription is made when this module loads, before the page finishes loading (main sends them then), and held
 * until Recognize takes them: none is lost to a window made for them.
 */
import type { OpenedFiles } from '../../../app/contracts/lantern-ops';
import { desktop } from '../bridge';
import { heldEvents } from '../held-events';

/** Hands every batch of opened files to `cb`, the held ones first; returns the unsubscribe. */
export const onOpenedFiles: (cb: (opened: OpenedFiles) => void) => () => void = heldEvents(
  desktop && ((cb: (opened: OpenedFiles) => void) => desktop!.onOpened(cb)),
);
