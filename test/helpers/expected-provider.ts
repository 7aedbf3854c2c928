/** The provider `--provider auto` must land on where the suite runs, so the same tests also check a GPU machine. */
import { PROVIDER_CHOICES, PROVIDER_LABEL, type ProviderName } from '../../app/ocr/providers';

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
