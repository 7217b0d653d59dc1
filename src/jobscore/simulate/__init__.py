"""The simulator: a seeded marketplace with a hidden true quality per freelancer, every policy
scored on it, and a report of how well each ranks freelancers by that quality.

The modules are loaded by the command that runs them (`jobscore simulate`): numpy, scipy and
matplotlib are not imported with this package.
"""

__all__: list[str] = []
