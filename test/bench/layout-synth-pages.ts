/**
 * The synthetic pages of layout-synth.ts: HTML laid out with CSS (multi-column, grid, floats) from fixed slices of free
 * licence texts on this machine, each with its ground truth in the order a person reads it (column by column, a
 * spanning headline first, a caption where it stands in its column, a sidebar after the main text, a table by rows).
 */
import { readFileSync } from 'node:fs';

/** A piece of a page: its HTML and its text in reading order. */
interface Part {
  readonly html: string;
  readonly text: readonly string[];
}

/** One synthetic page: its pixel size, CSS pixels per inch of paper, body style, and parts in reading order. */
export interface SynthPage {
  readonly name: string;
  /** Screenshot size in pixels (a letter page at 200 dpi is 1700×2200, A4 at 150 dpi 1240×1754). */
  readonly width: number;
  readonly height: number;
  /** The body's CSS (font, size, transform); pages are laid out at 96 CSS px per inch and scaled to the pixel size. */
  readonly style: string;
  readonly html: string;
  readonly truth: string;
}

/** Free texts (GPL-3: verbatim copies permitted; Apache-2.0: redistributable), folded to words. */
const SOURCES = {
  gpl: readFileSync('/usr/share/common-licenses/GPL-3', 'utf8').split(/\s+/u).filter(Boolean),
  apache: readFileSync('/usr/share/common-licenses/Apache-2.0', 'utf8').split(/\s+/u).filter(Boolean),
};

/** `n` words of a source from word `from`, round the text again past its end (fixed slices keep renders deterministic). */
const words = (src: keyof typeof SOURCES, from: number, n: number) =>
  Array.from({ length: n }, (_, i) => SOURCES[src][(from + i) % SOURCES[src].length]).join(' ');

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** An element holding text. */
const el = (tag: string, style: string, text: string): Part => ({
  html: `<${tag} style="${style}">${esc(text)}</${tag}>`,
  text: [text],
});

/** A container of parts read in order. */
const box = (style: string, parts: readonly Part[]): Part => ({
  html: `<div style="${style}">${parts.map((p) => p.html).join('')}</div>`,
  text: parts.flatMap((p) => p.text),
});

/** Paragraphs of `n` words each from a source, starting at word `from`. */
const paras = (src: keyof typeof SOURCES, from: number, sizes: readonly number[], style = ''): Part[] =>
  sizes.map((n, i) => el('p', style, words(src, from + sizes.slice(0, i).reduce((a, b) => a + b, 0), n)));

/** Flowing columns (CSS multi-column): text runs down the first column, then the next. */
const cols = (n: number, gap: string, parts: readonly Part[], extra = '') =>
  box(`column-count:${n};column-gap:${gap};${extra}`, parts);

const headline = (text: string, size = '24pt') =>
  el('h1', `font-size:${size};margin:0 0 .5em;font-weight:bold`, text);
const subhead = (text: string) => el('h3', 'font-size:1.25em;margin:.4em 0 .3em;font-weight:bold', text);
/** A grey picture box and its caption below it, kept in one column. */
const picture = (caption: string, height: string): Part => ({
  html:
    `<figure style="margin:.5em 0;break-inside:avoid"><div style="height:${height};background:#9a9a9a"></div>` +
    `<figcaption style="font-size:.85em;font-style:italic;margin-top:.3em">${esc(caption)}</figcaption></figure>`,
  text: [caption],
});
/** A two-cell table (keys and values) read row by row. */
const table = (rows: readonly (readonly [string, string])[]): Part => ({
  html:
    '<table style="border-collapse:collapse;margin:.6em 0;width:70%">' +
    rows
      .map(([k, v]) => `<tr><td style="padding:.2em 2em .2em 0">${esc(k)}</td><td>${esc(v)}</td></tr>`)
      .join('') +
    '</table>',
  text: rows.flat(),
});

const SERIF = "font-family:'Liberation Serif'";
const SANS = "font-family:'DejaVu Sans'";
const NIMBUS = "font-family:'Nimbus Roman'";
const page0 = 'margin:0;padding:.75in;background:#fff;color:#000;hyphens:none;line-height:1.3';
const JUSTIFY = 'text-align:justify';
const P = 'margin:0 0 .5em';
/** Paragraphs set solid with an indent, so that rows of adjacent columns sit at exactly the same heights. */
const SOLID = 'margin:0;text-indent:1.5em';

