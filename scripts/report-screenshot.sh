#!/usr/bin/env bash
# Screenshot the generated Allure report in headless Chromium, to check it renders and shows the claims.
#
# The report is a JavaScript app that loads its data with XHR, so it must be served over HTTP (not file://):
# python3's http.server on 127.0.0.1 and a free port, stopped again on exit.
# Needs Debian's chromium (apt-get install -y chromium).
#
# Usage: scripts/report-screenshot.sh [REPORT_DIR] [OUT_DIR]
#   writes OUT_DIR/front.png (index.html: the claims x models matrix, first screen), model.png (the first model
#   page), overview.png, behaviors.png, categories.png (Allure, at allure.html) and case.png (the first failed
#   case's page, else the first case's, at allure.html#testresult/<uid>; default OUT_DIR: target/report-screenshots).
#   A report made before the claim pages existed has Allure at index.html; then only the Allure pages are shot.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REPORT="${1:-$ROOT/allure-report}"
OUT="${2:-$ROOT/target/report-screenshots}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"

[ -f "$REPORT/index.html" ] || { echo "report-screenshot.sh: no $REPORT/index.html; run scripts/allure-report.sh" >&2; exit 1; }
[ -n "$CHROMIUM" ] || { echo "report-screenshot.sh: chromium not found (apt-get install -y chromium)" >&2; exit 1; }
mkdir -p "$OUT"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$REPORT" >/dev/null 2>&1 &
SERVER_PID=$!
PROFILE="$(mktemp -d)"
cleanup() { kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$PROFILE"; }
trap cleanup EXIT

for _ in $(seq 1 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/index.html')" 2>/dev/null && break
  sleep 0.1
done

shoot() {  # $1 = file name, $2 = page and hash route of the report, $3 = window height (default 1000)
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$PROFILE" --virtual-time-budget=15000 --window-size=1400,"${3:-1000}" \
    --screenshot="$OUT/$1" "http://127.0.0.1:$PORT/$2" >/dev/null 2>&1
  echo "report-screenshot.sh: $OUT/$1"
}
ALLURE_PAGE=index.html
if [ -f "$REPORT/allure.html" ]; then
  ALLURE_PAGE=allure.html
  shoot front.png index.html
  MODEL_PAGE="$(cd "$REPORT" && ls models/*.html 2>/dev/null | head -1 || true)"
  [ -n "$MODEL_PAGE" ] && shoot model.png "$MODEL_PAGE" 2200
fi
shoot overview.png "$ALLURE_PAGE"
shoot behaviors.png "$ALLURE_PAGE#behaviors"
shoot categories.png "$ALLURE_PAGE#categories"

# a case's page: #testresult/<uid of the case>, the route the front page links to; uid read from the generated tree
CASE_ROUTE="$(python3 - "$REPORT/data/behaviors.json" <<'PY'
import json, sys
tree = json.load(open(sys.argv[1]))
def leaves(node, parent):
    for child in node.get("children", []):
        if "children" in child:
            yield from leaves(child, child["uid"])
        else:
            yield parent, child
cases = list(leaves(tree, tree.get("uid")))
failed = [c for c in cases if c[1].get("status") == "failed"]
parent, case = (failed or cases)[0]
print(f"#testresult/{case['uid']}")
PY
)"
shoot case.png "$ALLURE_PAGE$CASE_ROUTE" 1400
