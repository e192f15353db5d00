/** Alternative hypothesis, in SciPy's sense: 'greater' means the first sample tends to be larger. */
export type Alternative = 'two-sided' | 'less' | 'greater';
