"""`make bench`: figures, not pass/fail. The machine is shared and noisy; read ratios."""
