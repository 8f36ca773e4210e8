"""Kommun outlines for the maps, simplified once per outline: Douglas–Peucker with a tolerance below a pixel
at the closest zoom the app uses, and coordinates rounded to 4 decimals (about 11 m north–south, 6 m east–west
here). The store's source geometry is never changed; only what is sent to the browser is lighter."""

from __future__ import annotations

import json
from functools import lru_cache

TOLERANCE = 0.0003  # degrees: about 33 m north–south; Kärnprofil's zoom 10.5 draws about 56 m per pixel
DECIMALS = 4


def _distance(p, a, b) -> float:
    """The distance (in degrees) from p to the segment a–b."""
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def douglas_peucker(points: list, tolerance: float) -> list:
    """The points of a line that keep it within tolerance of the original (first and last always kept)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: list, tolerance: float = TOLERANCE, decimals: int = DECIMALS) -> list:
    """A closed ring simplified and rounded; a ring that either step would shrink below a triangle is kept as it
    was (an islet of a few metres)."""
    simple = douglas_peucker(ring, tolerance)
    rounded = [[round(x, decimals), round(y, decimals)] for x, y in simple]
    rounded = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    return rounded if len(rounded) >= 4 else [list(p) for p in ring]


def simplify_geometry(geometry: dict, tolerance: float = TOLERANCE, decimals: int = DECIMALS) -> dict:
    """A GeoJSON Polygon or MultiPolygon with every ring simplified; other types are returned as they are."""
    if geometry.get("type") == "Polygon":
        rings = [simplify_ring(r, tolerance, decimals) for r in geometry["coordinates"]]
        return {"type": "Polygon", "coordinates": rings}
    if geometry.get("type") == "MultiPolygon":
        polygons = [[simplify_ring(r, tolerance, decimals) for r in poly] for poly in geometry["coordinates"]]
        return {"type": "MultiPolygon", "coordinates": polygons}
    return geometry


@lru_cache(maxsize=256)
def simplified_outline(geojson: str) -> dict:
    """The outline as sent to the maps, computed once per outline text (the store's text is the key, so a new
    build with new geometry gets new outlines). The dict is shared: callers must not change it."""
    return simplify_geometry(json.loads(geojson))
