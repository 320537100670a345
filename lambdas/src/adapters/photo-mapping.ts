import type { Box } from '../domain/ports.ts';

/**
 * Inverts the preparation's geometry for a box: the enlargement, the deskewing rotation (sharp turns
 * about the centre and grows the canvas to hold the corners) and the reduction to at most 2000 px. The
 * box's four corners are mapped and the box around them is kept, clamped to the photo.
 */
export function photoMapping(geometry: {
  photo: readonly [number, number];
  /** The part of the photo that was prepared: all of it, or a crop. */
  area: Box;
  reduced: readonly [number, number];
  rotated: readonly [number, number];
  degrees: number;
  scale: number;
}): (box: Box) => Box {
  const { photo, area, reduced, rotated, degrees, scale } = geometry;
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const reduction = reduced[0] / area[2];
  return ([x, y, width, height]) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const [u, v] of [
      [x, y],
      [x + width, y],
      [x, y + height],
      [x + width, y + height],
    ] as const) {
      // Undo the enlargement, then the rotation (a clockwise turn by `degrees` on screen).
      const dx = u / scale - rotated[0] / 2;
      const dy = v / scale - rotated[1] / 2;
      const rx = dx * cos + dy * sin + reduced[0] / 2;
      const ry = -dx * sin + dy * cos + reduced[1] / 2;
      xs.push(rx / reduction + area[0]);
      ys.push(ry / reduction + area[1]);
    }
    const clamp = (value: number, max: number) => Math.max(0, Math.min(max, Math.round(value)));
    const left = clamp(Math.min(...xs), photo[0]);
    const top = clamp(Math.min(...ys), photo[1]);
    return [left, top, clamp(Math.max(...xs), photo[0]) - left, clamp(Math.max(...ys), photo[1]) - top];
  };
}

/** `box` moved and cut to lie inside a `width` × `height` image, at least 16 px each way. */
export function clampBox(box: Box, width: number, height: number): Box {
  const left = Math.max(0, Math.min(width - 16, Math.round(box[0])));
  const top = Math.max(0, Math.min(height - 16, Math.round(box[1])));
  return [
    left,
    top,
    Math.max(16, Math.min(width - left, Math.round(box[2]))),
    Math.max(16, Math.min(height - top, Math.round(box[3]))),
  ];
}
