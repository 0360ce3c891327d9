#!/usr/bin/env bash
# Makes the README's pictures, docs/pictures/*.svg, from the colour goldens of the real screens
# (ui/testdata/TestPictures, written by `go test ./ui -run TestPictures -update`) with
# charmbracelet/freeze, a tool of the nested module tools/ (not a dependency of the program),
# and records each golden's hash in docs/pictures/SOURCES.sha256, which a test of ./ui compares
# with the goldens. SVG, not PNG: freeze renders SVG in pure Go; its PNG path needs rsvg-convert.
set -euo pipefail
cd "$(dirname "$0")/.."

goldens=ui/testdata/TestPictures
out=docs/pictures
mkdir -p "$out"
: > "$out/SOURCES.sha256.new"
for golden in "$goldens"/*.golden; do
  name=$(basename "$golden" .golden)
  # --font.family monospace: the viewer's own monospace font, not a 367 KB embedded one.
  (cd tools && go tool freeze --language ansi --font.family monospace --window \
    --output "../$out/$name.svg" "../$golden")
  (cd "$goldens" && sha256sum "$name.golden") >> "$out/SOURCES.sha256.new"
done
mv "$out/SOURCES.sha256.new" "$out/SOURCES.sha256"
echo "pictures: $(ls "$out"/*.svg | wc -l) written to $out"
