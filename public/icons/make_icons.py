#!/usr/bin/env python3
"""Draws Hometime's app icons (a white house with a warm heart on teal) as PNGs, using only the standard
library (zlib + struct), so the icons can be rebuilt anywhere: `python3 make_icons.py` in this folder.

The mark stays inside the central 60% of the square, so the 512 icon is safe to use as a maskable icon."""

import struct
import zlib

TEAL = (0x1F, 0x6F, 0x78)
WHITE = (0xFF, 0xFF, 0xFF)
HEART = (0xF4, 0xA2, 0x59)
DOOR_SHADOW = (0xE3, 0xF1, 0xF2)
SAMPLES = 4  # per axis, for smooth edges


def in_roof(x, y):
    # Triangle with apex (0.5, 0.22) and base from (0.2, 0.5) to (0.8, 0.5).
    if y > 0.5 or y < 0.22:
        return False
    half = (y - 0.22) / 0.28 * 0.3
    return abs(x - 0.5) <= half


def in_walls(x, y):
    return 0.27 <= x <= 0.73 and 0.48 <= y <= 0.78


def in_heart(x, y):
    # The classic implicit heart, centred at (0.5, 0.62), about 0.2 wide.
    u = (x - 0.5) / 0.11
    v = -(y - 0.625) / 0.11
    return (u * u + v * v - 1) ** 3 - u * u * v ** 3 <= 0


def colour_at(x, y):
    if in_heart(x, y):
        return HEART
    if in_roof(x, y) or in_walls(x, y):
        return WHITE
    return TEAL


def render(size):
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter type 0 for each scanline
        for px in range(size):
            acc = [0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES) / size
                    y = (py + (sy + 0.5) / SAMPLES) / size
                    c = colour_at(x, y)
                    acc[0] += c[0]
                    acc[1] += c[1]
                    acc[2] += c[2]
            n = SAMPLES * SAMPLES
            row += bytes((round(acc[0] / n), round(acc[1] / n), round(acc[2] / n)))
        rows.append(bytes(row))
    return b"".join(rows)


def png(size, pixels):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    for size in (192, 512):
        with open(f"icon-{size}.png", "wb") as f:
            f.write(png(size, render(size)))
        print(f"icon-{size}.png")
