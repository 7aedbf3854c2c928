/** PDFs that exhaust PDFium's heap, and a plain one to read beside them (bomb tests and the serve memory probe). */
import { classicPdf } from './pdf-fixtures';

const stream = (dict: string, data: string) =>
  `<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream`;
const helvetica = '<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>';

/** Page 1 draws a form that draws itself twice (704 bytes that PDFium expands past its 2 GiB); page 2 says "Hello". */
export const bombPdf = classicPdf([
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /F 5 0 R >> >> /Contents 4 0 R >>',
  stream('', '/F Do'),
  stream(
    '/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /F 5 0 R >> >>',
    '/F Do /F Do',
  ),
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${helvetica} /Contents 7 0 R >>`,
  stream('', 'BT /F1 24 Tf 72 700 Td (Hello) Tj ET'),
]);

/** Two plain pages of text ("One", "Two"). */
export const plainPdf = classicPdf([
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>',
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${helvetica} /Contents 4 0 R >>`,
  stream('', 'BT /F1 24 Tf 72 700 Td (One) Tj ET'),
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${helvetica} /Contents 6 0 R >>`,
  stream('', 'BT /F1 24 Tf 72 700 Td (Two) Tj ET'),
]);
