// The few statistics the report needs. Rounds are few (15), so medians, not means: one round
// disturbed by the machine moves a mean, not a median.

/** The q-quantile (0..1) of `values`, interpolated between the two nearest ranks. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export const median = (values) => quantile(values, 0.5);

/**
 * The ratio of two contenders measured in the same rounds, round by round: what the
 * machine did during a round (a frequency change, a noisy neighbour) cancels out.
 */
export function pairedRatios(samples, reference) {
  return samples.map((value, round) => value / reference[round]);
}

/** Median and interquartile range of the paired ratios. */
export function ratioSummary(samples, reference) {
  const ratios = pairedRatios(samples, reference);
  return { median: median(ratios), p25: quantile(ratios, 0.25), p75: quantile(ratios, 0.75) };
}
