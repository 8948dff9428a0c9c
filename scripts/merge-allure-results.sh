#!/usr/bin/env bash
# Merge several runners' Allure results into one folder for one report (gpu.yml's report job).
#
# Usage: scripts/merge-allure-results.sh OUT_DIR RESULTS_DIR...
#   Each RESULTS_DIR is one runner's allure-results/ (an artifact allure-results-<model>; the directory name after
#   "allure-results-" names the runner, else the directory's own name). Into OUT_DIR go:
#   - every result, container and attachment file, and every claims-summary-*.json (ClaimReport reads them);
#     Allure's file names are UUIDs, so they do not collide; a name seen twice with other content is an error;
#   - ONE environment.properties: each runner's lines prefixed with "<runner>." (the Environment widget shows
#     them side by side instead of one runner's file overwriting the others');
#   - NO history/: each runner's history is its own model's trend; the merged report's trend comes from the
#     previous merged report (scripts/allure-report.sh copies allure-report/history in), so there is one history.
#   categories.json (the same on every runner) is copied once. Results written whole: OUT_DIR.partial, then moved.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,14p' "$0" >&2; exit 2; }
OUT="$1"; shift
TMP="$OUT.partial"
rm -rf "$TMP"
mkdir -p "$TMP"
: > "$TMP/environment.properties"
for dir in "$@"; do
  [ -d "$dir" ] || { echo "merge-allure-results.sh: $dir is not a directory" >&2; rm -rf "$TMP"; exit 1; }
  base="$(basename "$dir")"
  runner="${base#allure-results-}"
  found=0
  while IFS= read -r -d '' f; do
    name="$(basename "$f")"
    case "$name" in
      environment.properties)
        sed -e '/^[[:space:]]*$/d' -e '/^#/d' -e "s/^/${runner}./" "$f" >> "$TMP/environment.properties" ;;
      categories.json)
        [ -f "$TMP/$name" ] || cp "$f" "$TMP/$name" ;;
      *)
        if [ -e "$TMP/$name" ] && ! cmp -s "$f" "$TMP/$name"; then
          echo "merge-allure-results.sh: $name is in two runners' results with different content ($dir)" >&2
          rm -rf "$TMP"; exit 1
        fi
        cp "$f" "$TMP/$name"; found=$((found + 1)) ;;
    esac
  done < <(find "$dir" -maxdepth 1 -type f -print0)
  echo "merge-allure-results.sh: $runner: $found files (history/ left out)"
done
rm -rf "$OUT"
mv "$TMP" "$OUT"
echo "merge-allure-results.sh: merged $# runners into $OUT"
