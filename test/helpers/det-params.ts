/** The detector's parameters as the pack gives them, for tests of its post-processing on constructed maps. */
import type { DetParams } from '../../app/models/manifest';

/** PP-OCRv4 det's parameters (models/manifest.json). */
export const DET_PARAMS: DetParams = {
  limitSideLen: 960,
  limitType: 'max',
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
  channelOrder: 'bgr',
  thresh: 0.3,
  boxThresh: 0.6,
  unclipRatio: 1.5,
  minSize: 3,
  maxCandidates: 1000,
};
