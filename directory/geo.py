"""Rough distances for "nearest first", with no external calls.

A US ZIP code is placed at the centroid of its three-digit prefix (``data/zip3_centroids.csv``, see the README
beside it); a location with its own latitude and longitude uses those. Distances are great-circle miles.
"""

import csv
import math
import re
from functools import cache
from pathlib import Path

CENTROIDS = Path(__file__).parent / "data" / "zip3_centroids.csv"
EARTH_RADIUS_MILES = 3958.8
_ZIP = re.compile(r"^\s*(\d{5})(?:-\d{4})?\s*$")

Point = tuple[float, float]


@cache
def _zip3_table() -> dict[str, Point]:
    with CENTROIDS.open(newline="") as handle:
        return {row["zip3"]: (float(row["latitude"]), float(row["longitude"])) for row in csv.DictReader(handle)}


def point_for_postcode(postcode: str | None) -> Point | None:
    """The approximate position of a US ZIP code, or None when it isn't one we know."""
    match = _ZIP.match(postcode or "")
    if not match:
        return None
    return _zip3_table().get(match.group(1)[:3])


def miles(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))
