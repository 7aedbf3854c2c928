import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockMarkdown, joinParagraph, tableMarkdown, tableRows } from '../../app/contracts/blocks-markdown';
import { documentMarkdown, documentTxt, imageDocument } from '../../app/contracts/document-formats';
import type { DocumentResult, ReadPage } from '../../app/contracts/document-result';
import { parseDocumentResult } from '../../app/contracts/document-schema';
import type { OcrBlock, OcrLine, Quad } from '../../app/contracts/ocr-result';
import { exportContent } from '../../renderer/src/recognize/export';

const box = (x: number, y: number, w: number, h: number): Quad => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];
const line = (text: string, x: number, y: number, w = 200, h = 20): OcrLine => ({
  text,
  score: 0.99,
  box: box(x, y, w, h),
});
/** A block of the lines `rows` holds, row by row (as the layout gives them). */
const block = (kind: OcrBlock['kind'], rows: number[][]): OcrBlock => ({
  box: box(0, 0, 1, 1),
  lines: rows.flat(),
  rows,
  kind,
});
/** A block as results made before blocks carried rows have it. */
const rowless = (kind: OcrBlock['kind'], lines: number[]): OcrBlock => ({
  box: box(0, 0, 1, 1),
  lines,
  kind,
});

/** A page of a heading, a paragraph with a word broken over two lines, and a 3×2 table (its cells read row by row). */
const lines: OcrLine[] = [
  line('Annual Report', 10, 10, 300, 36),
  line('The distri-', 10, 60),
  line('bution of costs is well-', 10, 84),
  line('Known and A|B-', 10, 108),
  line('Testing ends.', 10, 132),
  line('Item', 10, 180, 80),
  line('Price', 200, 182, 60),
  line('Tea', 10, 206, 60),
  line('2|50', 200, 205, 60),
  line('Cake', 10, 232, 60),
  line('3.00', 200, 231, 60),
];
const page: ReadPage = {
  page: 1,
  width: 400,
  height: 300,
  lines,
  text: lines.map((l) => l.text).join('\n'),
  source: 'ocr',
  blocks: [
    block('heading', [[0]]),
    block('paragraph', [[1], [2], [3], [4]]),
    block('table', [
      [5, 6],
      [7, 8],
      [9, 10],
    ]),
  ],
};
const doc = (...pages: DocumentResult['pages']): DocumentResult => ({
  kind: 'pdf',
  pages,
  text: pages.map((p) => ('text' in p ? p.text : '')).join('\n\f'),
  ms: 1,
});

test('a page with blocks: a ### heading, one paragraph with the broken word mended, a pipe table', () => {
  assert.equal(
    documentMarkdown(doc(page)),
    [
      '## Page 1',
      '',
      '### Annual Report',
      '',
      'The distribution of costs is well- Known and A|B- Testing ends.',
      '',
      '| Item | Price |',
      '| --- | --- |',
      '| Tea | 2\\|50 |',
      '| Cake | 3.00 |',
      '',
    ].join('\n'),
  );
  assert.equal(documentTxt(doc(page)), `${page.text}\n`, 'txt stays the plain text');
});

test('pages without blocks (PDF text, older results) print their text escaped, failed pages say why', () => {
  const { blocks: _, ...old } = page;
  const pdfText: ReadPage = {
    ...old,
    page: 2,
    lines: [],
    text: '# not a heading\nline two',
    source: 'pdf-text',
  };
  const failed = { page: 3, error: { code: 'IMAGE_TOO_LARGE', message: 'too large' } } as const;
  assert.equal(
    documentMarkdown(doc({ ...old, blocks: [] }, pdfText, failed)),
    `## Page 1\n\n${page.text}\n\n## Page 2\n\n\\# not a heading\nline two\n\n## Page 3\n\n*not read: IMAGE_TOO_LARGE: too large*\n`,
  );
});

