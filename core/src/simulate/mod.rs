//! Rank simulation: what-if, rank gain, target planner, Monte Carlo.
