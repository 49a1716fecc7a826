"""Strips TrueType hinting from fonts, leaving every other table as it is.

    python3 fonts/strip-hinting.py IN.ttf OUT.ttf [IN2.ttf OUT2.ttf ...]

Hinting (glyph programs and the fpgm, prep, cvt tables) adjusts outlines to
a screen's pixel grid at small sizes. PDF viewers and printers rasterise at
high resolution and ignore it, yet it is about 40% of Noto's glyph data and
krilla's subsetter keeps it in every embedded font. Metrics, cmap and the
OpenType layout tables (GSUB, GPOS, GDEF) are copied byte for byte, so
shaping and layout are unchanged. Needs fontTools (`pip install fonttools`);
only run when fonts are added or updated, never by the build.
"""
import sys
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram

for src, dst in zip(sys.argv[1::2], sys.argv[2::2]):
    font = TTFont(src, lazy=False)
    for tag in ("fpgm", "prep", "cvt ", "cvar", "hdmx", "LTSH", "VDMX", "DSIG"):
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        glyph.expand(glyf)
        if hasattr(glyph, "program"):
            glyph.program = ttProgram.Program()
            glyph.program.fromBytecode(b"")
    maxp = font["maxp"]
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    font.save(dst)
