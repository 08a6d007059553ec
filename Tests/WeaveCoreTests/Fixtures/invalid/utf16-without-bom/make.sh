#!/bin/sh
# Writes tool.yaml as UTF-16 little-endian without a byte order mark, as some Windows editors save it.
cd "$(dirname "$0")" && printf 'kind: tool\nid: wide-card\ntype: worksheet\nname: Wide card\npurpose: Saved as UTF-16.\nactivities: [shared-vision]\n' | iconv -f UTF-8 -t UTF-16LE > tool.yaml
