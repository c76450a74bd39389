/** A pattern that does not compile in its dialect: the rule using it is invalid (not applicable). */
export class ScaPatternError extends Error {
  override name = 'ScaPatternError';
}
