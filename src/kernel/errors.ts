/**
 * AppError: every failure a user can cause or see carries a stable code.
 * Only http/errors maps codes to HTTP statuses and pages; the CLI maps them to exit codes.
 * `message` is an English fallback for logs; user-facing text comes from the message catalog
 * under `error.<code>` with `params`.
 */
export type ErrorCode =
  | 'validation'
  | 'notFound'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'badCredentials'
  | 'accountLocked'
  | 'accountDisabled'
  | 'rateLimited'
  | 'schemaOutdated'
  | 'schemaTooNew'
  | 'csrf'
  | 'internal';

export interface FieldIssue {
  field: string;
  /** A message-catalog key (validation.*) or, from zod's built-in checks, already-readable text. */
  message: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly issues: FieldIssue[];
  constructor(code: ErrorCode, message: string, opts: { params?: Record<string, string | number>; issues?: FieldIssue[]; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.params = opts.params ?? {};
    this.issues = opts.issues ?? [];
  }
}

export const errors = {
  validation: (issues: FieldIssue[], message = 'Invalid input') => new AppError('validation', message, { issues }),
  notFound: (what: string, id?: string) => new AppError('notFound', `${what} not found${id ? `: ${id}` : ''}`, { params: { what, id: id ?? '' } }),
  forbidden: (message = 'Forbidden') => new AppError('forbidden', message),
  unauthenticated: () => new AppError('unauthenticated', 'Sign-in required'),
  conflict: (message: string, params: Record<string, string | number> = {}) => new AppError('conflict', message, { params }),
};

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
