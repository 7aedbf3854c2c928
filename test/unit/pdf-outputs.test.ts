import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfOutputs } from '../../app/cli/pdf-outputs';

test('each input gets its own PDF name; a later input of a taken name gets the first free -N', () => {
  assert.deepEqual(pdfOutputs('/o', ['a/scan.pdf', 'b/scan.tif', 'scan-2.png', 'c/Scan.jpg', 'x.png']), [
    { file: '/o/scan.pdf' },
    { file: '/o/scan-3.pdf', renamedFrom: 'scan.pdf' },
    { file: '/o/scan-2.pdf' },
    { file: '/o/Scan-4.pdf', renamedFrom: 'Scan.pdf' },
    { file: '/o/x.pdf' },
  ]);
});

test('the same file given twice is written twice', () => {
  assert.deepEqual(
    pdfOutputs('/o', ['p.jpg', 'p.jpg']).map((o) => o.file),
    ['/o/p.pdf', '/o/p-2.pdf'],
  );
});