const letter = { width: 1700, height: 2200 };
const a4 = { width: 1240, height: 1754 };

/** A page from its parts: body style, size and the parts in reading order. */
function page(
  name: string,
  size: { width: number; height: number },
  style: string,
  parts: readonly Part[],
): SynthPage {
  const all = box('', parts);
  return { name, ...size, style: `${page0};${style}`, html: all.html, truth: all.text.join('\n') };
}

/** The synthetic set, in the order the bench prints it. */
export const SYNTH_PAGES: readonly SynthPage[] = [
  page('cols2-gap1em', letter, `${SERIF};font-size:10pt;${JUSTIFY}`, [
    cols(2, '1em', paras('gpl', 40, [90, 110, 80, 120, 100], P)),
  ]),
  page('cols2-gap1.5em-sans', letter, `${SANS};font-size:10pt;${JUSTIFY}`, [
    cols(2, '1.5em', paras('gpl', 600, [80, 120, 90, 110], P)),
  ]),
  page('cols2-gap3em-9pt', letter, `${SERIF};font-size:9pt;${JUSTIFY}`, [
    cols(2, '3em', paras('apache', 60, [100, 130, 90, 120, 110], P)),
  ]),
  page('cols3-9pt', letter, `${NIMBUS};font-size:9pt;${JUSTIFY}`, [
    cols(3, '1.5em', paras('gpl', 1200, [90, 80, 110, 70, 100, 90, 80], P)),
  ]),
  page('headline-over-cols', letter, `${SERIF};font-size:11pt;${JUSTIFY}`, [
    headline('Free Software and the Freedom to Share'),
    cols(2, '1.5em', paras('gpl', 1900, [90, 120, 100, 110], P)),
  ]),
  page('subheads-in-cols', letter, `${SERIF};font-size:10pt;${JUSTIFY}`, [
    cols(2, '1.2em', [
      subhead('Definitions'),
      ...paras('gpl', 2500, [90, 70], P),
      subhead('Source Code'),
      ...paras('gpl', 2700, [100, 80], P),
      subhead('Basic Permissions'),
      ...paras('gpl', 2900, [90, 60], P),
    ]),
  ]),
  page('intro-then-cols', letter, `${SANS};font-size:10pt;${JUSTIFY}`, [
    headline('Terms and Conditions', '20pt'),
    el('p', `${P};font-size:12pt;font-weight:bold`, words('apache', 700, 70)),
    cols(2, '1.5em', paras('apache', 800, [100, 90, 120, 80], P)),
  ]),
  page('picture-caption', letter, `${SERIF};font-size:10pt;${JUSTIFY}`, [
    cols(2, '1.5em', [
      ...paras('gpl', 3400, [90, 60], P),
      picture('Figure 1. A grey box stands in for a photograph of the printing press.', '2.2in'),
      ...paras('gpl', 3550, [110, 90, 100], P),
    ]),
  ]),
  page('sidebar', letter, `${SERIF};font-size:10pt;${JUSTIFY}`, [
    box('display:grid;grid-template-columns:2fr 1fr;gap:2em;align-items:start', [
      cols(2, '1.2em', paras('gpl', 4000, [90, 100, 80, 90], P)),
      box(`border:2px solid #000;background:#e8e8e8;padding:.8em;${SANS};font-size:9pt;text-align:left`, [
        el('h3', 'margin:0 0 .4em;font-size:11pt', 'In Brief'),
        ...paras('gpl', 4500, [50, 40], P),
      ]),
    ]),
  ]),
  page('aligned-rows', letter, `${SERIF};font-size:10pt;${JUSTIFY}`, [
    cols(2, '1em', paras('apache', 1100, [80, 90, 70, 100, 90], SOLID)),
  ]),
  page('a4-cols2-12pt-sans', a4, `${SANS};font-size:12pt;${JUSTIFY}`, [
    headline('Patent License', '18pt'),
    cols(2, '1.5em', paras('gpl', 4700, [60, 70, 60, 80], P)),
  ]),
  page('a4-cols3-9pt', a4, `${SERIF};font-size:9pt;${JUSTIFY}`, [
    cols(3, '1.2em', paras('apache', 300, [70, 80, 60, 90, 70, 80], P)),
  ]),
  page('rotated-1.5deg', letter, `${SERIF};font-size:10pt;${JUSTIFY};transform:rotate(1.5deg)`, [
    headline('Conveying Verbatim Copies', '20pt'),
    cols(2, '1.5em', paras('gpl', 3000, [90, 110, 100, 90], P)),
  ]),
  page('rotated-minus1deg-3cols', letter, `${SANS};font-size:9pt;${JUSTIFY};transform:rotate(-1deg)`, [
    cols(3, '1.5em', paras('gpl', 5000, [80, 90, 70, 100, 80, 90], P)),
  ]),
  page('table-rows', letter, `${SERIF};font-size:11pt`, [
    headline('Release Summary', '18pt'),
    el('p', P, words('apache', 1300, 60)),
    table([
      ['Licence', 'Apache License 2.0'],
      ['Version', '2.0'],
      ['Published', 'January 2004'],
      ['Patent grant', 'Yes, royalty-free'],
      ['Notice file', 'Must be kept'],
      ['Trademarks', 'Not granted'],
      ['Warranty', 'None, as is'],
    ]),
    el('p', P, words('apache', 1400, 70)),
  ]),
  page('cols2-with-table', letter, `${SERIF};font-size:10pt;${JUSTIFY}`, [
    cols(2, '1.5em', [
      ...paras('gpl', 5300, [90, 60], P),
      table([
        ['Section', 'Title'],
        ['4', 'Verbatim copies'],
        ['5', 'Modified versions'],
        ['6', 'Non-source forms'],
      ]),
      ...paras('gpl', 5450, [100, 80], P),
    ]),
  ]),
];

