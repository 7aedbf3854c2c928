/** PDFium (WebAssembly, no native addon) loaded once per process, with the typed subset of its C API Lantern calls. */
import { readFile } from 'node:fs/promises';
import { bundleRequire } from '../ocr/bundle-require';
import { MAX_PIXELS } from '../ocr/working-size';
import { capWasmMemory } from './wasm-memory-cap';

/** The PDFium C functions Lantern uses (emscripten exports: pointers are numbers into the module's heap). */
export interface PdfiumApi {
  _FPDF_InitLibraryWithConfig(config: object): void;
  _FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  _FPDF_CloseDocument(doc: number): void;
  _FPDF_GetLastError(): number;
  _FPDF_GetPageCount(doc: number): number;
  _FPDF_GetSecurityHandlerRevision(doc: number): number;
  _FPDF_GetPageSizeByIndexF(doc: number, index: number, size: number): number;
  _FPDF_LoadPage(doc: number, index: number): number;
  _FPDF_ClosePage(page: number): void;
  _FPDF_GetPageBoundingBox(page: number, rect: number): number;
  _FPDFPage_GetRotation(page: number): number;
  _FPDF_PageToDevice(
    page: number,
    x: number,
    y: number,
    w: number,
    h: number,
    rotate: number,
    pageX: number,
    pageY: number,
    deviceX: number,
    deviceY: number,
  ): number;
  _FPDFPage_CountObjects(page: number): number;
  _FPDFPage_GetObject(page: number, i: number): number;
  _FPDFFormObj_CountObjects(form: number): number;
  _FPDFFormObj_GetObject(form: number, i: number): number;
  _FPDFPageObj_GetType(obj: number): number;
  _FPDFPageObj_GetMatrix(obj: number, matrix: number): number;
  _FPDFPageObj_GetBounds(obj: number, left: number, bottom: number, right: number, top: number): number;
  _FPDFImageObj_GetImagePixelSize(obj: number, width: number, height: number): number;
  _FPDFImageObj_GetImageFilterCount(obj: number): number;
  _FPDFImageObj_GetImageFilter(obj: number, index: number, buffer: number, length: number): number;
  _FPDFPage_GetAnnotCount(page: number): number;
  _FPDFPage_GetAnnot(page: number, i: number): number;
  _FPDFPage_CloseAnnot(annot: number): void;
  _FPDFAnnot_GetObjectCount(annot: number): number;
  _FPDFAnnot_GetObject(annot: number, i: number): number;
  _FPDFAnnot_GetSubtype(annot: number): number;
  _FPDFAnnot_GetFlags(annot: number): number;
  _FPDFAnnot_GetRect(annot: number, rect: number): number;
  _FPDFAnnot_GetStringValue(annot: number, key: number, buffer: number, length: number): number;
  _FPDFText_LoadPage(page: number): number;
  _FPDFText_ClosePage(text: number): void;
  _FPDFText_CountChars(text: number): number;
  _FPDFText_GetUnicode(text: number, i: number): number;
  _FPDFText_IsGenerated(text: number, i: number): number;
  _FPDFText_HasUnicodeMapError(text: number, i: number): number;
  _FPDFText_GetCharOrigin(text: number, i: number, x: number, y: number): number;
  _FPDFText_GetFontSize(text: number, i: number): number;
  _FPDFText_GetMatrix(text: number, i: number, matrix: number): number;
  _FPDFText_GetCharBox(
    text: number,
    i: number,
    left: number,
    right: number,
    bottom: number,
    top: number,
  ): number;
  _FPDFBitmap_CreateEx(width: number, height: number, format: number, buffer: number, stride: number): number;
  _FPDFBitmap_FillRect(
    bitmap: number,
    left: number,
    top: number,
    width: number,
    height: number,
    color: number,
  ): void;
  _FPDF_RenderPageBitmap(
    bitmap: number,
    page: number,
    x: number,
    y: number,
    w: number,
    h: number,
    rotate: number,
    flags: number,
  ): void;
  _FPDFBitmap_GetBuffer(bitmap: number): number;
  _FPDFBitmap_GetStride(bitmap: number): number;
  _FPDFBitmap_Destroy(bitmap: number): void;
  readonly wasmExports: { malloc(size: number): number; free(ptr: number): void };
  readonly HEAPU8: Uint8Array;
  readonly HEAPF32: Float32Array;
  readonly HEAPF64: Float64Array;
  readonly HEAP32: Int32Array;
}

/** FPDF_GetLastError values (fpdfview.h). */
export const FPDF_ERR = { FILE: 2, FORMAT: 3, PASSWORD: 4, SECURITY: 5, PAGE: 6 } as const;

/**
 * The most PDFium's heap may grow to (its build allows 2 GiB), from the pixel limit: the largest page within it, a
 * 100-MP image of 16 bits a channel with a 16-bit soft mask of its size, decodes at under 8 bytes a pixel, and the
 * documents open in the thread keep their bytes there too (64 MiB for them); a page that needs more is a bomb, and
 * fails BAD_PDF here. The pod's memory counts two heaps at this cap (deploy/k8s; figures: docs/memory.md).
 */
export const PDFIUM_MAX_HEAP_BYTES = MAX_PIXELS * 8 + 64 * 2 ** 20;

