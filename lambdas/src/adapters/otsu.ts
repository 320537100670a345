/**
 * Otsu's threshold: the gray level that best separates print from paper (of every `stride`-th pixel); the
 * darker class is the levels up to and including it.
 */
export function otsu(gray: Uint8Array, stride = 1): number {
  const histogram = new Float64Array(256);
  let total = 0;
  for (let i = 0; i < gray.length; i += stride, total++) {
    const value = gray[i] as number;
    histogram[value] = (histogram[value] as number) + 1;
  }
  let sumAll = 0;
  for (let value = 0; value < 256; value++) sumAll += value * (histogram[value] ?? 0);
  let weightBackground = 0;
  let sumBackground = 0;
  let bestThreshold = 128;
  let bestVariance = -1;
  for (let value = 0; value < 256; value++) {
    weightBackground += histogram[value] ?? 0;
    if (weightBackground === 0) continue;
    const weightForeground = total - weightBackground;
    if (weightForeground === 0) break;
    sumBackground += value * (histogram[value] ?? 0);
    const meanBackground = sumBackground / weightBackground;
    const meanForeground = (sumAll - sumBackground) / weightForeground;
    const variance = weightBackground * weightForeground * (meanBackground - meanForeground) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      bestThreshold = value;
    }
  }
  return bestThreshold;
}
