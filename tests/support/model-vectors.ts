/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

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
