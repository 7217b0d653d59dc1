"""The simulator's tests need numpy, SciPy and matplotlib."""

from tests.extras import skip_without

skip_without("sim")
