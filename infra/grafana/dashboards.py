#!/usr/bin/env python3
"""Writes infra/grafana/dashboards/*.json, Totem's Grafana dashboards as code.

Run `python3 infra/grafana/dashboards.py` after editing this file and commit both. Every query here is run by
e2e's DashboardsIT against a real Prometheus scraping the suite: it must parse and return data.
Grafana fills $__rate_interval; the template variables ($application, $route, $tenant) are regex-matched (=~).
"""
import json
import pathlib
import sys

DS = {"type": "prometheus", "uid": "prometheus"}
# the output directory: infra/grafana/dashboards, or the first argument (GrafanaDashboardsTest compares the two)
OUT = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent / "dashboards"
RI = "$__rate_interval"


def target(expr, legend="", ref="A"):
    return {"refId": ref, "datasource": DS, "expr": expr, "legendFormat": legend or "__auto", "range": True}


def panel(title, targets, unit="short", kind="timeseries", description="", w=12, h=8, extra=None):
    if isinstance(targets, tuple):
        targets = [targets]
    p = {
        "type": kind, "title": title, "description": description, "datasource": DS,
        "gridPos": {"h": h, "w": w, "x": 0, "y": 0},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "targets": [target(e, l, chr(ord("A") + i)) for i, (e, l) in enumerate(targets)],
    }
    if kind == "timeseries":
        p["options"] = {"legend": {"displayMode": "table", "placement": "bottom", "calcs": ["lastNotNull", "max"]},
                        "tooltip": {"mode": "multi", "sort": "desc"}}
    if extra:
        p.update(extra)
    return p


def variable(name, label, query):
    return {"name": name, "label": label, "type": "query", "datasource": DS,
            "query": {"query": query, "refId": name}, "definition": query,
            "includeAll": True, "multi": True, "allValue": ".*", "refresh": 2, "sort": 1,
            "current": {"selected": True, "text": ["All"], "value": ["$__all"]}}


def dashboard(uid, title, description, panels, variables=()):
    x = y = 0
    row_h = 0
    for i, p in enumerate(panels, start=1):
        p["id"] = i
        w, h = p["gridPos"]["w"], p["gridPos"]["h"]
        if x + w > 24:
            x, y = 0, y + row_h
            row_h = 0
        p["gridPos"].update({"x": x, "y": y})
        x += w
        row_h = max(row_h, h)
    return {
        "uid": uid, "title": title, "description": description, "tags": ["totem"],
        "timezone": "browser", "schemaVersion": 41, "version": 1, "editable": False,
        "refresh": "30s", "time": {"from": "now-6h", "to": "now"},
        "templating": {"list": list(variables)}, "annotations": {"list": []}, "links": [],
        "panels": panels,
    }


def ratio_5xx(metric, by, selector, status_label):
    """5xx share per group; groups without any 5xx show 0 (not a missing line)."""
    errors = f'sum by ({by}) (rate({metric}{{{selector}, {status_label}=~"5.."}}[{RI}]))'
    total = f'sum by ({by}) (rate({metric}{{{selector}}}[{RI}]))'
    return f"({errors} or {total} * 0) / {total}"


