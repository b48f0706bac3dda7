// The one error class of the relay boundary: every non-2xx answer of the relay becomes a RelayError
// carrying the HTTP status, the relay's stable `code` and its extra details. Code branches on
// `status`/`code`, never on `message`. A request that never got an answer is a `network` RelayError
// with status 0.

export class RelayError extends Error {
  override readonly name = 'RelayError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    /** From `Retry-After` on 429 answers. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export function isRelayError(value: unknown, code?: string): value is RelayError {
  return value instanceof RelayError && (code === undefined || value.code === code);
}

/** Builds the error from a failed response; a body that is not the relay's JSON shape still yields one. */
export async function relayErrorFrom(response: Response): Promise<RelayError> {
  let code = `http_${response.status}`;
  let message = `The relay answered ${response.status} ${response.statusText}.`;
  let details: Record<string, unknown> = {};
  try {
    const body: unknown = await response.json();
    const error = (body as { error?: unknown } | null)?.error;
    if (error && typeof error === 'object') {
      const { code: c, message: m, ...rest } = error as Record<string, unknown>;
      if (typeof c === 'string') code = c;
      if (typeof m === 'string') message = m;
      details = rest;
    }
  } catch {
    // Not JSON (a proxy's error page): the status alone has to do.
  }
  const retry = Number(response.headers.get('retry-after'));
  return new RelayError(response.status, code, message, details, Number.isFinite(retry) && retry > 0 ? retry * 1000 : undefined);
}
