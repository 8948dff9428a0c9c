#!/usr/bin/env bash
# Screenshot the generated Allure report in headless Chromium, to check it renders and shows the claims.
#
# The report is a JavaScript app that loads its data with XHR, so it must be served over HTTP (not file://):
# python3's http.server on 127.0.0.1 and a free port, stopped again on exit.
# Needs Debian's chromium (apt-get install -y chromium).
#
# Usage: scripts/report-screenshot.sh [REPORT_DIR] [OUT_DIR]
#   writes OUT_DIR/overview.png, behaviors.png, categories.png and case.png (the first failed case's page,
#   else the first case's; default OUT_DIR: target/report-screenshots)
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

shoot() {  # $1 = file name, $2 = hash route of the report
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$PROFILE" --virtual-time-budget=15000 --window-size=1400,1000 \
    --screenshot="$OUT/$1" "http://127.0.0.1:$PORT/index.html$2" >/dev/null 2>&1
  echo "report-screenshot.sh: $OUT/$1"
}
shoot overview.png ""
shoot behaviors.png "#behaviors"
shoot categories.png "#categories"

# a case's page: behaviors/<uid of its group>/<uid of the case>, read from the generated tree
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
print(f"#behaviors/{parent}/{case['uid']}")
PY
)"
shoot case.png "$CASE_ROUTE"
