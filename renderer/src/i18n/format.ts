/** Numbers, sizes, durations and lists written for the UI language (Intl), so "100,000,000 pixels" reads right. */
import type { UiLanguage } from './i18n';

/** A number with the language's digit grouping ("100,000,000"). */
export function formatNumber(lang: UiLanguage, n: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: fractionDigits }).format(n);
}

/** A byte count in the largest fitting unit ("25 MB", "25 MB" in zh-CN too, "980 bytes"). */
export function formatBytes(lang: UiLanguage, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: units[i],
    unitDisplay: i === 0 ? 'long' : 'short',
    maximumFractionDigits: v < 10 && i > 0 ? 1 : 0,
  }).format(v);
}

/** "850 ms" or "1.4 sec" ("850毫秒", "1.4秒"); a dash when unknown. */
export function formatMs(lang: UiLanguage, ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const seconds = ms >= 1000;
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: seconds ? 'second' : 'millisecond',
    unitDisplay: 'short',
    maximumFractionDigits: seconds ? 1 : 0,
  }).format(seconds ? ms / 1000 : ms);
}

/** "PNG, JPEG or GIF" ("PNG、JPEG或GIF"). */
export function formatOr(lang: UiLanguage, items: readonly string[]): string {
  return new Intl.ListFormat(lang, { type: 'disjunction' }).format(items);
}

/**
 * A message from the engine or server with its figures written for the language: "N bytes" as a size, other long
 * numbers grouped ("larger than 100000000 pixels" → "larger than 100,000,000 pixels").
 */
export function localiseFigures(lang: UiLanguage, message: string): string {
  return message
    .replace(/\b(\d+) bytes\b/g, (_, n: string) => formatBytes(lang, Number(n)))
    .replace(/\b\d{5,}\b/g, (n) => formatNumber(lang, Number(n)));
}
