#!/usr/bin/python3
"""Every screenshot the metainfo names is in the tree, and the other way round.

Usage: check-metainfo-screenshots.py METAINFO SOURCE_ROOT
Software centres fetch each <image> from the project's repository: its path
after the branch must be a PNG under data/screenshots/ of this tree, of the
size the <image> says, and every PNG at the top of data/screenshots/ (what
build-aux/screenshots takes) must have its <screenshot> with a caption.
"""
import os
import struct
import sys
import xml.etree.ElementTree as ET

PREFIX = "https://raw.githubusercontent.com/matou/matou/main/"
FOLDER = "data/screenshots"

path, top = sys.argv[1], sys.argv[2]
problems = []
listed = set()
screenshots = ET.parse(path).getroot().findall("screenshots/screenshot")
if not screenshots:
    problems.append("no <screenshot> at all")
for shot in screenshots:
    image = shot.find("image")
    caption = shot.find("caption")
    url = (image.text or "").strip() if image is not None else ""
    if caption is None or not (caption.text or "").strip():
        problems.append("%s: no caption" % (url or "a <screenshot>"))
    if not url.startswith(PREFIX + FOLDER + "/"):
        problems.append("%r is not a file of %s in the repository (%s...)" % (url, FOLDER, PREFIX))
        continue
    relative = url[len(PREFIX):]
    listed.add(relative)
    file = os.path.join(top, relative)
    try:
        with open(file, "rb") as f:
            head = f.read(24)
    except OSError as e:
        problems.append("%s names %s, which is not there (%s): run build-aux/screenshots" % (url, relative, e.strerror))
        continue
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        problems.append("%s is not a PNG" % relative)
        continue
    width, height = struct.unpack(">II", head[16:24])
    said = (image.get("width"), image.get("height"))
    if said != (None, None) and said != (str(width), str(height)):
        problems.append("%s is %dx%d but the metainfo says %sx%s" % (relative, width, height, *said))
    print("%s: %dx%d, %d bytes, %r" % (relative, width, height, os.path.getsize(file),
                                       (caption.text or "").strip() if caption is not None else None))

for name in sorted(os.listdir(os.path.join(top, FOLDER))):
    relative = FOLDER + "/" + name
    if name.endswith(".png") and relative not in listed:
        problems.append("%s is not listed in the metainfo: add a <screenshot> with a caption" % relative)

for problem in problems:
    print("%s: %s" % (path, problem))
sys.exit(1 if problems else 0)
