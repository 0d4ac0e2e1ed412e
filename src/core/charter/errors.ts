/** Why a text could not be read as a charter at all. */
export type CharterErrorKind = 'empty' | 'binary' | 'not-utf8' | 'too-large' | 'no-table' | 'no-entries';

/** The only error the charter parser throws: the text is not a readable cookie charter. */
export class CharterError extends Error {
  override readonly name = 'CharterError';
  /** Machine-readable cause, so callers and tests need not match on the message. */
  readonly kind: CharterErrorKind;

  constructor(message: string, kind: CharterErrorKind) {
    super(message);
    this.kind = kind;
  }
}
