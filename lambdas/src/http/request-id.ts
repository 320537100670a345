import { randomUUID } from 'node:crypto';

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Echoes the caller's request id when it is a sane token (≤ 128 of `[A-Za-z0-9._-]`), else makes one. */
export function resolveRequestId(callerId: string | undefined): string {
  return callerId !== undefined && SANE_REQUEST_ID.test(callerId) ? callerId : randomUUID();
}