GW = 'spring_cloud_gateway_requests_seconds'
ROUTE = 'routeId=~"$route"'
gateway = dashboard(
    "totem-gateway-red", "Totem · Gateway RED",
    "Rate, errors and duration per gateway route (spring_cloud_gateway_requests), and per route inside each service.",
    [
        panel("Requests per second, all routes", (f'sum(rate({GW}_count{{{ROUTE}}}[{RI}]))', "requests/s"),
              "reqps", "stat", w=6, h=5),
        panel("5xx share, all routes", (ratio_5xx(GW + "_count", "", ROUTE, "httpStatusCode").replace("sum by () ", "sum "), "5xx"),
              "percentunit", "stat", w=6, h=5),
        panel("p95 latency, all routes", (f'histogram_quantile(0.95, sum by (le) (rate({GW}_bucket{{{ROUTE}}}[{RI}])))', "p95"),
              "s", "stat", w=6, h=5),
        panel("Answers by status code", (f'sum by (httpStatusCode) (rate({GW}_count{{{ROUTE}}}[{RI}]))', "{{httpStatusCode}}"),
              "reqps", w=6, h=5),
        panel("Requests per second by route", (f'sum by (routeId) (rate({GW}_count{{{ROUTE}}}[{RI}]))', "{{routeId}}"), "reqps"),
        panel("5xx share by route", (ratio_5xx(GW + "_count", "routeId", ROUTE, "httpStatusCode"), "{{routeId}}"), "percentunit",
              description="Server errors over all answers of the route. 503 with a problem naming a service is the route's open breaker."),
        panel("4xx share by route", (f'(sum by (routeId) (rate({GW}_count{{{ROUTE}, httpStatusCode=~"4.."}}[{RI}])) or sum by (routeId) (rate({GW}_count{{{ROUTE}}}[{RI}])) * 0) / sum by (routeId) (rate({GW}_count{{{ROUTE}}}[{RI}]))', "{{routeId}}"),
              "percentunit", description="Refusals: 401/403 (tokens, roles), 404, 413, 429 (rate limits)."),
        panel("p95 latency by route", (f'histogram_quantile(0.95, sum by (routeId, le) (rate({GW}_bucket{{{ROUTE}}}[{RI}])))', "{{routeId}}"), "s"),
        panel("p50 / p99 latency, all routes", [
            (f'histogram_quantile(0.5, sum by (le) (rate({GW}_bucket{{{ROUTE}}}[{RI}])))', "p50"),
            (f'histogram_quantile(0.99, sum by (le) (rate({GW}_bucket{{{ROUTE}}}[{RI}])))', "p99")], "s"),
        panel("p95 latency by service route (inside the services)",
              (f'histogram_quantile(0.95, sum by (application, uri, le) (rate(http_server_requests_seconds_bucket{{suite="totem", application!="gateway", uri!~"/actuator.*"}}[{RI}])))',
               "{{application}} {{uri}}"), "s"),
        panel("5xx share by service route", (ratio_5xx("http_server_requests_seconds_count", "application, uri",
                                                       'suite="totem", application!="gateway", uri!~"/actuator.*"', "status"),
                                             "{{application}} {{uri}}"), "percentunit", w=24),
    ],
    [variable("route", "route", f"label_values({GW}_count, routeId)")])

APP = 'application=~"$application"'
jvm = dashboard(
    "totem-jvm", "Totem · JVM",
    "Memory, GC, threads, CPU and connection pools of every Totem JVM.",
    [
        panel("Heap used / max", [
            (f'sum by (application) (jvm_memory_used_bytes{{{APP}, area="heap"}})', "{{application}} used"),
            (f'sum by (application) (jvm_memory_max_bytes{{{APP}, area="heap"}} > 0)', "{{application}} max")], "bytes"),
        panel("Heap by pool", (f'sum by (application, id) (jvm_memory_used_bytes{{{APP}, area="heap"}})', "{{application}} {{id}}"), "bytes"),
        panel("Non-heap by pool", (f'sum by (application, id) (jvm_memory_used_bytes{{{APP}, area="nonheap"}})', "{{application}} {{id}}"), "bytes"),
        panel("Old generation after GC", (f'max by (application) (jvm_memory_usage_after_gc{{{APP}}})', "{{application}}"), "percentunit",
              description="Share of the long-lived pool still used after a collection: a steady climb is a leak."),
        panel("Time in GC pauses", (f'sum by (application) (rate(jvm_gc_pause_seconds_sum{{{APP}}}[{RI}]))', "{{application}}"), "percentunit"),
        panel("GC pauses per second by cause", (f'sum by (application, cause) (rate(jvm_gc_pause_seconds_count{{{APP}}}[{RI}]))', "{{application}} {{cause}}"), "ops"),
        panel("Allocation rate", (f'sum by (application) (rate(jvm_gc_memory_allocated_bytes_total{{{APP}}}[{RI}]))', "{{application}}"), "Bps"),
        panel("CPU (process)", (f'max by (application) (process_cpu_usage{{{APP}}})', "{{application}}"), "percentunit"),
        panel("Live threads", (f'max by (application) (jvm_threads_live_threads{{{APP}}})', "{{application}}")),
        panel("Threads by state", (f'sum by (application, state) (jvm_threads_states_threads{{{APP}}}) > 0', "{{application}} {{state}}")),
        panel("R2DBC pool: acquired / pending", [
            (f'sum by (application) (r2dbc_pool_acquired_connections{{{APP}}})', "{{application}} acquired"),
            (f'sum by (application) (r2dbc_pool_pending_connections{{{APP}}})', "{{application}} pending"),
            (f'sum by (application) (r2dbc_pool_max_allocated_connections{{{APP}}})', "{{application}} max")],
              description="Pending > 0 for long: requests wait for a database connection."),
        panel("Executors: active / queued", [
            (f'sum by (application, name) (executor_active_threads{{{APP}}})', "{{application}} {{name}} active"),
            (f'sum by (application, name) (executor_queued_tasks{{{APP}}})', "{{application}} {{name}} queued")]),
        panel("Log warnings and errors", (f'sum by (application, level) (rate(logback_events_total{{{APP}, level=~"warn|error"}}[{RI}]))', "{{application}} {{level}}"), "ops"),
        panel("Uptime", (f'max by (application) (process_uptime_seconds{{{APP}}})', "{{application}}"), "s", "stat"),
    ],
    [variable("application", "service", "label_values(jvm_info, application)")])

