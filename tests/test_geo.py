"""The kommun outlines sent to the maps: simplified and rounded, yet every source point stays within the
tolerance of the outline drawn, each kommun keeps its area, and the store's own geometry is unchanged."""

import json

from components.common import geo
from queries.runner import ReferenceStore

SLACK = geo.TOLERANCE + 10**-geo.DECIMALS  # the simplification plus the rounding (half a unit on each axis)


def area(ring: list) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))) / 2


def rings(geometry: dict) -> list:
    return [r for poly in geometry["coordinates"] for r in poly]


def test_douglas_peucker_drops_only_what_is_within_the_tolerance():
    line = [[0, 0], [1, 0.00001], [2, 0], [3, 1], [4, 0]]
    assert geo.douglas_peucker(line, 0.001) == [[0, 0], [2, 0], [3, 1], [4, 0]]
    assert geo.douglas_peucker(line, 0) == line
    assert geo.douglas_peucker(line[:2], 1) == line[:2]


def test_a_ring_too_small_to_simplify_is_kept():
    tiny = [[18.0, 59.0], [18.00001, 59.0], [18.00001, 59.00001], [18.0, 59.0]]
    assert geo.simplify_ring(tiny) == tiny  # not collapsed to a line or a point
    assert geo.simplify_geometry({"type": "Point", "coordinates": [18, 59]}) == {
        "type": "Point",
        "coordinates": [18, 59],
    }


def test_the_store_outlines_stay_recognisable_and_lighter(ref_db):
    shapes = ReferenceStore(ref_db).run("municipality_shapes")
    before = list(shapes["geojson"])
    sent = 0
    for text in shapes["geojson"]:
        source, simple = json.loads(text), geo.simplified_outline(text)
        assert simple["type"] == source["type"] and len(rings(simple)) == len(rings(source))
        for original, drawn in zip(rings(source), rings(simple)):
            assert drawn[0] == drawn[-1] and len(drawn) >= 4  # still a closed ring
            assert abs(area(drawn) - area(original)) <= 0.01 * area(original) + 1e-7
            for p in original:  # every source point is within the tolerance of the outline drawn
                assert min(geo._distance(p, a, b) for a, b in zip(drawn, drawn[1:])) <= SLACK
        sent += len(json.dumps(simple, separators=(",", ":")))
    assert sent < 0.6 * sum(len(t) for t in before)
    assert list(ReferenceStore(ref_db).run("municipality_shapes")["geojson"]) == before  # the source as it was
