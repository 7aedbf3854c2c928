import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfOutputs } from '../../app/cli/pdf-outputs';

test('each input gets its own PDF name; a later input of a taken name gets the first free -N', () => {
  assert.deepEqual(pdfOutputs('/o', ['a/scan.pdf', 'b/scan.tif', 'scan-2.png', 'c/Scan.jpg', 'x.png']), [
    { file: '/o/scan.pdf' },
    { file: '/o/scan-3.pdf', renamedFrom: 'scan.pdf', takenBy: 'earlier' },
    { file: '/o/scan-2.pdf' },
    { file: '/o/Scan-4.pdf', renamedFrom: 'Scan.pdf', takenBy: 'earlier' },
    { file: '/o/x.pdf' },
  ]);
});

test('the same file given twice is written twice', () => {
  assert.deepEqual(
    pdfOutputs('/o', ['p.jpg', 'p.jpg']).map((o) => o.file),
    ['/o/p.pdf', '/o/p-2.pdf'],
  );
});

test('no PDF takes the name of an input in DIR, whatever the order of the inputs', () => {
  // `lantern --searchable-pdf . *` in a folder with invoice.jpg and invoice.pdf: neither input is written over.
  assert.deepEqual(pdfOutputs('/d', ['invoice.jpg', 'invoice.pdf'], ['invoice.jpg', 'invoice.pdf']), [
    { file: '/d/invoice-2.pdf', renamedFrom: 'invoice.pdf', takenBy: 'input' },
    { file: '/d/invoice-3.pdf', renamedFrom: 'invoice.pdf', takenBy: 'input' },
  ]);
  // An input named like a variant keeps it free too; names differing in case only are one name.
  assert.deepEqual(
    pdfOutputs('/d', ['scan.pdf', 'SCAN.PDF'], ['scan.pdf', 'SCAN.PDF', 'scan-2.pdf']).map((o) => o.file),
    ['/d/scan-3.pdf', '/d/SCAN-4.pdf'],
  );
});
