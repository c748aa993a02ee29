# shellcheck shell=bash
# ./totem seed: the idempotent demo data of scripts/seed.d (its README says what a script gets).

demo_credentials() {
  printf 'Demo credentials: tenants demo and outro; users admin, gerente, operador (PIN 1234); devices kiosk-1, panel-1, tablet-1 (staff tablet: the PIN works there); password / device secret: %s\n' \
    "$TOTEM_DEMO_SECRET"
}

cmd_seed() {
  local script ran=0 svc var
  load_env
  export TOTEM_ROOT="$ROOT" TOTEM_GATEWAY_URL="http://127.0.0.1:${PORT[gateway]}"
  for svc in "${SERVICES[@]}"; do
    var="TOTEM_URL_${svc//-/_}"
    export "${var^^}=http://127.0.0.1:${PORT[$svc]}"
  done
  for script in "$ROOT"/scripts/seed.d/*.sh; do
    [[ -f "$script" && -x "$script" ]] || continue
    step "seed: ${script#"$ROOT"/}"
    "$script" || die "seed script ${script#"$ROOT"/} failed"
    ran=$((ran + 1))
  done
  say "seed: ran $ran script(s) from scripts/seed.d/"
  [[ "${1:-}" == --from-up ]] || demo_credentials
}
