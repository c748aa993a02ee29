# shellcheck shell=sh
# Sourced by ./mvnw and ./totem: point JAVA_HOME at a JDK 25 or newer when the current one
# is older or unset, so nobody has to configure anything on a fresh machine (ADR 0001).
totem_jdk_major() {
  [ -f "$1/release" ] || return 1
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}
totem_jdk_ok() {
  _m=$(totem_jdk_major "$1" 2>/dev/null)
  [ -n "$_m" ] && [ "$_m" -ge 25 ] && [ -x "$1/bin/java" ]
}
if [ -z "${JAVA_HOME:-}" ] || ! totem_jdk_ok "$JAVA_HOME"; then
  for _candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/openjdk; do
    if [ -d "$_candidate" ] && totem_jdk_ok "$_candidate"; then
      JAVA_HOME="$_candidate"
      export JAVA_HOME
      break
    fi
  done
fi
