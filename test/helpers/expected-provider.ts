/** The provider `--provider auto` must land on where the suite runs, so the same tests also check a GPU machine. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { modelsDir } from '../../app/models/paths';
import { cpuFlags, recVariantFor } from '../../app/ocr/cpu-vnni';
import { GRAPH_REWRITE_ID } from '../../app/ocr/graph/rewrite';
import { PROVIDER_CHOICES, PROVIDER_LABEL, type ProviderName } from '../../app/ocr/providers';
import { loadCalibration, type RecVariant } from '../../app/ocr/rec-int8';

function expected(value = 'cpu'): ProviderName {
  if (value === 'auto' || !(PROVIDER_CHOICES as readonly string[]).includes(value))
    throw new Error(
      `LANTERN_EXPECT_PROVIDER must name a provider (${PROVIDER_CHOICES.filter((c) => c !== 'auto').join(', ')}), not "${value}"`,
    );
  return value as ProviderName;
}

/** CPU here and in CI (no GPU); a run on a GPU machine sets LANTERN_EXPECT_PROVIDER, e.g. `webgpu`. */
export const EXPECTED_PROVIDER = expected(process.env.LANTERN_EXPECT_PROVIDER);

/** The start of the provider summary for it ("CPU", "WebGPU", …). */
export const EXPECTED_SUMMARY = new RegExp(`^${PROVIDER_LABEL[EXPECTED_PROVIDER]}`);

/** The recogniser variant `auto` must choose here: int8 on a VNNI CPU when the committed table is accepted, else fp32. */
export function expectedRecVariant(): RecVariant {
  const c = loadCalibration(modelsDir(), packSha256Rec(), GRAPH_REWRITE_ID);
  return recVariantFor('auto', EXPECTED_PROVIDER, cpuFlags(), typeof c !== 'string' && c.accepted);
}

/** The manifest's sha256 of the first pack's recogniser. */
function packSha256Rec(): string {
  const m = JSON.parse(readFileSync(path.join(modelsDir(), 'manifest.json'), 'utf8')) as {
    packs: { files: { rec: { sha256: string } } }[];
  };
  return m.packs[0]!.files.rec.sha256;
}
