#!/usr/bin/env bash
# Remakes folio-fogra39.icc, the CMYK profile of the print profile's output
# intent, from the FOGRA39 characterisation data beside this script.
#
#   apt-get install argyll && bash crates/pdf/assets/make-profile.sh
#
# -qm: medium quality tables (247 KB; average error 0.16 ΔE76, max 0.72
#      against the measurements, as `profcheck FOGRA39L.ti3 folio-fogra39.icc`
#      reports); -kr: black generation ramping from none at paper white to
#      full at black; -l330: the condition's 330% total ink limit.
# The profile's header records when it was made, so a remade file differs
# from the committed one in those bytes only.
set -euo pipefail
cd "$(dirname "$0")"
colprof -qm -kr -l330 \
  -A "Fogra" \
  -M "Offset, coated paper (PT 1/2), ISO 12647-2:2004/Amd 1" \
  -D "Folio FOGRA39 (coated, ISO 12647-2:2004/Amd 1)" \
  -C "Profile: no copyright, use freely. Characterisation data FOGRA39L: Fogra, distributed by Kai-Uwe Behrmann under the zlib licence" \
  -O folio-fogra39.icc FOGRA39L
profcheck FOGRA39L.ti3 folio-fogra39.icc | tail -1
