"""SQL aggregates the metrics need and Django doesn't ship.

``PercentileCont`` is PostgreSQL's ``percentile_cont``: the value at a fraction of the ordered values, interpolated
linearly between the two nearest (the "inclusive" method, as ``statistics.quantiles(method="inclusive")``). It
ignores NULLs. SQLite (development, the default test run) has no such aggregate, so the same one is registered on
the connection as a Python aggregate when a query uses it: one query, the same answer, on both.
"""

import math

from django.db.models import Aggregate


class _SQLitePercentileCont:
    def __init__(self):
        self.values, self.fraction = [], 0.0

    def step(self, value, fraction):
        if value is not None:
            self.values.append(value)
            self.fraction = fraction

    def finalize(self):
        if not self.values:
            return None
        values = sorted(self.values)
        position = (len(values) - 1) * self.fraction
        low, high = math.floor(position), math.ceil(position)
        return values[low] + (values[high] - values[low]) * (position - low)


class PercentileCont(Aggregate):
    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("The fraction is between 0 and 1.")
        super().__init__(expression, fraction=float(fraction), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_aggregate("PERCENTILE_CONT", 2, _SQLitePercentileCont)
        return self.as_sql(compiler, connection, template="%(function)s(%(expressions)s, %(fraction)s)",
                           **extra_context)