events = dashboard(
    "totem-events", "Totem · RabbitMQ, outbox and inbox",
    "The event backbone: each service's outbox and relay, its RabbitMQ queue and dead-letter queue, the inbox, periodic jobs.",
    [
        panel("Outbox: unsent events", (f'max by (application) (totem_outbox_pending{{{APP}}})', "{{application}}"), w=8),
        panel("Outbox: oldest unsent event", (f'max by (application) (totem_outbox_lag_seconds{{{APP}}})', "{{application}}"), "s", w=8),
        panel("Events published per second", (f'sum by (application) (rate(totem_outbox_published_total{{{APP}}}[{RI}]))', "{{application}}"), "ops", w=8),
        panel("Commit → broker confirm, p95", (f'histogram_quantile(0.95, sum by (application, le) (rate(totem_outbox_delivery_seconds_bucket{{{APP}}}[{RI}])))', "{{application}}"), "s", w=8),
        panel("Relay failures", (f'sum by (application) (increase(totem_outbox_failures_total{{{APP}}}[{RI}]))', "{{application}}"), w=8),
        panel("Inbox: events by outcome", (f'sum by (application, outcome) (rate(totem_inbox_events_total{{{APP}}}[{RI}]))', "{{application}} {{outcome}}"), "ops", w=8),
        panel("Event queue depth", (f'max by (application, queue) (totem_events_queue_depth{{{APP}}})', "{{queue}}"),
              description="Messages ready in the service's queue (-1: the queue does not exist yet)."),
        panel("Dead-letter queue depth", (f'max by (application, queue) (totem_events_dlq_depth{{{APP}}})', "{{queue}}"),
              description="Events that failed every retry: their effect is missing (docs/runbooks/dlq-growing.md)."),
        panel("AMQP: published / consumed per second", [
            (f'sum by (application) (rate(rabbitmq_published_total{{{APP}}}[{RI}]))', "{{application}} published"),
            (f'sum by (application) (rate(rabbitmq_consumed_total{{{APP}}}[{RI}]))', "{{application}} consumed")], "ops"),
        panel("AMQP: rejected and requeued", [
            (f'sum by (application) (increase(rabbitmq_rejected_total{{{APP}}}[{RI}]))', "{{application}} rejected"),
            (f'sum by (application) (increase(rabbitmq_requeued_total{{{APP}}}[{RI}]))', "{{application}} requeued")]),
        panel("AMQP connections and channels", [
            (f'sum by (application) (rabbitmq_connections{{{APP}}})', "{{application}} connections"),
            (f'sum by (application) (rabbitmq_channels{{{APP}}})', "{{application}} channels")]),
        panel("Periodic jobs: runs by outcome", (f'sum by (application, exported_job, outcome) (increase(totem_jobs_runs_total{{{APP}}}[{RI}]))', "{{application}} {{exported_job}} {{outcome}}")),
        panel("Periodic jobs: since the last completed run", (f'time() - max by (application, exported_job) (totem_jobs_last_done_seconds{{{APP}}})', "{{application}} {{exported_job}}"), "s", w=24),
    ],
    [variable("application", "service", "label_values(totem_outbox_pending, application)")])

