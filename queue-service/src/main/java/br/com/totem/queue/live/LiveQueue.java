package br.com.totem.queue.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;

import br.com.totem.platform.trace.Traceparent;
import br.com.totem.queue.config.QueueProperties;
import br.com.totem.queue.counter.QueueChanges;
import br.com.totem.queue.counter.QueueView;
import br.com.totem.queue.counter.domain.QueueEntry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live queue across instances. A change gets the tenant's next sequence number, is kept in
 * a bounded per-tenant history and published on one Redis channel — all in one Lua script, so
 * every instance receives changes in sequence order. Each instance fans them out to its own
 * WebSocket clients through a bounded buffer per client: a client that cannot keep up is
 * dropped (it resumes from its last sequence when it reconnects) instead of growing memory.
 * The W3C traceparent of the request or event behind a change travels in the Redis message: each
 * instance's push is a span of that trace, and the change frame carries it to the clients.
 */
@Component
public class LiveQueue implements QueueChanges, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveQueue.class);
    static final String TRACER = "br.com.totem.queue.live";

    private static final RedisScript<Long> PUBLISH = RedisScript.of("""
            local seq = redis.call('INCR', KEYS[1])
            local msg = '{"seq":' .. seq .. ',"tenant":' .. ARGV[1] .. ',"traceparent":' .. ARGV[4] .. ',"change":' .. ARGV[2] .. '}'
            redis.call('ZADD', KEYS[2], seq, msg)
            redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[3]) + 1))
            redis.call('PUBLISH', KEYS[3], msg)
            return seq""", Long.class);

    /** Replaces one kept change with its rewritten text, unless it was trimmed meanwhile. */
    private static final RedisScript<Long> REPLACE = RedisScript.of("""
            if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
              redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
              return 1
            end
            return 0""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final ReactiveRedisConnectionFactory connections;
    private final QueueView view;
    private final JsonMapper json;
    private final QueueProperties.Live props;
    private final Map<String, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private final Timer publishTimer;
    private ReactiveRedisMessageListenerContainer container;
    private Disposable subscription;

    public LiveQueue(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections, QueueView view,
                     JsonMapper json, QueueProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.connections = connections;
        this.view = view;
        this.json = json;
        this.props = properties.live();
        this.publishTimer = Timer.builder("totem.queue.live.publish").description("change computed and published to Redis")
                .publishPercentileHistogram().register(meters);
        Gauge.builder("totem.queue.live.clients", listeners, m -> m.values().stream().mapToInt(Set::size).sum())
                .description("WebSocket clients connected to this instance").register(meters);
    }

    /** Subscribes to the Redis channel (on the application context's start, not in the constructor). */
    @Override
    public synchronized void start() {
        if (subscription != null) {
            return;
        }
        subscription = Flux.defer(() -> listenerContainer().receive(ChannelTopic.of(channel())))
                .doOnComplete(() -> log.warn("live queue subscription ended; resubscribing"))
                .repeatWhen(done -> done.delayElements(Duration.ofSeconds(1)))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(10))
                        .doBeforeRetry(s -> log.warn("live queue subscription lost, resubscribing: {}", s.failure().toString())))
                .subscribe(message -> dispatch(message.getMessage()));
    }

    /**
     * The pub/sub container, created on the first subscription rather than at start: creating it
     * connects to Redis, and a Redis that is slow or absent while the service starts must be
     * retried like a lost subscription, not fail the start-up (seen on a loaded machine: the 2 s
     * connect timeout ended the whole service).
     */
    private synchronized ReactiveRedisMessageListenerContainer listenerContainer() {
        if (container == null) {
            // held in a field: the container owns the pub/sub connection and must live as long as we do
            container = new ReactiveRedisMessageListenerContainer(connections);
        }
        return container;
    }

    @Override
    public synchronized void stop() {
        if (subscription != null) {
            subscription.dispose();
            subscription = null;
        }
        if (container != null) {
            container.destroyLater().subscribe(v -> { }, e -> { });
            container = null;
        }
        listeners.values().forEach(set -> set.forEach(Listener::drop));
    }

    @Override
    public synchronized boolean isRunning() {
        return subscription != null;
    }

    @Override
    public int getPhase() {
        // subscribed before the web server takes WebSocket clients, unsubscribed after it drained them
        return Integer.MAX_VALUE - 2048;
    }

    String channel() {
        return props.redisPrefix() + ":changes";
    }

    String seqKey(String tenant) {
        return props.redisPrefix() + ":" + tenant + ":seq";
    }

    String historyKey(String tenant) {
        return props.redisPrefix() + ":" + tenant + ":history";
    }

    /**
     * Tells every instance's clients about a committed change, with the new order of the lines it
     * touched. Live updates are best effort: a failure is logged, never undoes the change, and a
     * client sees the state on its next snapshot.
     */
    @Override
    public Mono<Void> publish(String tenant, QueueChanges.Kind kind, QueueEntry entry, List<UUID> affectedServices,
                              String traceparent) {
        long start = System.nanoTime();
        return view.lines(tenant, affectedServices)
                .map(lines -> new QueueChange(kind, ticketIn(entry, lines), lines))
                .flatMap(change -> publish(tenant, change, traceparent))
                .doOnSuccess(seq -> publishTimer.record(Duration.ofNanos(System.nanoTime() - start)))
                .timeout(Duration.ofSeconds(3))
                .onErrorResume(e -> {
                    log.warn("live update {} of {} not published: {}", kind, entry.number(), e.toString());
                    return Mono.empty();
                })
                .then();
    }

    /**
     * Rewrites the kept changes (the history reconnecting clients resume from) that name one of
     * these tickets, so the old display name is not served again. Clients already connected
     * show the new name on their next snapshot.
     */
    @Override
    public Mono<Void> renamed(String tenant, Set<UUID> ticketIds, String displayName) {
        Set<String> ids = ticketIds.stream().map(UUID::toString).collect(java.util.stream.Collectors.toSet());
        String key = historyKey(tenant);
        return redis.opsForZSet().rangeWithScores(key, Range.unbounded())
                // up to `history` JSON documents parsed and written again: not on Lettuce's event loop
                .publishOn(Schedulers.boundedElastic())
                .concatMap(kept -> {
                    String raw = kept.getValue();
                    JsonNode message = json.readTree(raw);
                    if (!rename(message, ids, displayName)) {
                        return Mono.just(0L);
                    }
                    return redis.execute(REPLACE, List.of(key), List.of(raw, json.writeValueAsString(message),
                            String.valueOf(kept.getScore().longValue()))).next();
                })
                .reduce(0L, Long::sum)
                .doOnNext(n -> log.info("live history of tenant {}: {} kept change(s) renamed", tenant, n))
                .timeout(Duration.ofSeconds(10))
                .onErrorResume(e -> {
                    log.warn("live history of tenant {} not renamed: {}", tenant, e.toString());
                    return Mono.empty();
                })
                .then();
    }

    /** Sets {@code displayName} on every object of the tree whose {@code ticketId} is one of {@code ids}. */
    private static boolean rename(JsonNode node, Set<String> ids, String displayName) {
        boolean changed = false;
        if (node instanceof ObjectNode object && object.has("displayName") && object.get("ticketId") != null
                && ids.contains(object.get("ticketId").asString()) && !displayName.equals(object.get("displayName").asString())) {
            object.put("displayName", displayName);
            changed = true;
        }
        if (node.isContainer()) {
            for (JsonNode child : node) {
                changed |= rename(child, ids, displayName);
            }
        }
        return changed;
    }

    /** The ticket as its line shows it (with position and wait while it waits). */
    private static QueueView.Ticket ticketIn(QueueEntry entry, List<QueueView.Line> lines) {
        return lines.stream().flatMap(l -> l.waiting().stream()).filter(t -> t.ticketId().equals(entry.ticketId()))
                .findFirst().orElseGet(() -> QueueView.Ticket.of(entry, null, null));
    }

    /** Numbers, keeps and publishes one change; {@code traceparent} (W3C, null: none) travels with it to every instance. */
    Mono<Long> publish(String tenant, QueueChange change, String traceparent) {
        String tenantJson = json.writeValueAsString(tenant);
        String changeJson = json.writeValueAsString(change);
        String traceJson = json.writeValueAsString(traceparent);
        return redis.execute(PUBLISH, List.of(seqKey(tenant), historyKey(tenant), channel()),
                List.of(tenantJson, changeJson, String.valueOf(props.history()), traceJson)).next();
    }

    private void dispatch(String raw) {
        LiveMessage message;
        try {
            message = LiveMessage.parse(raw, json);
        } catch (RuntimeException e) {
            log.warn("unreadable live message ignored: {}", e.toString());
            return;
        }
        Set<Listener> set = listeners.get(message.tenant());
        if (message.traceparent() == null) {
            offer(set, message);
            return;
        }
        // this instance's push continues the trace of the request or event that made the change (the
        // OpenTelemetry agent does not trace Redis pub/sub): one span per instance and change
        Span span = GlobalOpenTelemetry.getTracer(TRACER).spanBuilder("queue live push")
                .setParent(Traceparent.context(message.traceparent()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "redis")
                .setAttribute("messaging.destination.name", channel())
                .setAttribute("totem.tenant", message.tenant())
                .setAttribute("totem.queue.live.seq", message.seq())
                .setAttribute("totem.queue.live.clients", set == null ? 0 : set.size())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            offer(set, message);
        } finally {
            span.end();
        }
    }

    private static void offer(Set<Listener> set, LiveMessage message) {
        if (set != null) {
            set.forEach(l -> l.offer(message));
        }
    }

    /** A client's subscription to its tenant's changes. */
    Listener register(String tenant, Runnable onSlow) {
        Listener l = new Listener(tenant, props.clientBuffer(), onSlow);
        listeners.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet()).add(l);
        return l;
    }

    void unregister(Listener l) {
        listeners.computeIfPresent(l.tenant, (t, set) -> {
            set.remove(l);
            return set.isEmpty() ? null : set;
        });
    }

    /** Clients of this instance connected for the tenant. */
    public int clients(String tenant) {
        Set<Listener> set = listeners.get(tenant);
        return set == null ? 0 : set.size();
    }

    /**
     * What a (re)connecting client gets first, and the sequence it brings it to. {@code degraded}:
     * Redis did not answer, so the snapshot came from PostgreSQL alone, with {@code seq} 0 and
     * {@code "live": false} — the socket then sends a fresh snapshot every heartbeat until the
     * client reconnects (issue 12 item 8).
     */
    record Start(List<String> frames, long seq, boolean degraded) {
        Start(List<String> frames, long seq) {
            this(frames, seq, false);
        }
    }

    Mono<Start> start(String tenant, LiveMessage.Audience audience, Long since) {
        return redis.opsForValue().get(seqKey(tenant)).map(Long::parseLong).defaultIfEmpty(0L)
                .flatMap(current -> start(tenant, audience, since, current))
                .onErrorResume(e -> {
                    log.warn("live queue of tenant {} starts without Redis ({}): snapshot from the database, no live changes",
                            tenant, e.toString());
                    return degradedSnapshot(tenant, audience).map(frame -> new Start(List.of(frame), 0, true));
                });
    }

    /** A snapshot read from PostgreSQL only, marked {@code "live": false}: changes will not follow until Redis is back. */
    Mono<String> degradedSnapshot(String tenant, LiveMessage.Audience audience) {
        return snapshotBody(tenant, audience, 0).map(m -> {
            m.put("live", false);
            return json.writeValueAsString(m);
        });
    }

    private Mono<Start> start(String tenant, LiveMessage.Audience audience, Long since, long current) {
            if (since == null || since > current) {
                return snapshot(tenant, audience, current);
            }
            if (since.equals(current)) {
                return Mono.just(new Start(List.of(resumed(current)), current));
            }
            Range<Double> missed = Range.of(Range.Bound.exclusive((double) since), Range.Bound.inclusive((double) current));
            return redis.opsForZSet().rangeByScore(historyKey(tenant), missed).map(raw -> LiveMessage.parse(raw, json))
                    .collectList()
                    .flatMap(list -> {
                        boolean complete = !list.isEmpty() && list.getFirst().seq() == since + 1
                                && list.getLast().seq() == current && list.size() == current - since;
                        if (!complete) {
                            return snapshot(tenant, audience, current); // too far behind: history was trimmed
                        }
                        List<String> frames = new ArrayList<>();
                        frames.add(resumed(since));
                        list.stream().map(m -> m.frame(audience)).forEach(frames::add);
                        return Mono.just(new Start(frames, current));
                    });
    }

    private String resumed(long from) {
        return json.writeValueAsString(Map.of("type", "resumed", "seq", from));
    }

    private Mono<Start> snapshot(String tenant, LiveMessage.Audience audience, long seq) {
        return snapshotBody(tenant, audience, seq).map(m -> new Start(List.of(json.writeValueAsString(m)), seq));
    }

    private Mono<Map<String, Object>> snapshotBody(String tenant, LiveMessage.Audience audience, long seq) {
        return audience == LiveMessage.Audience.OPERATOR
                ? view.snapshot(tenant, null).map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("type", "snapshot");
                    m.put("seq", seq);
                    m.put("lines", s.lines());
                    m.put("active", s.active());
                    return m;
                })
                : view.recentCalls(tenant, props.panelRecentCalls()).map(calls -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("type", "snapshot");
                    m.put("seq", seq);
                    m.put("calls", calls.stream().map(t -> LiveMessage.Panel.call(json, json.valueToTree(t))).toList());
                    return m;
                });
    }

    String heartbeat(long seq) {
        return "{\"type\":\"heartbeat\",\"seq\":" + seq + "}";
    }

    /** One client's bounded buffer; overflowing it drops the client. */
    static final class Listener {
        final String tenant;
        private final Sinks.Many<LiveMessage> sink;
        private final Runnable onSlow;
        private final AtomicBoolean dropped = new AtomicBoolean();

        Listener(String tenant, int buffer, Runnable onSlow) {
            this.tenant = tenant;
            this.sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<LiveMessage>get(buffer).get());
            this.onSlow = onSlow;
        }

        Flux<LiveMessage> messages() {
            return sink.asFlux();
        }

        void offer(LiveMessage m) {
            if (dropped.get()) {
                return;
            }
            Sinks.EmitResult r = sink.tryEmitNext(m);
            if (r == Sinks.EmitResult.FAIL_OVERFLOW) {
                log.info("WebSocket client of tenant {} too slow: dropped", tenant);
                drop();
                onSlow.run();
            }
        }

        void drop() {
            if (dropped.compareAndSet(false, true)) {
                sink.tryEmitComplete();
            }
        }
    }
}