const font = (family: string) => `font-family:'${family}'`;
const LEFT = 'text-align:left';
/** A numbered list read item by item: items of `sizes` words from a source, `step` words apart from word `from`. */
const list = (src: keyof typeof SOURCES, from: number, step: number, sizes: readonly number[]): Part => {
  const items = sizes.map((n, i) => words(src, from + i * step, n));
  return {
    html: `<ol style="margin:.3em 0 .6em;padding-left:1.8em">${items.map((t) => `<li>${esc(t)}</li>`).join('')}</ol>`,
    text: items.map((t, i) => `${i + 1}. ${t}`),
  };
};

/**
 * A second set in other faces, sizes, gutters and settings (ragged right, column rules, blur, lists, one column), never
 * used to choose a rule or a threshold: the check that the rules carry beyond the pages they were made on.
 */
export const CHECK_PAGES: readonly SynthPage[] = [
  page('check-ragged-2col-11pt', letter, `${font('C059')};font-size:11pt;${LEFT}`, [
    cols(2, '1.2em', paras('gpl', 6000, [80, 100, 90, 110], P)),
  ]),
  page('check-3col-0.8em-bookman', letter, `${font('URW Bookman')};font-size:8.5pt;${JUSTIFY}`, [
    cols(3, '0.8em', paras('apache', 1500, [90, 70, 100, 80, 90, 70], P)),
  ]),
  page('check-2col-rule', letter, `${font('P052')};font-size:10pt;${JUSTIFY}`, [
    cols(2, '2em', paras('gpl', 6500, [100, 90, 110, 80], P), 'column-rule:1px solid #000'),
  ]),
  page('check-solid-narrow-sans', letter, `${font('Nimbus Sans Narrow')};font-size:10pt;${JUSTIFY}`, [
    cols(2, '1em', paras('gpl', 7000, [110, 90, 120, 100, 90], SOLID)),
  ]),
  page('check-headline-intro-3col', letter, `${font('Liberation Sans')};font-size:9pt;${JUSTIFY}`, [
    headline('Conveying Modified Source Versions', '22pt'),
    el('p', `${P};font-size:11pt;font-weight:bold`, words('gpl', 7600, 50)),
    cols(3, '1em', paras('gpl', 7700, [90, 80, 100, 70, 90], P)),
  ]),
  page('check-subheads-ragged', letter, `${font('DejaVu Serif')};font-size:9.5pt;${LEFT}`, [
    cols(2, '1.5em', [
      subhead('Additional Terms'),
      ...paras('gpl', 8200, [80, 60], P),
      subhead('Termination'),
      ...paras('gpl', 8400, [90, 70], P),
    ]),
  ]),
  page(
    'check-a4-blur-turned',
    a4,
    `${font('C059')};font-size:10pt;${JUSTIFY};filter:blur(0.6px);transform:rotate(0.7deg)`,
    [cols(2, '1em', paras('apache', 2000, [90, 80, 100, 70], P))],
  ),
  page('check-list-in-col', letter, `${font('Liberation Serif')};font-size:10pt;${JUSTIFY}`, [
    cols(2, '1.5em', [
      ...paras('apache', 2600, [90], P),
      list('apache', 2700, 20, [14, 18, 12, 16]),
      ...paras('apache', 2800, [100, 90], P),
    ]),
  ]),
  page('check-one-column', letter, `${font('P052')};font-size:11pt;${JUSTIFY}`, [
    headline('Acceptance Not Required for Having Copies', '18pt'),
    ...paras('gpl', 9000, [120, 140, 110, 130], P),
  ]),
  page('check-one-column-list', letter, `${font('DejaVu Sans')};font-size:10pt;${LEFT}`, [
    ...paras('apache', 3200, [80], P),
    list('apache', 3300, 30, [22, 26, 20, 24]),
    ...paras('apache', 3420, [90], P),
  ]),
];

