#!/usr/bin/env bash
# print-service demo printer for tenant demo: the escpos-printer sandbox (raw ESC/POS on TCP,
# 127.0.0.1:9100) serving kiosk device kiosk-1, 80 mm paper, code page CP860, so a ticket sold at
# the demo kiosk prints on the sandbox's paper page (http://127.0.0.1:8091/). Goes through
# print-service's API with the demo manager's token. Idempotent: a printer already named like this
# (409) is left as it is.
set -euo pipefail

QUEUE=${TOTEM_URL_QUEUE_SERVICE:-http://127.0.0.1:8083}
PRINT=${TOTEM_URL_PRINT_SERVICE:-http://127.0.0.1:8084}
SECRET=${TOTEM_DEMO_SECRET:-totem-demo-2026}
PRINTER_HOST=${TOTEM_DEMO_PRINTER_HOST:-127.0.0.1}
PRINTER_PORT=${SANDBOX_PRINTER_PORT:-9100}

token=$(curl -sS -f -X POST "$QUEUE/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "$(jq -n --arg p "$SECRET" '{tenant:"demo", username:"gerente", password:$p}')" | jq -r .accessToken)
[[ -n "$token" && "$token" != null ]] || { echo "40-print: the demo manager cannot log in" >&2; exit 1; }

body=$(jq -n --arg h "$PRINTER_HOST" --argjson p "$PRINTER_PORT" \
  '{name:"Impressora do totem", kioskDevice:"kiosk-1", connection:"TCP", host:$h, port:$p, codePage:"CP860", paperWidthMm:80}')
out=$(mktemp)
trap 'rm -f "$out"' EXIT
code=$(curl -sS -o "$out" -w '%{http_code}' -X POST "$PRINT/api/v1/printers" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body")
case "$code" in
  201) echo "print: demo printer for kiosk-1 at $PRINTER_HOST:$PRINTER_PORT" ;;
  409) ;;
  *) echo "40-print: POST /api/v1/printers → $code $(cat "$out")" >&2; exit 1 ;;
esac
