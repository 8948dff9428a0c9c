#!/usr/bin/env bash
# Verdict tables from claims summaries, as Markdown on stdout (attendfirst.report.VerdictTable, the one table
# generator; the run's console table is the same class).
#
# Usage: scripts/verdict-table.sh table SUMMARY.json
#            the README's verdict table, the counts per model and the transition layers
#        scripts/verdict-table.sh compare A.json B.json [--label-a X] [--label-b Y]
#            both tables, the per-cell agreement and the share of testable cells left INCONCLUSIVE by an
#            interval straddling its bound (docs/stability.md)
# Summary files are passed on as --summary FILE (attendfirst.run.VerdictTableMain), options as they are.
ARGS=()
[ $# -gt 0 ] && { ARGS+=("$1"); shift; }
while [ $# -gt 0 ]; do
  case "$1" in
    --*) ARGS+=("$1"); [ $# -gt 1 ] && { ARGS+=("$2"); shift; } ;;
    *) ARGS+=(--summary "$1") ;;
  esac
  shift
done
exec "$(dirname "$0")/report-java.sh" VerdictTableMain "${ARGS[@]}"
