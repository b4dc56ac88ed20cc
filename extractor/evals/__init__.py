"""The eval harness: datasets, SPEC section 4 scorers, runner and reports."""
