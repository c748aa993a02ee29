package br.com.totem.report.daily;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import br.com.totem.report.daily.domain.DailyReport;
import br.com.totem.report.daily.domain.MethodRevenue;
import br.com.totem.report.daily.domain.PtBr;
import br.com.totem.report.daily.domain.Revenue;
import br.com.totem.report.daily.domain.ServiceDay;
import br.com.totem.report.daily.domain.StaffTimes;
import br.com.totem.report.daily.domain.Times;

/**
 * The CSV files, written for Excel in pt-BR: UTF-8 with a byte-order mark, {@code ;} between fields,
 * decimal comma, reais (not centavos), minutes with one decimal. The columns are documented in
 * report-service/README.md.
 */
public final class CsvReports {

    /** The daily report's columns, in order. */
    public static final List<String> DAILY_HEADER = List.of("data", "tipo", "nome", "criados", "pagos", "expirados",
            "cancelados", "nao_compareceu", "concluidos", "transferidos", "conversao_pct", "receita_bruta", "reembolsado",
            "receita_liquida", "espera_media_min", "espera_p50_min", "espera_p90_min", "deslocamento_media_min",
            "deslocamento_p50_min", "deslocamento_p90_min", "atendimento_media_min", "atendimento_p50_min",
            "atendimento_p90_min", "impressos", "falhas_impressao", "pdf_fallback");

    /** The KPI columns of {@code metrics.csv}, one row per day. */
    public static final List<String> METRICS_HEADER = List.of("data", "criados", "pagos", "conversao_pct", "expirados",
            "cancelados", "nao_compareceu", "concluidos", "transferidos", "receita_bruta", "reembolsado", "receita_liquida",
            "espera_media_min", "espera_p50_min", "espera_p90_min", "atendimento_media_min", "impressos", "pdf_fallback");

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final CSVFormat FORMAT = CSVFormat.Builder.create(CSVFormat.DEFAULT).setDelimiter(';')
            .setRecordSeparator("\r\n").get();

    private CsvReports() {
    }

    public static byte[] daily(DailyReport r) {
        return write(DAILY_HEADER, csv -> {
            String date = r.date().toString();
            for (ServiceDay s : r.services()) {
                csv.printRecord(serviceRow(date, "servico", s, null));
            }
            csv.printRecord(serviceRow(date, "total", r.total(), r));
            for (MethodRevenue m : r.methods()) {
                List<String> row = blank(date, "pagamento", method(m.method()));
                money(row, m.revenue());
                csv.printRecord(row);
            }
            for (StaffTimes st : r.stations()) {
                csv.printRecord(staffRow(date, "estacao", st));
            }
            for (StaffTimes op : r.operators()) {
                csv.printRecord(staffRow(date, "operador", op));
            }
        });
    }

    public static byte[] metrics(List<DailyReport> days) {
        return write(METRICS_HEADER, csv -> {
            for (DailyReport r : days) {
                ServiceDay t = r.total();
                csv.printRecord(r.date().toString(), t.created(), t.paid(), PtBr.percent(t.conversion()), t.expired(),
                        t.cancelled(), t.noShow(), t.completed(), t.transferred(),
                        PtBr.decimalMoney(t.revenue().grossCents()), PtBr.decimalMoney(t.revenue().refundedCents()),
                        PtBr.decimalMoney(t.revenue().netCents()), PtBr.minutes(t.waiting().mean()), PtBr.minutes(t.waiting().p50()),
                        PtBr.minutes(t.waiting().p90()), PtBr.minutes(t.session().mean()), r.print().printed(),
                        r.print().pdfFallback());
            }
        });
    }

    /** "PIX", "CASH", "CARD" as a manager reads them. */
    public static String method(String method) {
        return switch (method) {
            case "PIX" -> "Pix";
            case "CASH" -> "Dinheiro";
            case "CARD" -> "Cartão";
            default -> "Desconhecido";
        };
    }

    private static List<String> serviceRow(String date, String kind, ServiceDay s, DailyReport withPrint) {
        List<String> row = blank(date, kind, s.serviceName());
        set(row, "criados", s.created());
        set(row, "pagos", s.paid());
        set(row, "expirados", s.expired());
        set(row, "cancelados", s.cancelled());
        set(row, "nao_compareceu", s.noShow());
        set(row, "concluidos", s.completed());
        set(row, "transferidos", s.transferred());
        row.set(DAILY_HEADER.indexOf("conversao_pct"), PtBr.percent(s.conversion()));
        money(row, s.revenue());
        times(row, "espera", s.waiting());
        times(row, "deslocamento", s.walk());
        times(row, "atendimento", s.session());
        if (withPrint != null) {
            set(row, "impressos", withPrint.print().printed());
            set(row, "falhas_impressao", withPrint.print().failed());
            set(row, "pdf_fallback", withPrint.print().pdfFallback());
        }
        return row;
    }

    private static List<String> staffRow(String date, String kind, StaffTimes st) {
        List<String> row = blank(date, kind, st.name());
        times(row, "espera", st.waiting());
        times(row, "deslocamento", st.walk());
        times(row, "atendimento", st.session());
        return row;
    }

    private static List<String> blank(String date, String kind, String name) {
        List<String> row = new ArrayList<>(Collections.nCopies(DAILY_HEADER.size(), ""));
        row.set(0, date);
        row.set(1, kind);
        row.set(2, name);
        return row;
    }

    private static void set(List<String> row, String column, long value) {
        row.set(DAILY_HEADER.indexOf(column), Long.toString(value));
    }

    private static void money(List<String> row, Revenue revenue) {
        row.set(DAILY_HEADER.indexOf("receita_bruta"), PtBr.decimalMoney(revenue.grossCents()));
        row.set(DAILY_HEADER.indexOf("reembolsado"), PtBr.decimalMoney(revenue.refundedCents()));
        row.set(DAILY_HEADER.indexOf("receita_liquida"), PtBr.decimalMoney(revenue.netCents()));
    }

    private static void times(List<String> row, String prefix, Times t) {
        row.set(DAILY_HEADER.indexOf(prefix + "_media_min"), PtBr.minutes(t.mean()));
        row.set(DAILY_HEADER.indexOf(prefix + "_p50_min"), PtBr.minutes(t.p50()));
        row.set(DAILY_HEADER.indexOf(prefix + "_p90_min"), PtBr.minutes(t.p90()));
    }

    private interface Rows {
        void write(CSVPrinter csv) throws IOException;
    }

    private static byte[] write(List<String> header, Rows rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, FORMAT)) {
            csv.printRecord(header);
            rows.write(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