test('a paragraph that would start a list and a heading ending in # are escaped', () => {
  const escaped: ReadPage = {
    ...page,
    lines: [line('- 10% off', 0, 0), line('today', 0, 24), line('Sale #', 0, 60, 200, 40)],
    blocks: [block('paragraph', [[0], [1]]), block('heading', [[2]])],
  };
  assert.equal(documentMarkdown(doc(escaped)), '## Page 1\n\n\\- 10% off today\n\n### Sale \\#\n');
});

test('wrapped lines join with a space, mend a broken word only before lowercase, and not after CJK', () => {
  assert.equal(joinParagraph(['co-', 'operate', 'now']), 'cooperate now');
  assert.equal(joinParagraph(['NON-', 'INFRINGEMENT']), 'NON- INFRINGEMENT');
  assert.equal(joinParagraph(['1990-', 'today']), '1990- today');
  assert.equal(joinParagraph(['显示远端', '机器目录']), '显示远端机器目录');
});

test("a table's rows are the layout's, not the boxes': a row stays whole where its cells sit at other heights", () => {
  // A key and its amount on a slanted photo: the amount's box lies a row lower than the key's, and the next key's
  // box overlaps it; the layout, which reads the page deskewed, put each key with its amount.
  const slanted = [
    line('TOTAL', 10, 40, 60),
    line('9.00', 200, 62, 50),
    line('CASH', 10, 66, 60),
    line('10.00', 200, 88, 50),
  ];
  const table = block('table', [
    [0, 1],
    [2, 3],
  ]);
  assert.equal(blockMarkdown(slanted, table), '| TOTAL | 9.00 |\n| --- | --- |\n| CASH | 10.00 |');
  const { rows: _, ...old } = table;
  assert.equal(blockMarkdown(slanted, old), '| TOTAL |  |\n| --- | --- |\n| CASH | 9.00 |\n| 10.00 |  |');
  const blank = [...slanted.slice(0, 3), line(' ', 200, 88, 50)];
  assert.equal(
    blockMarkdown(blank, table),
    '| TOTAL | 9.00 |\n| --- | --- |\n| CASH |  |',
    'blank cells left out',
  );
});

test('without rows (older results) table rows come from the boxes; rows are padded; a table of one cell per row is one line per row', () => {
  const receipt = [
    line('SHOP', 10, 10, 100),
    line('TOTAL', 10, 40, 60),
    line('GST', 100, 42, 40),
    line('9.00', 200, 38, 50),
    line('CASH', 10, 70, 60),
    line('10.00', 200, 71, 50),
  ];
  assert.deepEqual(tableRows(receipt), [['SHOP'], ['TOTAL', 'GST', '9.00'], ['CASH', '10.00']]);
  assert.equal(
    tableMarkdown(tableRows(receipt)),
    '| SHOP |  |  |\n| --- | --- | --- |\n| TOTAL | GST | 9.00 |\n| CASH | 10.00 |  |',
  );
  assert.equal(tableMarkdown([['- one'], ['---'], ['three']]), '\\- one  \n\\---  \nthree');
});

test('an image result carries its blocks into its document and into the window paragraphs export', () => {
  const r = {
    width: 400,
    height: 300,
    lines,
    text: page.text,
    blocks: page.blocks,
    ms: { decode: 0, det: 0, cls: 0, rec: 0, total: 5 },
    provider: 'cpu',
  };
  const one = imageDocument(r).pages[0] as ReadPage;
  assert.deepEqual(one.blocks, page.blocks);
  assert.equal(documentMarkdown(imageDocument(r)), documentMarkdown(doc(page)));
  const md = exportContent(r, 'a.png', 'md', 'paragraphs');
  assert.ok(md.startsWith('# a.png\n\n### Annual Report\n\nThe distribution of costs'), md);
  assert.ok(
    exportContent(r, 'a.png', 'md', 'lines').includes('The distri-  \nbution'),
    'lines mode keeps the lines',
  );
});

