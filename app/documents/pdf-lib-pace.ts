/**
 * How often pdf-lib pauses for the event loop while it parses or writes a PDF. Each pause is a timer tick (a
 * setTimeout of 0), and its defaults pause every 100 objects parsed and every 50 written, so a file of many small
 * objects spent most of its copy waiting on timers; the document thread still answers between these larger steps.
 */
export const OBJECTS_PER_TICK = 20_000;

/** PDFDocument.load's options for a file Lantern reads or rewrites (encrypted files are refused elsewhere). */
export const LOAD_OPTIONS = {
  ignoreEncryption: true,
  updateMetadata: false,
  parseSpeed: OBJECTS_PER_TICK,
} as const;