const letter300 = { width: 2550, height: 3300 };

/**
 * A third set, made after the rules of the second had been adjusted on it, and measured once: 300 dpi, newspaper
 * columns, narrow one-column measures full of wide justified spaces (rivers), a table in a column, a turned blurred
 * page.
 */
export const VERIFY_PAGES: readonly SynthPage[] = [
  page('verify-300dpi-2col-solid', letter300, `${NIMBUS};font-size:10pt;${JUSTIFY}`, [
    cols(2, '1em', paras('gpl', 2200, [120, 100, 110, 90, 100], SOLID)),
  ]),
  page('verify-news-3col-narrow', letter, `${font('Liberation Sans Narrow')};font-size:8.5pt;${JUSTIFY}`, [
    headline('Protecting Users Legal Rights From Anti-Circumvention Law', '20pt'),
    cols(3, '0.7em', paras('gpl', 1500, [80, 70, 90, 60, 80, 70, 90], P)),
  ]),
  page('verify-ragged-rule-sans', letter, `${SANS};font-size:9pt;${LEFT}`, [
    cols(2, '1em', paras('apache', 400, [90, 110, 80, 100], P), 'column-rule:1px solid #888'),
  ]),
  page(
    'verify-a4-blur-left-turn',
    a4,
    `${font('C059')};font-size:11pt;${JUSTIFY};filter:blur(0.4px);transform:rotate(-0.5deg)`,
    [cols(2, '1.2em', paras('gpl', 3700, [80, 70, 90, 60], P))],
  ),
  page('verify-table-in-col', letter, `${font('P052')};font-size:10pt;${JUSTIFY}`, [
    cols(2, '1.2em', [
      ...paras('apache', 900, [90, 70], P),
      table([
        ['Term', 'Meaning'],
        ['Licensor', 'The copyright owner'],
        ['Work', 'The original work'],
        ['Contribution', 'Any work submitted'],
      ]),
      ...paras('apache', 1000, [100, 80], P),
    ]),
  ]),
  page('verify-narrow-one-column', letter, `${SERIF};font-size:10pt;${JUSTIFY};padding-right:4.2in`, [
    ...paras('gpl', 2600, [110, 120, 100], P),
  ]),
  page(
    'verify-one-column-wide-spaces',
    letter,
    `${font('URW Bookman')};font-size:11pt;${JUSTIFY};padding-right:3in`,
    [headline('Basic Permissions', '16pt'), ...paras('apache', 1200, [90, 110, 100], P)],
  ),
  page('verify-solid-indent-9pt', letter, `${font('P052')};font-size:9pt;${JUSTIFY}`, [
    cols(2, '0.8em', paras('gpl', 4200, [100, 80, 120, 90, 110, 100], SOLID)),
  ]),
];