test('a client-sent document keeps valid blocks and is refused for a block naming a line the page lacks', () => {
  assert.deepEqual((parseDocumentResult(doc(page)).pages[0] as ReadPage).blocks, page.blocks);
  for (const bad of [[0, 11], [-1], [0.5]]) {
    const sent = doc({ ...page, blocks: [rowless('paragraph', bad)] });
    assert.throws(
      () => parseDocumentResult(sent),
      (e: Error & { code?: string }) => e.code === 'BAD_REQUEST',
    );
  }
  const kind = doc({ ...page, blocks: [{ ...block('paragraph', [[0]]), kind: 'figure' as 'table' }] });
  assert.throws(() => parseDocumentResult(kind), /result: pages/);
});

test("a client-sent block's rows must be its lines cut into rows, in order; blocks without rows are kept", () => {
  const table = (rows: unknown): DocumentResult =>
    doc({ ...page, blocks: [{ ...rowless('table', [5, 6, 7, 8, 9, 10]), rows } as OcrBlock] });
  const bad = [
    '[[5, 6], [7, 8]]', // a line left out
    '[[5, 6], [7, 8], [9, 10, 11]]', // a line the block lacks (and the page too)
    '[[5, 6], [6, 7, 8], [9, 10]]', // a line twice
    '[[6, 5], [7, 8], [9, 10]]', // out of order
    '[[5, 6], [], [7, 8], [9, 10]]', // an empty row
    '[[5, 6], [7, 8], [9, 10.5]]',
    '[[5, 6], [7, 8], [-9, 10]]',
    '[5, 6, 7, 8, 9, 10]', // not rows
  ];
  for (const rows of bad)
    assert.throws(
      () => parseDocumentResult(table(JSON.parse(rows))),
      (e: Error & { code?: string }) => e.code === 'BAD_REQUEST' && e.message.startsWith('result: pages.0'),
      rows,
    );
  const long = [5, 6, 7, 8, 9, 10, 11];
  assert.throws(
    () => parseDocumentResult(doc({ ...page, blocks: [{ ...rowless('table', long), rows: [long] }] })),
    /a block names a line the page does not have/,
  );
  assert.deepEqual(parseDocumentResult(doc(page)), doc(page));
  const old = doc({ ...page, blocks: [rowless('table', [5, 6, 7, 8, 9, 10])] });
  assert.deepEqual(parseDocumentResult(old), old);
  assert.equal(
    documentMarkdown(old),
    documentMarkdown(doc({ ...page, blocks: [page.blocks![2]!] })),
    'boxes as before',
  );
});

test("a table row's wrapped cells, which follow their first lines, join into one cell each", () => {
  // As the layout gives a row whose cells wrap: each cell's lines in turn, the second under the first.
  const wrapped: OcrLine[] = [
    line('Step', 10, 10, 40),
    line('What to do', 80, 10, 100),
    line('Notes', 400, 10, 60),
    line('1', 10, 40, 10),
    line('Unpack the lamp and check that the', 80, 40, 290),
    line('cable is not damaged', 80, 64, 170),
    line('Keep the box until the lamp has been', 400, 40, 290),
    line('tested', 400, 64, 50),
  ];
  assert.equal(
    blockMarkdown(
      wrapped,
      block('table', [
        [0, 1, 2],
        [3, 4, 5, 6, 7],
      ]),
    ),
    [
      '| Step | What to do | Notes |',
      '| --- | --- | --- |',
      '| 1 | Unpack the lamp and check that the cable is not damaged | Keep the box until the lamp has been tested |',
    ].join('\n'),
  );
  // A page read turned a quarter has its rows running down the image: cells one under another are side by side.
  const turned: OcrLine[] = [line('Tea', 10, 10, 20, 60), line('2.50', 10, 200, 20, 60)];
  assert.equal(blockMarkdown(turned, block('table', [[0, 1]])), '| Tea | 2.50 |\n| --- | --- |');
});
