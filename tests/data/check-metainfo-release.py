#!/usr/bin/python3
"""The newest <release> of the metainfo is the version meson.build declares.

Usage: check-metainfo-release.py METAINFO VERSION
The version has one home, meson.build: --version and About read it from
config.h, the package's changelog is checked against it by build-aux/deb,
and software centres read the metainfo, which this test keeps in step.
"""
import sys
import xml.etree.ElementTree as ET

path, version = sys.argv[1], sys.argv[2]
releases = ET.parse(path).getroot().findall("releases/release")
if not releases:
    print("%s lists no release; add <release version=\"%s\" date=\"...\"> for this version" % (path, version))
    sys.exit(1)
# appstream lists releases newest first.
newest = releases[0].get("version")
if newest != version:
    print("%s: the newest release is %s but meson.build says %s; add a <release> for %s with its date "
          "and notes" % (path, newest, version, version))
    sys.exit(1)
print("metainfo release %s = meson.build version %s" % (newest, version))
