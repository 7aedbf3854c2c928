import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { documentMarkdown } from '../../app/contracts/document-formats';
import type { DocumentResult } from '../../app/contracts/document-result';
import {
  escapeInline,
  escapeLineStart,
  escapeMarkdownLine,
  escapeMarkdownText,
  markdownHeading,
} from '../../app/contracts/markdown-escape';
import type { OcrLine, OcrResult } from '../../app/contracts/ocr-result';
import { renderOutput } from '../../app/watch/outputs';
import { exportContent } from '../../renderer/src/recognize/export';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** The text of tess_eurotext.png, line by line ("$43,456.78 <lazy> #90 dog", "& duck/goose", ...). */
const EURO = readFileSync(path.join(FIXTURES, 'tess_eurotext.txt'), 'utf8').trimEnd().split('\n');

/** Lines a receipt or letter starts with, which Markdown would read as a heading, lists and setext underlines. */
const ESCAPED_STARTS: readonly [string, string][] = [
  ['# 42 Main Street', '\\# 42 Main Street'],
  ['- 5 apples', '\\- 5 apples'],
  ['1. Total due', '1\\. Total due'],
  ['+ VAT', '\\+ VAT'],
  ['2) Tip', '2\\) Tip'],
  ['--', '\\--'],
  ['==', '\\=='],
];
const STARTS = ESCAPED_STARTS.map(([text]) => text);

/** What a CommonMark renderer shows for an escaped line: a backslash before ASCII punctuation shows that character. */
const shown = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/gu, '$1');

/** The OCR result of these lines, as the engine returns it (scores as read; one below the low-confidence mark). */
function resultOf(texts: readonly string[]): OcrResult {
  const lines: OcrLine[] = texts.map((text, i) => ({
    text,
    score: i === 1 ? 0.5 : 0.97,
    box: [
      [0, i * 30],
      [400, i * 30],
      [400, i * 30 + 24],
      [0, i * 30 + 24],
    ],
  }));
  return {
    width: 400,
    height: 30 * texts.length,
    lines,
    text: texts.join('\n'),
    ms: { decode: 0, det: 0, cls: 0, rec: 0, total: 12 },
    provider: 'cpu',
  };
}

test("tess_eurotext's text: raw HTML, links, and nothing else is escaped; it shows as read", () => {
  const md = EURO.map(escapeMarkdownLine);
  assert.deepEqual(md.slice(0, 4), [
    'The (quick) \\[brown] {fox} jumps!',
    'Over the $43,456.78 \\<lazy\\> #90 dog',
    '& duck/goose, as 12.5% of E-mail',
    'from aspammer@website.com is spam.',
  ]);
  assert.deepEqual(md.slice(4), EURO.slice(4), 'plain prose is left as it is');
  assert.deepEqual(md.map(shown), EURO);
});

test('line starts that would be structure and markup inside a line are escaped; words with _ and paths stay readable', () => {
  const cases: [string, string][] = [
    ...ESCAPED_STARTS,
    ['#hashtag', '#hashtag'],
    ['>quote', '\\>quote'],
    ['* star', '\\* star'],
    ['-5 °C and 3.50 EUR', '-5 °C and 3.50 EUR'],
    ['---', '\\---'],
    ['= = =', '\\= = ='],
    ['  | --- | :-: |', '\\| --- | :-: |'],
    ['```js', '\\`\\`\\`js'],
    ['*SALE* _today_ ~~old~~', '\\*SALE\\* \\_today\\_ \\~\\~old\\~\\~'],
    ['file_name_v2.txt', 'file_name_v2.txt'],
    ['`rm -rf` [link](x) ![img](y)', '\\`rm -rf\\` \\[link](x) !\\[img](y)'],
    ['AT&amp;T &copy; &#169; & co', 'AT\\&amp;T \\&copy; \\&#169; & co'],
    ['C:\\Users\\ada', 'C:\\Users\\ada'],
    ['C:\\*.txt ends \\', 'C:\\\\\\*.txt ends \\\\'],
    ['<https://x.example> <b>bold</b>', '\\<https://x.example\\> \\<b\\>bold\\</b\\>'],
  ];
  for (const [text, md] of cases) {
    assert.equal(escapeMarkdownLine(text), md, text);
    assert.equal(shown(md), text.trimStart(), `${text} shows as read`);
  }
  assert.equal(escapeLineStart('```js'), '\\```js', 'a fence, escaped at the line start alone');
  assert.equal(escapeInline('5 > 3'), '5 \\> 3');
});

test('a heading keeps a closing run of # and markup as text', () => {
  assert.equal(markdownHeading(3, 'Sale #'), '### Sale \\#');
  assert.equal(markdownHeading(1, '#'), '# \\#');
  assert.equal(markdownHeading(1, 'invoice <1>.png'), '# invoice \\<1\\>.png');
});

test("the window's Markdown export in Lines mode escapes each OCR line, and keeps the low-confidence note", () => {
  const r = resultOf([...STARTS.slice(0, 3), EURO[1]!]);
  const md = exportContent(r, 'receipt.png', 'md', 'lines');
  assert.equal(
    md,
    [
      '# receipt.png',
      '',
      '\\# 42 Main Street  ',
      '\\- 5 apples <!-- low confidence 0.50 -->  ',
      '1\\. Total due  ',
      'Over the $43,456.78 \\<lazy\\> #90 dog',
      '',
      '---',
      '',
      '4 lines · 12 ms · cpu',
      '',
    ].join('\n'),
  );
  const paragraphs = exportContent(
    { ...r, paragraphs: ['# 42 Main Street <lazy>'] },
    'r.png',
    'md',
    'paragraphs',
  );
  assert.ok(paragraphs.startsWith('# r.png\n\n\\# 42 Main Street \\<lazy\\>\n\n---'), paragraphs);
});

test('documents (CLI --format md, POST /ocr?output=md) and watched folders escape a page without blocks too', () => {
  const doc: DocumentResult = {
    kind: 'pdf',
    pages: [
      {
        page: 1,
        width: 400,
        height: 300,
        lines: [],
        text: [...STARTS, EURO[1]].join('\n'),
        source: 'pdf-text',
      },
      { page: 2, error: { code: 'IMAGE_TOO_LARGE', message: 'page <2> is *broken*' } },
    ],
    text: '',
    ms: 1,
  };
  assert.equal(
    documentMarkdown(doc),
    [
      '## Page 1',
      '',
      escapeMarkdownText([...STARTS, EURO[1]].join('\n')),
      '',
      '## Page 2',
      '',
      '*not read: IMAGE_TOO_LARGE: page \\<2\\> is \\*broken\\**',
      '',
    ].join('\n'),
  );
  assert.ok(documentMarkdown(doc).includes('\\# 42 Main Street\n\\- 5 apples\n1\\. Total due\n'));
  const watched = renderOutput('md', resultOf(EURO.slice(0, 2)), 'in/euro.png');
  assert.equal(
    watched,
    '# euro.png\n\nThe (quick) \\[brown] {fox} jumps!  \nOver the $43,456.78 \\<lazy\\> #90 dog\n',
  );
});

test('the window\'s Markdown export says "1 line" of a one-line result', () => {
  const md = exportContent(resultOf(STARTS.slice(0, 1)), 'plate.jpg', 'md', 'lines');
  assert.match(md, /\n1 line · 12 ms · cpu\n$/);
});