/** What rendering one page may take of PDFium's heap: the cap less the documents' bytes (PDFIUM_MAX_HEAP_BYTES). */
export const PAGE_HEAP_BYTES = MAX_PIXELS * 8;

/**
 * What Emscripten prints when PDFium's heap cannot grow (each failed growth, then the abort): the page already fails
 * BAD_PDF saying so, and these raw lines would reach serve's log and the CLI's stderr unformatted.
 */
const HEAP_ABORT_LINE =
  /^(Cannot enlarge memory|Aborted\(|growMemory: Attempted to grow heap|Failed to grow the heap)/u;

let loading: Promise<PdfiumApi> | undefined;
let loaded: PdfiumApi | undefined;
/** Instances that aborted: PDFium aborts when its heap cannot grow, and such an instance must never be called again. */
const aborted = new WeakSet<PdfiumApi>();
/** The largest heap an aborted instance of this thread had (it is freed only when collected). */
let abortedHeap = 0;
/** PDFium instances this thread has loaded. */
let instances = 0;
/** Set by oneInstanceOnly(): after an abort no fresh instance is loaded here. */
let spentStays = false;

/**
 * Makes this thread load no fresh instance after one aborts: an aborted heap (up to the cap) is freed only when V8
 * collects it, so fresh instances growing one after another would add up, one heap per bomb (docs/documents.md).
 * The document thread calls it and is ended instead, its jobs going on in a fresh thread; work that needs PDFium here
 * after the abort waits for that end.
 */
export function oneInstanceOnly(): void {
  spentStays = true;
}

/** How many PDFium instances this thread has loaded (one, where oneInstanceOnly holds). */
export function pdfiumInstances(): number {
  return instances;
}

/** Whether an instance of this thread has aborted. */
export function pdfiumSpent(): boolean {
  return abortedHeap > 0;
}

/**
 * Bytes of this thread's PDFium heap (0 before it is loaded): WebAssembly memory only grows, so this is the largest a
 * page has needed here, and only ending the thread gives it back; an instance that aborted counts until then too.
 */
export function pdfiumHeapBytes(): number {
  return Math.max(loaded?.HEAPU8.byteLength ?? 0, abortedHeap);
}

/** Whether `api` has aborted (ran out of heap): its documents must be opened again on a fresh instance. */
export function pdfiumAborted(api: PdfiumApi): boolean {
  return aborted.has(api);
}

/**
 * The process's PDFium instance, loaded on first use (the WASM binary is read from node_modules, never fetched); once
 * an instance has aborted, the next call loads a fresh one.
 */
export function loadPdfium(): Promise<PdfiumApi> {
  if (spentStays && pdfiumSpent()) return new Promise(() => {});
  loading ??= (async () => {
    instances++;
    const req = bundleRequire();
    const wasm = await readFile(req.resolve('@hyzyla/pdfium/pdfium.wasm'));
    const { PDFiumModule } = await import('@hyzyla/pdfium');
    const binary = capWasmMemory(wasm, PDFIUM_MAX_HEAP_BYTES);
    // Set once the instance is up: an abort can only come from a call into it.
    const instance: { api?: PdfiumApi } = {};
    const onAbort = () => {
      const self = instance.api;
      if (!self) return;
      aborted.add(self);
      abortedHeap = Math.max(abortedHeap, self.HEAPU8.byteLength);
      if (loaded === self) {
        loaded = undefined;
        loading = undefined;
      }
    };
    // Emscripten's Module.onAbort and printErr, which the package's types leave out.
    const options: Parameters<typeof PDFiumModule>[0] & {
      onAbort: () => void;
      printErr: (line: string) => void;
    } = {
      wasmBinary: binary,
      locateFile: () => '',
      onAbort,
      printErr: (line) => {
        if (!HEAP_ABORT_LINE.test(line)) console.error(line);
      },
    };
    const api = (await PDFiumModule(options)) as unknown as PdfiumApi;
    // No V8 isolate and no platform: PDFium is built without JavaScript, and form fill is never initialised.
    api._FPDF_InitLibraryWithConfig({
      version: 2,
      m_pIsolate: null,
      m_pUserFontPaths: null,
      m_v8EmbedderSlot: 0,
    });
    instance.api = api;
    loaded = api;
    return api;
  })();
  return loading;
}

/** Runs `fn` with `bytes` scratch bytes on PDFium's heap, freed after. */
export function withScratch<T>(api: PdfiumApi, bytes: number, fn: (ptr: number) => T): T {
  const ptr = api.wasmExports.malloc(bytes);
  try {
    return fn(ptr);
  } finally {
    api.wasmExports.free(ptr);
  }
}

/** Reads `n` doubles at `ptr` (the heap view is re-read: it changes when the heap grows). */
export function readF64(api: PdfiumApi, ptr: number, n: number): number[] {
  return Array.from(api.HEAPF64.subarray(ptr / 8, ptr / 8 + n));
}

/** Reads `n` floats at `ptr`. */
export function readF32(api: PdfiumApi, ptr: number, n: number): number[] {
  return Array.from(api.HEAPF32.subarray(ptr / 4, ptr / 4 + n));
}
