// The relay's one error type: every failure a client sees is an HttpError with a status and a stable
// machine-readable code, rendered as `{ "error": { "code", "message", ...details } }`. Code that
// reacts to errors branches on `code`, never on the message.

export type ErrorDetails = Record<string, unknown>;

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetails = {},
    /** Extra response headers, e.g. `Retry-After` for 429 or `Content-Range` for 416. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toJSON(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}

export const badRequest = (code: string, message: string, details?: ErrorDetails) => new HttpError(400, code, message, details);
export const notFound = (code: string, message: string) => new HttpError(404, code, message);
export const conflict = (code: string, message: string, details?: ErrorDetails) => new HttpError(409, code, message, details);
export const gone = (code: string, message: string) => new HttpError(410, code, message);
