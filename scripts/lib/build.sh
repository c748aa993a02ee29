# shellcheck shell=bash
# The jars: Maven builds them, ./totem extracts them (the layout the JDK AOT cache wants).

BUILD_STAMP="$VAR/build.stamp"
# a fixed entry time makes a module's jar the same bytes when nothing in it changed
OUTPUT_TIMESTAMP=2026-01-01T00:00:00Z

# Maven decides what is stale: its reactor (-am) knows which libraries each service uses and
# its compiler what to recompile. It is not even started when no file of the tree changed
# since its last successful run here and every jar is there.
build() {
  local svc missing=0 changed="" modules
  for svc in "${SERVICES[@]}"; do [[ -f "$(svc_jar "$svc")" ]] || missing=1; done
  if ((missing == 0)) && [[ -f "$BUILD_STAMP" ]]; then
    changed=$(find "$ROOT" \( -path "$ROOT/.git" -o -path "$VAR" -o -name target \) -prune -o \
      -type f -newer "$BUILD_STAMP" -print -quit)
    if [[ -z "$changed" ]]; then
      say "build: no file changed since the last build"
      return 0
    fi
  fi
  modules=$(IFS=,; printf '%s' "${SERVICES[*]/#/:}")
  step "building the services (./mvnw -q package -Dmaven.test.skip=true -pl ${modules} -am)"
  mkdir -p "$VAR"
  touch "$BUILD_STAMP.next" # files changed while Maven runs count for the next ./totem up
  (cd "$ROOT" && ./mvnw -q package -Dmaven.test.skip=true -Dproject.build.outputTimestamp="$OUTPUT_TIMESTAMP" \
    -pl "$modules" -am) || die "build failed"
  mv -f "$BUILD_STAMP.next" "$BUILD_STAMP"
}

stamp_file() { printf '%s/%s/.jar.stamp' "$APP_DIR" "$1"; }
jar_size_mtime() { stat -c '%s %Y' "$(svc_jar "$1")"; }
jar_sum() { sha256sum "$(svc_jar "$1")" | cut -d' ' -f1; }
write_stamp() { printf '%s %s\n' "$(jar_size_mtime "$1")" "$(jar_sum "$1")" >"$(stamp_file "$1")"; }

# true when var/app/SERVICE holds the jar now in target/: same size and mtime, or (after a
# rebuild that changed nothing) the same bytes
is_extracted() {
  local stamp size mtime sum
  stamp=$(stamp_file "$1")
  [[ -f "$(app_jar "$1")" && -f "$stamp" ]] || return 1
  read -r size mtime sum <"$stamp"
  [[ "$size $mtime" == "$(jar_size_mtime "$1")" ]] && return 0
  [[ "$sum" == "$(jar_sum "$1")" ]] || return 1
  write_stamp "$1"
}

extract() {
  local svc=$1 dest="$APP_DIR/$1"
  rm -rf "$dest"
  mkdir -p "$dest"
  "$JAVA" -Djarmode=tools -jar "$(svc_jar "$svc")" extract --destination "$dest" >"$LOG_DIR/$svc-extract.log" 2>&1 ||
    die "cannot extract $(svc_jar "$svc") (see $LOG_DIR/$svc-extract.log)"
  write_stamp "$svc"
}
