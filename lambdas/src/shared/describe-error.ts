/** An error's message followed by its causes' messages — without the SQL text Postgres errors carry. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.message);
    current = current.cause;
  }
  if (current !== undefined) parts.push(String(current));
  return parts.join(': ');
}
