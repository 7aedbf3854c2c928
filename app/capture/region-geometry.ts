/** Region-selection geometry for app/ and main/: the renderer shares it, so it lives in the contracts. */
export * from '../contracts/region-geometry';