PAY = 'application="payment-service"'
breakers = dashboard(
    "totem-breakers", "Totem · Circuit breakers and the bank",
    "Resilience4j breakers: the gateway's (one per downstream) and payment-service's (bacenPix per tenant), the Pix API calls, webhooks.",
    [
        panel("Breaker state (0 closed, 1 half-open, 2 open)",
              ('max by (application, name) (resilience4j_circuitbreaker_state{state="open"}) * 2 + on (application, name) max by (application, name) (resilience4j_circuitbreaker_state{state="half_open"})',
               "{{application}} {{name}}"), w=24,
              extra={"fieldConfig": {"defaults": {"unit": "short", "min": 0, "max": 2, "mappings": [
                  {"type": "value", "options": {"0": {"text": "closed", "color": "green"},
                                                "1": {"text": "half-open", "color": "yellow"},
                                                "2": {"text": "open", "color": "red"}}}]}, "overrides": []}}),
        panel("Failure rate (-1: too few calls yet)", ('max by (application, name) (resilience4j_circuitbreaker_failure_rate)', "{{application}} {{name}}"), "percent"),
        panel("Calls by outcome", ('sum by (application, name, kind) (rate(resilience4j_circuitbreaker_calls_seconds_count[' + RI + ']))', "{{application}} {{name}} {{kind}}"), "ops"),
        panel("Calls refused by an open breaker", ('sum by (application, name) (increase(resilience4j_circuitbreaker_not_permitted_calls_total[' + RI + ']))', "{{application}} {{name}}")),
        panel("Pix API call time (average / max)", [
            (f'sum by (name) (rate(resilience4j_circuitbreaker_calls_seconds_sum{{{PAY}}}[{RI}])) / sum by (name) (rate(resilience4j_circuitbreaker_calls_seconds_count{{{PAY}}}[{RI}]))', "{{name}} average"),
            (f'max by (name) (resilience4j_circuitbreaker_calls_seconds_max{{{PAY}}})', "{{name}} max")], "s"),
        panel("Pix API retries by outcome", (f'sum by (name, kind) (increase(resilience4j_retry_calls_total{{{PAY}}}[{RI}]))', "{{name}} {{kind}}")),
        panel("Payment link p95 (kiosk → QR code)", (f'histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{{{PAY}, uri="/api/v1/payments/link"}}[{RI}])))', "p95"), "s"),
        panel("Pix webhooks by answer", (f'sum by (status) (increase(http_server_requests_seconds_count{{{PAY}, uri=~"/api/v1/payments/webhook.*"}}[{RI}]))', "{{status}}"),
              description="401: tenant or webhook secret wrong (docs/runbooks/webhook-rejected.md)."),
        panel("Payment answers by status", (f'sum by (uri, status) (rate(http_server_requests_seconds_count{{{PAY}, uri=~"/api/v1/payments.*"}}[{RI}]))', "{{uri}} {{status}}"), "reqps", w=24),
    ])

PRINT = 'application="print-service"'
printers = dashboard(
    "totem-printers", "Totem · Printers",
    "Kiosk printers: status, print outcomes, time from payment to paper, CloudPRNT polls.",
    [
        panel("Printer ready (1) or not (0)", ('max by (printer) (totem_print_printer_ready)', "{{printer}}"), w=24,
              extra={"fieldConfig": {"defaults": {"unit": "short", "min": 0, "max": 1, "mappings": [
                  {"type": "value", "options": {"0": {"text": "not ready", "color": "red"},
                                                "1": {"text": "ready", "color": "green"}}}]}, "overrides": []}}),
        panel("Print jobs by outcome", ('sum by (outcome) (increase(totem_print_jobs_total[' + RI + ']))', "{{outcome}}"),
              description="printed, retried, failed (PDF fallback), interrupted, no_printer."),
        panel("Payment → paper", [
            ('histogram_quantile(0.5, sum by (le) (rate(totem_print_time_seconds_bucket[' + RI + '])))', "p50"),
            ('histogram_quantile(0.95, sum by (le) (rate(totem_print_time_seconds_bucket[' + RI + '])))', "p95")], "s"),
        panel("Printed per minute", ('sum(rate(totem_print_jobs_total{outcome="printed"}[' + RI + '])) * 60', "printed/min"), "short"),
        panel("print-service API by route and status", (f'sum by (uri, status) (rate(http_server_requests_seconds_count{{{PRINT}, uri!~"/actuator.*"}}[{RI}]))', "{{uri}} {{status}}"), "reqps"),
    ])

