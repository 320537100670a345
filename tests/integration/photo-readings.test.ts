import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { lightPrintShare, type PreparedImage } from '../../lambdas/src/adapters/label-image.ts';
import { readPhoto } from '../../lambdas/src/adapters/photo-readings.ts';
import type { OcrResult } from '../../lambdas/src/domain/ports.ts';
import { renderLabel } from '../support/label-render.ts';

const LINES = ['INGREDIENTS: Cotton, Rayon, Polyester,', 'Glycerin, Citric Acid, Tocopherol.'];
const word = { text: 'Cotton', bbox: [0, 0, 10, 10] as const };

/** An engine that answers with the given confidences in turn, and keeps what it was given. */
function engine(confidences: number[]) {
  const seen: PreparedImage[] = [];
  const read = async (prepared: PreparedImage): Promise<OcrResult> => {
    seen.push(prepared);
    const confidence = confidences[seen.length - 1] ?? 0;
    return { text: `reading ${seen.length}`, confidence, lines: [{ ...word, words: [word] }] };
  };
  return { seen, read };
}

describe('readPhoto: how often a photo is read', () => {
  it('reads a photo once when the engine is sure of it', async () => {
    const { seen, read } = engine([0.95]);

    const result = await readPhoto(await renderLabel(LINES), read);

    expect(seen).toHaveLength(1);
    expect(result).not.toHaveProperty('alternatives');
  });

  it('reads an unsure photo again, prepared with lighter denoising, and returns both readings', async () => {
    const { seen, read } = engine([0.6, 0.7]);

    const result = await readPhoto(await renderLabel(LINES, { fontSize: 14 }), read);

    expect(seen).toHaveLength(2);
    expect(seen[1]?.pixels.equals(seen[0]?.pixels ?? Buffer.alloc(0))).toBe(false);
    expect([result.text, result.alternatives?.map((other) => other.text)]).toEqual([
      'reading 2',
      ['reading 1'],
    ]);
  });

  it('puts the more confident reading first', async () => {
    const { read } = engine([0.6, 0.5]);

    const result = await readPhoto(await renderLabel(LINES), read);

    expect([result.confidence, result.alternatives?.[0]?.confidence]).toEqual([0.6, 0.5]);
  });
});

/** A label printed dark on white with its list on a navy panel in white print. */
async function labelWithPanel(): Promise<Buffer> {
  const top = await renderLabel(['Softmoor Intimate Wash', 'Made with plant-based ingredients.']);
  const panel = await renderLabel(LINES, { background: '#1f3a5f', color: '#ffffff' });
  const [a, b] = await Promise.all([sharp(top).metadata(), sharp(panel).metadata()]);
  return sharp({
    create: { width: 1000, height: (a.height ?? 0) + (b.height ?? 0), channels: 3, background: '#ffffff' },
  })
    .composite([
      { input: top, top: 0, left: 0 },
      { input: panel, top: a.height ?? 0, left: 0 },
    ])
    .png()
    .toBuffer();
}

describe('readPhoto: light print', () => {
  it('reads a label with a light-on-dark panel as it is and as a negative, and keeps both', async () => {
    const { seen, read } = engine([0.95, 0.8]);

    const result = await readPhoto(await labelWithPanel(), read);

    expect(seen).toHaveLength(2);
    expect(seen[0]?.lightPrint).toBeGreaterThanOrEqual(0.35);
    expect(seen[0]?.lightPrint).toBeLessThanOrEqual(0.65);
    expect(seen[1]?.pixels.equals(seen[0]?.pixels ?? Buffer.alloc(0))).toBe(false);
    expect(result.alternatives).toHaveLength(1);
  });

  it('reads a label printed all in light print once, as a negative', async () => {
    const { seen, read } = engine([0.95]);

    await readPhoto(await renderLabel(LINES, { background: '#0f5c55', color: '#fdf6d8' }), read);

    expect(seen).toHaveLength(1);
    expect(seen[0]?.lightPrint).toBeGreaterThan(0.65);
    const prepared = seen[0] as PreparedImage;
    expect(lightPrintShare(prepared.pixels, prepared.width, prepared.height)).toBeLessThan(0.1);
  });
});
