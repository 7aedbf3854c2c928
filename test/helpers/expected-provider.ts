/** The provider `--provider auto` must land on where the suite runs, so the same tests also check a GPU machine. */
import { PROVIDER_LABEL, type ProviderName } from '../../app/ocr/providers';

/** CPU here and in CI (no GPU); a run on a GPU machine sets LANTERN_EXPECT_PROVIDER, e.g. `webgpu`. */
export const EXPECTED_PROVIDER = (process.env.LANTERN_EXPECT_PROVIDER ?? 'cpu') as ProviderName;

/** The start of the provider summary for it ("CPU", "WebGPU", …). */
export const EXPECTED_SUMMARY = new RegExp(`^${PROVIDER_LABEL[EXPECTED_PROVIDER]}`);
