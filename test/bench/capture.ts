/**
 * `npm run -s bench -- --capture [--runs N] [--provider P] [--json]`: only the capture-to-clipboard section
 * (capture-latency.ts); its table replaces the section of test/bench/results.md in place (or is added before the
 * tools' configuration), so the rest of the last full run stays as it was.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import prettier from 'prettier';
import { intOptionOrExit, parseScriptArgsOrExit, usageError } from '../../app/cli/script-args';
import { PROVIDER_CHOICES, isProviderChoice } from '../../app/ocr/providers';
import { REPO_ROOT } from './adapter';
import { captureSection, measureCaptureLatency, type CaptureFigures } from './capture-latency';

const USAGE = `usage: npm run -s bench -- --capture [--runs N] [--provider ${PROVIDER_CHOICES.join('|')}] [--json]
                             [--eval-dir ../shared/eval] [--out test/bench]`;
const { values } = parseScriptArgsOrExit(USAGE, {
  capture: { type: 'boolean', default: true },
  runs: { type: 'string' },
  provider: { type: 'string', default: 'cpu' },
  json: { type: 'boolean', default: false },
  'eval-dir': { type: 'string', default: path.join(REPO_ROOT, '..', 'shared', 'eval') },
  out: { type: 'string', default: path.join(REPO_ROOT, 'test', 'bench') },
});
const provider = values.provider;
if (!isProviderChoice(provider))
  usageError(USAGE, `--provider must be one of ${PROVIDER_CHOICES.join(', ')}`);
const runs = intOptionOrExit(USAGE, 'runs', values.runs, 40);

const load = os.loadavg();
const figures: CaptureFigures = await measureCaptureLatency({
  evalDir: values['eval-dir'],
  provider,
  runs,
  log: (m) => process.stderr.write(`[capture] ${m}\n`),
});
const measured =
  `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run -s bench -- --capture\` ` +
  `(${os.cpus().length} cores, load ${load.map((l) => l.toFixed(2)).join(' / ')} at the start, provider ${provider})`;
const section = captureSection(figures, measured);
const mdFile = path.join(path.resolve(values.out), 'results.md');
const md = await readFile(mdFile, 'utf8').catch(() => '');
const marked = /<!-- capture:start -->[\s\S]*?<!-- capture:end -->/;
const next = marked.test(md)
  ? md.replace(marked, section)
  : md.includes('\n## How each tool is configured')
    ? md.replace('\n## How each tool is configured', `\n${section}\n\n## How each tool is configured`)
    : `${md}\n${section}\n`;
const config = await prettier.resolveConfig(mdFile);
await writeFile(mdFile, await prettier.format(next, { ...config, filepath: mdFile }));
process.stderr.write(`[capture] written ${path.relative(process.cwd(), mdFile)}\n`);
if (values.json) console.log(JSON.stringify(figures));
