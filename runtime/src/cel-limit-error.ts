/** Why a CEL evaluation was stopped: over its budget (`cel.budget`) or an unusable regular expression (`cel.regex`). */
export type CelLimitCode = 'cel.budget' | 'cel.regex';

export class CelLimitError extends Error {
  constructor(
    readonly code: CelLimitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CelLimitError';
  }
}
