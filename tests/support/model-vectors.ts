import { seededRandom as random } from './ocr-noise.ts';

/**
 * A unit vector spread like a real model's (Gaussian components, none zero), as the float32 an
 * embeddings API sends: what the RPC body carries in production, where the local embedder's vectors
 * are mostly zeros.
 */
export function modelLikeVector(seed: number, dimensions = 1536): number[] {
  const next = random(seed);
  const gaussian = Array.from({ length: dimensions }, () => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  });
  const norm = Math.hypot(...gaussian);
  return Array.from(Float32Array.from(gaussian, (value) => value / norm));
}
