#!/usr/bin/env bash
# The fonts `daft results plot` draws its text with, embedded in daft (src/Coordinator/Results/Plots/Fonts/): DejaVu Sans
# and DejaVu Sans Bold from Debian 12's fonts-dejavu-core 2.37, cut to the characters plots use (ASCII, Latin-1, Greek,
# general punctuation, arrows, ± × − ≈ ≠ ≤ ≥ ∞ ⋅) so that each is ~50 KB instead of ~750 KB. Embedded because a
# fresh machine has no system fonts, and SkiaSharp then draws no text at all.
#
#   apt-get install fonts-dejavu-core python3-fonttools && tools/make_plot_fonts.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=src/Coordinator/Results/Plots/Fonts
unicodes="U+0020-007E,U+00A0-00FF,U+0391-03C9,U+2010-2027,U+2030,U+2032,U+2033,U+2190-2193,U+2212,U+2248,U+2260,U+2264,U+2265,U+221E,U+22C5,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
    /usr/bin/python3 -m fontTools.subset "/usr/share/fonts/truetype/dejavu/$face.ttf" --unicodes="$unicodes" \
        --layout-features='kern,liga' --output-file="$out/$face.subset.ttf"
done
sed -n '/^Files: \*$/,/^Files: debian/p' /usr/share/doc/fonts-dejavu-core/copyright | sed '$d' | sed 's/[[:space:]]*$//' > "$out/LICENSE"
ls -l "$out"
