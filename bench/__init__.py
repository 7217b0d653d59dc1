"""Benchmarks of batch scoring, and the seeded marketplace generator they (and the tests) share."""
