/** Randomness as the core sees it (the screenshot schedule, screenshot ids). */
export interface Random {
  /** A number in [0, 1), uniformly distributed. */
  next(): number;
  /** A fresh unique id (a UUID in production). */
  id(): string;
}