TEN = 'tenant=~"$tenant"'
business = dashboard(
    "totem-business", "Totem · Business by tenant",
    "Sales, revenue and open payments per tenant (payment-service, from its database); today's tickets, revenue, conversion, no-show rate, waiting p90 and queue length per tenant (report-service's read model); tickets created and printed.",
    [
        panel("Sales per hour", (f'max by (tenant) (increase(totem_payments_confirmed_total{{{TEN}}}[1h]))', "{{tenant}}"),
              description="Charges confirmed (Pix, cash, card) in the last hour."),
        panel("Revenue per hour (R$)", (f'max by (tenant) (increase(totem_payments_confirmed_reais_total{{{TEN}}}[1h]))', "{{tenant}}"), "currencyBRL"),
        panel("Revenue, total in range (R$)", (f'max by (tenant) (increase(totem_payments_confirmed_reais_total{{{TEN}}}[$__range]))', "{{tenant}}"), "currencyBRL", "stat", w=8, h=5),
        panel("Sales, total in range", (f'max by (tenant) (increase(totem_payments_confirmed_total{{{TEN}}}[$__range]))', "{{tenant}}"), "short", "stat", w=8, h=5),
        panel("Average ticket (R$)", (f'max by (tenant) (totem_payments_confirmed_reais_total{{{TEN}}}) / max by (tenant) (totem_payments_confirmed_total{{{TEN}}} > 0)', "{{tenant}}"), "currencyBRL", "stat", w=8, h=5),
        panel("Charges waiting for the customer's Pix", (f'max by (tenant) (totem_payments_open{{{TEN}}})', "{{tenant}}"), w=8),
        panel("Oldest open charge", (f'max by (tenant) (totem_payments_oldest_open_seconds{{{TEN}}})', "{{tenant}}"), "s", w=8),
        panel("Stuck (past expiry) / flagged (wrong amount)", [
            (f'max by (tenant) (totem_payments_overdue{{{TEN}}})', "{{tenant}} stuck"),
            (f'max by (tenant) (totem_payments_flagged{{{TEN}}})', "{{tenant}} flagged")], w=8),
        panel("Tickets today by state (report-service)", (f'max by (tenant, state) (totem_report_tickets{{{TEN}}})', "{{tenant}} {{state}}"),
              description="Today in the tenant's time zone: created, paid, completed, no_show, cancelled, expired."),
        panel("Net revenue today (R$, report-service)", (f'max by (tenant) (totem_report_revenue_cents{{{TEN}, kind="net"}}) / 100', "{{tenant}}"), "currencyBRL"),
        panel("Conversion today (paid / created)", (f'max by (tenant) (totem_report_tickets{{{TEN}, state="paid"}}) / max by (tenant) (totem_report_tickets{{{TEN}, state="created"}} > 0)', "{{tenant}}"), "percentunit", w=8),
        panel("No-show rate today (no-show / called and finished)", (f'max by (tenant) (totem_report_tickets{{{TEN}, state="no_show"}}) / (max by (tenant) (totem_report_tickets{{{TEN}, state="completed"}}) + max by (tenant) (totem_report_tickets{{{TEN}, state="no_show"}}) > 0)', "{{tenant}}"), "percentunit", w=8),
        panel("Waiting p90 today (payment → call)", (f'max by (tenant) (totem_report_waiting_p90_seconds{{{TEN}}})', "{{tenant}}"), "s", w=8),
        panel("Queue length now, by service", (f'max by (tenant, service) (totem_report_queue_length{{{TEN}}})', "{{tenant}} {{service}}"), w=24),
        panel("Tickets created per hour, all tenants",
              ('sum(increase(http_server_requests_seconds_count{application="ticket-service", method="POST", uri="/api/v1/tickets", status="201"}[1h]))', "created"), w=12),
        panel("Tickets printed per hour, all tenants", ('sum(increase(totem_print_jobs_total{outcome="printed"}[1h]))', "printed"), w=12),
    ],
    [variable("tenant", "tenant", "label_values(totem_payments_open, tenant)")])

OUT.mkdir(exist_ok=True)
for name, d in [("gateway-red", gateway), ("jvm", jvm), ("events", events), ("breakers-bank", breakers),
                ("printers", printers), ("business", business)]:
    (OUT / f"{name}.json").write_text(json.dumps(d, indent=2, ensure_ascii=False) + "\n")
print("wrote", sorted(p.name for p in OUT.glob("*.json")))
