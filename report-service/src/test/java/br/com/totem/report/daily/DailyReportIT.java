package br.com.totem.report.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.contracts.CustomerAnonymised;
import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventPayload;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.report.daily.domain.PtBr;
import br.com.totem.report.support.DayOfEvents;
import br.com.totem.report.support.ExpectedDay;
import br.com.totem.testkit.TestEvents;
import br.com.totem.testkit.TestTokens;

/**
 * A generated day of two studios goes through the real broker as a dead-letter replay would deliver
 * it (shuffled, a tenth of it twice); the JSON, CSV and PDF reports then agree with the figures
 * {@link ExpectedDay} computes from the same events, and a studio never sees the other's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "totem.report.studio-names.studio-a=Studio Recupera", "totem.report.studio-names.studio-b=Gelo & Cia"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DailyReportIT {

    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final ZoneId MANAUS = ZoneId.of("America/Manaus");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DatabaseClient db;

    WebTestClient http;
    List<EventEnvelope<? extends EventPayload>> events;
    ExpectedDay a;
    ExpectedDay b;

    @BeforeAll
    void publishTwoStudiosDays() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60)).build();
        DayOfEvents studioA = new DayOfEvents(20261120L, "studio-a", SAO_PAULO, true);
        DayOfEvents studioB = new DayOfEvents(77L, "studio-b", MANAUS, false);
        events = new ArrayList<>(studioA.day(DAY, 260));
        events.addAll(studioA.day(DAY.minusDays(1), 20));
        // the evening before, 23:50 local: D-1 in São Paulo although D in UTC
        studioA.ticket(events, DAY.atStartOfDay(SAO_PAULO).toInstant().minusSeconds(600));
        events.addAll(studioB.day(DAY, 140));
        a = new ExpectedDay(events, "studio-a", DAY, SAO_PAULO);
        b = new ExpectedDay(events, "studio-b", DAY, MANAUS);
        TestEvents broker = new TestEvents(context);
        studioA.replayed(events, 10).forEach(broker::publish);
        Set<UUID> ids = events.stream().map(EventEnvelope::id).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() ->
                db.sql("select count(*) as n from event_log where tenant_id in ('studio-a', 'studio-b')")
                        .map(r -> r.get("n", Long.class)).one().block() == ids.size());
    }

    String manager(String tenant) {
        return TestTokens.get().token(tenant, "gerente", "MANAGER");
    }

    Map<String, Object> json(String tenant, LocalDate date) {
        return http.get().uri("/api/v1/reports/daily?date={d}", date).headers(h -> h.setBearerAuth(manager(tenant)))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    @Test
    void jsonAgreesWithTheEventsComputedIndependently() {
        Map<String, Object> report = json("studio-a", DAY);
        assertThat(report).containsEntry("studioName", "Studio Recupera").containsEntry("zone", "America/Sao_Paulo");
        assertFigures(map(report, "total"), a.total);
        List<Map<String, Object>> services = list(report, "services");
        assertThat(services).extracting(s -> s.get("serviceName")).containsExactlyElementsOf(a.byService.keySet());
        for (Map<String, Object> s : services) {
            assertFigures(s, a.byService.get((String) s.get("serviceName")));
        }
        Map<String, Map<String, Object>> methods = list(report, "methods").stream()
                .collect(Collectors.toMap(m -> (String) m.get("method"), m -> map(m, "revenue")));
        assertThat(methods.keySet()).isEqualTo(a.byMethod.keySet());
        a.byMethod.forEach((method, money) -> {
            assertThat(num(methods.get(method), "grossCents")).as(method).isEqualTo(money[0]);
            assertThat(num(methods.get(method), "refundedCents")).as(method).isEqualTo(money[1]);
        });
        Map<String, Object> print = map(report, "print");
        assertThat(num(print, "printed")).isEqualTo(a.printed);
        assertThat(num(print, "failed")).isEqualTo(a.printFailed);
        assertThat(num(print, "pdfFallback")).isEqualTo(a.pdfFallback);
        assertThat(num(report, "refundsFailed")).isEqualTo(a.refundsFailed);
        List<Map<String, Object>> stations = list(report, "stations");
        assertThat(stations).hasSize(a.byStation.size());
        for (Map<String, Object> st : stations) {
            ExpectedDay.Figures f = a.byStation.get(UUID.fromString((String) st.get("id")));
            assertTimes(map(st, "waiting"), f.waits);
            assertTimes(map(st, "session"), f.sessions);
        }
        // the generated day has everything the report must handle
        assertThat(a.total.created).isGreaterThan(200);
        assertThat(a.total.transferred).isPositive();
        assertThat(a.total.noShow).isPositive();
        assertThat(a.total.refundedCents).isPositive();
        assertThat(a.refundsFailed).isPositive();
    }

    @Test
    void hoursFollowTheStudiosZone() {
        List<Map<String, Object>> hours = list(map(json("studio-a", DAY), "total"), "hours");
        for (int h = 0; h < 24; h++) {
            assertThat(num(hours.get(h), "paid")).as("hour %d", h).isEqualTo(a.total.paidByHour[h]);
        }
        // the evening before in São Paulo is D-1 there
        assertThat(num(map(json("studio-a", DAY.minusDays(1)), "total"), "created"))
                .isEqualTo(new ExpectedDay(events, "studio-a", DAY.minusDays(1), SAO_PAULO).total.created).isEqualTo(21);
    }

    @Test
    void aStudioNeverSeesTheOthersNumbers() {
        Map<String, Object> report = json("studio-b", DAY);
        assertThat(report).containsEntry("studioName", "Gelo & Cia").containsEntry("zone", "America/Manaus");
        assertFigures(map(report, "total"), b.total);
        assertThat(num(map(report, "total"), "created")).isNotEqualTo(a.total.created);
        // its CSV and PDF too
        byte[] csvB = http.get().uri("/api/v1/reports/daily?date={d}&format=csv", DAY)
                .headers(h -> h.setBearerAuth(manager("studio-b"))).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        try {
            List<CSVRecord> rows = csv(csvB);
            CSVRecord total = rows.stream().filter(r -> r.get("tipo").equals("total")).findFirst().orElseThrow();
            assertCsvFigures(total, b.total);
            byte[] pdfB = http.get().uri("/api/v1/reports/daily?date={d}&format=pdf", DAY)
                    .headers(h -> h.setBearerAuth(manager("studio-b"))).exchange().expectStatus().isOk()
                    .expectBody(byte[].class).returnResult().getResponseBody();
            try (PDDocument doc = Loader.loadPDF(pdfB)) {
                String text = new PDFTextStripper().getText(doc);
                assertThat(text).contains("Gelo & Cia", PtBr.money(b.total.grossCents - b.total.refundedCents))
                        .doesNotContain("Studio Recupera");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // a tenant with no events has an empty day, not someone else's
        Map<String, Object> none = json("studio-c", DAY);
        assertThat(num(map(none, "total"), "created")).isZero();
        assertThat(list(none, "services")).isEmpty();
    }

    /**
     * LGPD: once a customer is anonymised, the event log (kept for rebuilds) no longer carries their
     * display name, the other customers' events keep theirs, and a rebuild over the rewritten log
     * still gives the same figures.
     */
    @Test
    void whenACustomerIsAnonymisedThenTheEventLogForgetsTheirNameAndTheFiguresStay() {
        String tenant = "studio-c";
        DayOfEvents studioC = new DayOfEvents(3L, tenant, SAO_PAULO, true);
        List<EventEnvelope<? extends EventPayload>> day = studioC.day(DAY, 12);
        TestEvents broker = new TestEvents(context);
        day.forEach(broker::publish);
        await().atMost(Duration.ofSeconds(60)).until(() -> logged(tenant, "%") == day.size());
        Map<String, Object> before = map(json(tenant, DAY), "total");
        List<UUID> tickets = day.stream().filter(e -> e.data() instanceof TicketPaid).map(e -> ((TicketPaid) e.data()).ticketId())
                .distinct().toList();
        assertThat(tickets).hasSizeGreaterThan(2);
        List<UUID> theirs = tickets.subList(0, 2);
        UUID customer = UUID.randomUUID();

        broker.publish(EventEnvelope.of("ticket-service", tenant, customer.toString(),
                new CustomerAnonymised(customer, theirs, "Anônimo", "DATA_SUBJECT_REQUEST", java.time.Instant.now())));

        await().atMost(Duration.ofSeconds(60)).until(() -> theirs.stream().allMatch(t -> envelopes(tenant, t).stream()
                .noneMatch(e -> e.contains("Maria S."))));
        for (UUID ticket : theirs) {
            assertThat(envelopes(tenant, ticket)).hasSize(2).allMatch(e -> e.contains("\"displayName\": \"Anônimo\""));
        }
        assertThat(envelopes(tenant, tickets.get(2))).hasSize(2).allMatch(e -> e.contains("Maria S."));
        assertThat(map(json(tenant, DAY), "total")).isEqualTo(before);
        http.post().uri("/api/v1/reports/rebuild").headers(h -> h.setBearerAuth(TestTokens.get().token(tenant, "adm", "ADMIN")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.events").isEqualTo(day.size() + 1);
        assertThat(map(json(tenant, DAY), "total")).isEqualTo(before);
    }

    long logged(String tenant, String like) {
        return db.sql("select count(*) as n from event_log where tenant_id = :t and envelope like :like")
                .bind("t", tenant).bind("like", like).map(r -> r.get("n", Long.class)).one().block();
    }

    /** The logged ticket.created and ticket.paid of the ticket, as stored. */
    List<String> envelopes(String tenant, UUID ticket) {
        return db.sql("select envelope from event_log where tenant_id = :t and type in ('ticket.created', 'ticket.paid') "
                        + "and envelope::jsonb ->> 'subject' = :s")
                .bind("t", tenant).bind("s", ticket.toString()).map(r -> r.get("envelope", String.class)).all().collectList().block();
    }

    @Test
    void theRebuildCommandReplaysTheEventLogToTheSameFigures() {
        http.post().uri("/api/v1/reports/rebuild").headers(h -> h.setBearerAuth(manager("studio-b"))).exchange()
                .expectStatus().isForbidden();
        long logged = events.stream().filter(e -> e.tenantid().equals("studio-b")).count();
        http.post().uri("/api/v1/reports/rebuild")
                .headers(h -> h.setBearerAuth(TestTokens.get().token("studio-b", "adm", "ADMIN"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.events").isEqualTo((int) logged);
        assertFigures(map(json("studio-b", DAY), "total"), b.total);
        // the other studio's figures were not touched
        assertFigures(map(json("studio-a", DAY), "total"), a.total);
    }

    @Test
    void csvIsForExcelInPortugueseAndAgrees() throws Exception {
        byte[] body = http.get().uri("/api/v1/reports/daily?date={d}&format=csv", DAY)
                .headers(h -> h.setBearerAuth(manager("studio-a"))).exchange().expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        List<CSVRecord> rows = CSVFormat.Builder.create(CSVFormat.DEFAULT).setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                .get().parse(new InputStreamReader(new ByteArrayInputStream(body, 3, body.length - 3), StandardCharsets.UTF_8))
                .getRecords();
        assertThat(rows.getFirst().getParser().getHeaderNames()).isEqualTo(CsvReports.DAILY_HEADER);
        CSVRecord total = rows.stream().filter(r -> r.get("tipo").equals("total")).findFirst().orElseThrow();
        assertThat(total.get("criados")).isEqualTo(Long.toString(a.total.created));
        assertThat(total.get("pagos")).isEqualTo(Long.toString(a.total.paid));
        assertThat(total.get("nao_compareceu")).isEqualTo(Long.toString(a.total.noShow));
        assertThat(total.get("receita_bruta")).isEqualTo(PtBr.decimalMoney(a.total.grossCents)).contains(",");
        assertThat(total.get("receita_liquida")).isEqualTo(PtBr.decimalMoney(a.total.grossCents - a.total.refundedCents));
        assertThat(total.get("espera_p90_min")).isEqualTo(PtBr.minutes(ExpectedDay.percentile(a.total.waits, 0.9)));
        assertThat(total.get("impressos")).isEqualTo(Long.toString(a.printed));
        assertThat(total.get("falhas_impressao")).isEqualTo(Long.toString(a.printFailed));
        assertThat(total.get("pdf_fallback")).isEqualTo(Long.toString(a.pdfFallback));
        assertThat(rows).filteredOn(r -> r.get("tipo").equals("servico")).extracting(r -> r.get("nome"))
                .containsExactlyElementsOf(a.byService.keySet());
        for (CSVRecord row : rows.stream().filter(r -> r.get("tipo").equals("servico")).toList()) {
            ExpectedDay.Figures f = a.byService.get(row.get("nome"));
            assertCsvFigures(row, f);
        }
        assertThat(rows).filteredOn(r -> r.get("tipo").equals("pagamento")).extracting(r -> r.get("nome"))
                .contains("Pix", "Dinheiro", "Cartão");
        a.byMethod.forEach((method, money) -> {
            CSVRecord row = rows.stream().filter(r -> r.get("tipo").equals("pagamento")
                    && r.get("nome").equals(CsvReports.method(method))).findFirst().orElseThrow();
            assertThat(row.get("receita_bruta")).as(method).isEqualTo(PtBr.decimalMoney(money[0]));
            assertThat(row.get("reembolsado")).as(method).isEqualTo(PtBr.decimalMoney(money[1]));
            assertThat(row.get("receita_liquida")).as(method).isEqualTo(PtBr.decimalMoney(money[0] - money[1]));
        });
    }

    static void assertCsvFigures(CSVRecord row, ExpectedDay.Figures f) {
        String name = row.get("nome");
        assertThat(row.get("criados")).as(name).isEqualTo(Long.toString(f.created));
        assertThat(row.get("pagos")).as(name).isEqualTo(Long.toString(f.paid));
        assertThat(row.get("expirados")).as(name).isEqualTo(Long.toString(f.expired));
        assertThat(row.get("cancelados")).as(name).isEqualTo(Long.toString(f.cancelled));
        assertThat(row.get("nao_compareceu")).as(name).isEqualTo(Long.toString(f.noShow));
        assertThat(row.get("concluidos")).as(name).isEqualTo(Long.toString(f.completed));
        assertThat(row.get("transferidos")).as(name).isEqualTo(Long.toString(f.transferred));
        assertThat(row.get("receita_bruta")).as(name).isEqualTo(PtBr.decimalMoney(f.grossCents));
        assertThat(row.get("reembolsado")).as(name).isEqualTo(PtBr.decimalMoney(f.refundedCents));
        assertThat(row.get("receita_liquida")).as(name).isEqualTo(PtBr.decimalMoney(f.grossCents - f.refundedCents));
        assertThat(row.get("espera_p50_min")).as(name).isEqualTo(PtBr.minutes(ExpectedDay.percentile(f.waits, 0.5)));
        assertThat(row.get("espera_p90_min")).as(name).isEqualTo(PtBr.minutes(ExpectedDay.percentile(f.waits, 0.9)));
        assertThat(row.get("atendimento_media_min")).as(name).isEqualTo(PtBr.minutes(ExpectedDay.mean(f.sessions)));
    }

    static List<CSVRecord> csv(byte[] body) throws java.io.IOException {
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        return CSVFormat.Builder.create(CSVFormat.DEFAULT).setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                .get().parse(new InputStreamReader(new ByteArrayInputStream(body, 3, body.length - 3), StandardCharsets.UTF_8))
                .getRecords();
    }

    @Test
    void pdfShowsTheStudioTheDayAndTheTotalsAndDrawsTheCharts() throws Exception {
        byte[] pdf = http.get().uri("/api/v1/reports/daily?date={d}&format=pdf", DAY)
                .headers(h -> h.setBearerAuth(manager("studio-a"))).exchange().expectStatus().isOk()
                .expectHeader().contentType("application/pdf")
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Studio Recupera", "20/11/2026", "Banheira de Gelo", "Bota de Compressão",
                    PtBr.money(a.total.grossCents - a.total.refundedCents), PtBr.money(a.total.grossCents),
                    PtBr.minutes(ExpectedDay.percentile(a.total.waits, 0.9)));
            for (var service : a.byService.entrySet()) {
                ExpectedDay.Figures f = service.getValue();
                assertThat(text).as(service.getKey()).contains(PtBr.money(f.grossCents - f.refundedCents),
                        PtBr.minutes(ExpectedDay.percentile(f.waits, 0.9)));
            }
            a.byMethod.forEach((method, money) -> assertThat(text).as(method)
                    .contains(CsvReports.method(method) + " " + PtBr.money(money[0]) + " " + PtBr.money(money[1])));
            assertThat(text).contains("Impressão: " + a.printed + " impressas, " + a.printFailed + " falhas ("
                    + a.pdfFallback + " entregues em PDF)", "Reembolsos não realizados: " + a.refundsFailed);
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            PDFRenderer renderer = new PDFRenderer(doc);
            BufferedImage first = renderer.renderImageWithDPI(0, 110);
            BufferedImage charts = renderer.renderImageWithDPI(1, 110);
            // the bars are drawn in the chart colour, the wait line in its own
            assertThat(pixels(charts, 0x2b6cb0)).isGreaterThan(2000);
            assertThat(pixels(charts, 0xd9481c)).isGreaterThan(200);
            Path out = Path.of("target", "report-pages");
            Files.createDirectories(out);
            ImageIO.write(first, "png", out.resolve("daily-page-1.png").toFile());
            ImageIO.write(charts, "png", out.resolve("daily-page-2.png").toFile());
        }
    }

    @Test
    void badInputIsAProblem() {
        http.get().uri("/api/v1/reports/daily?date=20-11-2026").headers(h -> h.setBearerAuth(manager("studio-a"))).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/report-date");
        http.get().uri("/api/v1/reports/daily?date=2026-11-20&format=xls").headers(h -> h.setBearerAuth(manager("studio-a")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/report-format");
        http.get().uri("/api/v1/metrics.csv?from=2026-01-01&to=2026-12-31").headers(h -> h.setBearerAuth(manager("studio-a")))
                .exchange().expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://totem.dev/problems/report-range")
                .jsonPath("$.maxDays").isEqualTo(92);
        http.get().uri("/api/v1/metrics.csv?from=2026-11-21&to=2026-11-20").headers(h -> h.setBearerAuth(manager("studio-a")))
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void onlyManagersAndAdminsReadReports() {
        http.get().uri("/api/v1/reports/daily?date={d}", DAY)
                .headers(h -> h.setBearerAuth(TestTokens.get().token("studio-a", "op", "OPERATOR"))).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/reports/daily?date={d}", DAY).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/reports/daily?date={d}", DAY)
                .headers(h -> h.setBearerAuth(TestTokens.get().token("studio-a", "adm", "ADMIN"))).exchange()
                .expectStatus().isOk();
    }

    @Test
    void metricsCsvHasOneRowPerDayOfTheRange() throws Exception {
        byte[] body = http.get().uri("/api/v1/metrics.csv?from={f}&to={t}", DAY.minusDays(2), DAY)
                .headers(h -> h.setBearerAuth(manager("studio-a"))).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        List<CSVRecord> rows = CSVFormat.Builder.create(CSVFormat.DEFAULT).setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                .get().parse(new InputStreamReader(new ByteArrayInputStream(body, 3, body.length - 3), StandardCharsets.UTF_8))
                .getRecords();
        assertThat(rows).extracting(r -> r.get("data")).containsExactly("2026-11-18", "2026-11-19", "2026-11-20");
        assertThat(rows.get(2).get("criados")).isEqualTo(Long.toString(a.total.created));
        assertThat(rows.get(1).get("criados")).isEqualTo("21");
        assertThat(rows.get(0).get("criados")).isEqualTo("0");
        assertThat(rows.get(2).get("receita_liquida")).isEqualTo(PtBr.decimalMoney(a.total.grossCents - a.total.refundedCents));
    }

    static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y) & 0xffffff;
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 24 && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 24
                        && Math.abs((p & 0xff) - (rgb & 0xff)) < 24) {
                    n++;
                }
            }
        }
        return n;
    }

    static void assertFigures(Map<String, Object> actual, ExpectedDay.Figures f) {
        assertThat(num(actual, "created")).isEqualTo(f.created);
        assertThat(num(actual, "paid")).isEqualTo(f.paid);
        assertThat(num(actual, "expired")).isEqualTo(f.expired);
        assertThat(num(actual, "cancelled")).isEqualTo(f.cancelled);
        assertThat(num(actual, "noShow")).isEqualTo(f.noShow);
        assertThat(num(actual, "completed")).isEqualTo(f.completed);
        assertThat(num(actual, "transferred")).isEqualTo(f.transferred);
        Map<String, Object> revenue = map(actual, "revenue");
        assertThat(num(revenue, "grossCents")).isEqualTo(f.grossCents);
        assertThat(num(revenue, "refundedCents")).isEqualTo(f.refundedCents);
        assertThat(num(revenue, "netCents")).isEqualTo(f.grossCents - f.refundedCents);
        assertTimes(map(actual, "waiting"), f.waits);
        assertTimes(map(actual, "walk"), f.walks);
        assertTimes(map(actual, "session"), f.sessions);
    }

    static void assertTimes(Map<String, Object> actual, List<Double> values) {
        assertThat(num(actual, "count")).isEqualTo(values.size());
        if (values.isEmpty()) {
            return;
        }
        assertThat(((Number) actual.get("mean")).doubleValue()).isCloseTo(ExpectedDay.mean(values), within(0.01));
        assertThat(((Number) actual.get("p50")).doubleValue()).isCloseTo(ExpectedDay.percentile(values, 0.5), within(0.01));
        assertThat(((Number) actual.get("p90")).doubleValue()).isCloseTo(ExpectedDay.percentile(values, 0.9), within(0.01));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    static long num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }
}
