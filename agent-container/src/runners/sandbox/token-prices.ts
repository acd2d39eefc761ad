/** USD per million tokens, as configured (MODEL_PRICE_INPUT_PER_MTOK, MODEL_PRICE_OUTPUT_PER_MTOK). */
export interface TokenPrices {
  inputPerMTok: number;
  outputPerMTok: number;
}

/** The cost of a run at the configured prices, for a model server that reports none. */
export function costAtPrices(prices: TokenPrices, tokens: { input: number; output: number }): number {
  return (tokens.input * prices.inputPerMTok + tokens.output * prices.outputPerMTok) / 1_000_000;
}
