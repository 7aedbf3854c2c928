/**
 * `npm run -s accuracy [-- --eval-dir ../shared/eval --tools lantern,gutenye,ppu,tesseract --limit N --out F]`:
 * evaluates Lantern OCR and the peers over the evaluation set in one run and writes models/accuracy.md side by side.
 * Each tool runs in its own child process (test/bench/host.ts), so their native libraries never share a process.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import prettier from 'prettier';
import { intOptionOrExit, parseScriptArgsOrExit, usageError } from '../../app/cli/script-args';
import { readEvalDir } from '../../app/eval/dataset';
import { evaluate } from '../../app/eval/evaluate';
import { accuracyMarkdown, scoreTable, type Run } from '../../app/eval/report';
import { readManifest, selectPack } from '../../app/models/load';
import { modelsDir } from '../../app/models/paths';
import { REPO_ROOT, toolList } from './adapter';
import { ALL_TOOL_IDS, TOOL_CONFIG_NOTES, TOOL_NAMES, sourcesFor, toolAvailable } from './peers';
import { buildHost } from './host-build';
import { startHost } from './tool-process';

/** Usage text for --help and mistakes. */
const USAGE = `usage: npm run -s accuracy -- [--eval-dir ../shared/eval] [--tools ${ALL_TOOL_IDS.join(',')}] [--limit N]
                                [--out models/accuracy.md]`;
const { values } = parseScriptArgsOrExit(USAGE, {
  'eval-dir': { type: 'string', default: path.join(REPO_ROOT, '..', 'shared', 'eval') },
  tools: { type: 'string', default: ALL_TOOL_IDS.join(',') },
  limit: { type: 'string' },
  out: { type: 'string', default: path.join(REPO_ROOT, 'models', 'accuracy.md') },
});
const { tools, unknown: unknownTools } = toolList(values.tools);
if (unknownTools.length > 0) usageError(USAGE, `--tools: no tool "${unknownTools.join('", "')}"`);
const limit = intOptionOrExit(USAGE, 'limit', values.limit, Infinity);
const dir = path.resolve(values['eval-dir']);
const all = (await readEvalDir(dir)).map((s) => ({ ...s, items: s.items.slice(0, limit) }));

const hostPath = await buildHost();
const runs: Run[] = [];
for (const id of tools) {
  if (!toolAvailable(id)) {
    process.stderr.write(`${TOOL_NAMES[id]}: not installed here, skipped\n`);
    continue;
  }
  const proc = startHost(hostPath, id);
  await proc.ready;
  const t = performance.now();
  let n = 0;
  const result = await evaluate(
    sourcesFor(id, all),
    async (bytes, file) => (await proc.recognize(bytes, file)).pred,
    (r) => {
      if (++n % 25 === 0) process.stderr.write(`${TOOL_NAMES[id]}: ${n} images\n`);
      if (r.error) process.stderr.write(`${TOOL_NAMES[id]}: ${r.image}: ${r.error}\n`);
    },
  );
  await proc.stop();
  process.stderr.write(`${TOOL_NAMES[id]}: done in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
  runs.push({ name: TOOL_NAMES[id], scores: result.sources });
}

console.log(scoreTable(runs));
const pack = selectPack(await readManifest(modelsDir()));
const notes = ['Configuration of each recogniser:', '', ...TOOL_CONFIG_NOTES.map((n) => `- ${n}`)].join('\n');
const md = accuracyMarkdown(runs, { dir: path.relative(REPO_ROOT, dir) || dir, pack, notes });
const config = await prettier.resolveConfig(values.out);
await writeFile(values.out, await prettier.format(md, { ...config, filepath: values.out }));
console.log(`written ${path.relative(process.cwd(), values.out)}`);
