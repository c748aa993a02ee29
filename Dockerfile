# syntax=docker/dockerfile:1.7
# One image recipe for every runnable module:
#   docker build --build-arg MODULE=ticket-service --build-arg PORT=8081 -t totem/ticket-service .
#   docker build --build-arg MODULE=sandbox/pix-psp --build-arg PORT=8090 -t totem/pix-psp .
# docker-compose.yml passes both arguments for each service.

ARG MODULE=gateway
ARG PORT=8080
ARG OTEL_AGENT_VERSION=2.33.1

# ---- build: only MODULE and what it depends on ----------------------------------------
FROM maven:3.9-eclipse-temurin-25 AS build
ARG MODULE
ARG PORT
ARG OTEL_AGENT_VERSION
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl "$MODULE" -am package -DskipTests \
 && mvn -B -q dependency:copy \
      -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:${OTEL_AGENT_VERSION} \
      -DoutputDirectory=/otel -Dmdep.stripVersion=true
# The port the module listens on by default must be the one this image exposes.
RUN set -eu; \
    yml="$MODULE/src/main/resources/application.yml"; \
    port=$(sed -n 's/.*\${SERVER_PORT:\([0-9][0-9]*\)}.*/\1/p' "$yml" | head -n 1); \
    [ "$port" = "$PORT" ] || { echo "PORT=$PORT but $yml says server.port=$port" >&2; exit 1; }; \
    name=$(basename "$MODULE"); \
    java -Djarmode=tools -jar "$MODULE/target/$name.jar" extract --layers --destination /extracted; \
    mv "/extracted/application/$name.jar" /extracted/application/application.jar

# ---- runtime ----------------------------------------------------------------------------
FROM eclipse-temurin:25-jre
ARG MODULE
ARG PORT
# curl for the HEALTHCHECK (the JRE image does not promise one)
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 totem \
 && useradd --system --uid 10001 --gid totem --home-dir /app --shell /usr/sbin/nologin totem
WORKDIR /app
COPY --from=build --chown=root:root /otel/opentelemetry-javaagent.jar /otel/opentelemetry-javaagent.jar
# layers from the least to the most often changed, so a code change rebuilds only the last
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
RUN mkdir -p /app/data && chown totem:totem /app/data

ENV SERVER_PORT=${PORT} \
    TOTEM_MODULE=${MODULE} \
    OTEL_SERVICE_NAME=totem \
    JAVA_TOOL_OPTIONS="-javaagent:/otel/opentelemetry-javaagent.jar -XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=10 -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m -XX:+ExitOnOutOfMemoryError"

USER totem:totem
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" || exit 1
WORKDIR /app/data
ENTRYPOINT ["java", "-jar", "/app/application.jar"]
