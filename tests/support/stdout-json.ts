import { vi } from 'vitest';

/**
 * Runs `act` and returns the JSON objects it wrote to stdout, one per line — where Powertools writes log
 * entries (INFO and below) and EMF metric blobs. Other output passes through untouched.
 */
export async function captureStdoutJson(act: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.trimStart().startsWith('{')) {
      lines.push(...text.split('\n').filter((line) => line.trim() !== ''));
      return true;
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write);
  try {
    await act();
  } finally {
    spy.mockRestore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** An EMF blob as Powertools Metrics writes it. */
export interface EmfBlob {
  readonly _aws: {
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string;
      readonly Dimensions: readonly (readonly string[])[];
      readonly Metrics: readonly { readonly Name: string; readonly Unit: string }[];
    }[];
  };
  readonly [key: string]: unknown;
}

/** The EMF blobs among captured stdout objects. */
export function emfBlobs(objects: readonly Record<string, unknown>[]): EmfBlob[] {
  return objects.filter((object): object is EmfBlob => '_aws' in object);
}
