package br.com.totem.payment.provider.bacen;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import br.com.totem.payment.shared.Money;
import br.com.totem.payment.provider.PixModels;
import tools.jackson.databind.JsonNode;

/**
 * Reads BACEN API Pix JSON tolerantly, as the spec asks and as Sicredi needs: unknown fields
 * are ignored, {@code devolucoes} may be an array or a single object, {@code horario} may be a
 * date-time string or an object {@code {solicitacao, liquidacao}}, {@code location} may sit at
 * the top or only inside {@code loc}.
 */
public final class BacenPixParser {

    private BacenPixParser() {
    }

    public static PixModels.Cob cob(JsonNode n) {
        String location = text(n.path("location"));
        if (location == null) {
            location = text(n.path("loc").path("location"));
        }
        JsonNode cal = n.path("calendario");
        return new PixModels.Cob(text(n.path("txid")), text(n.path("status")), money(n.path("valor").path("original")),
                text(n.path("chave")), location, text(n.path("pixCopiaECola")), instant(cal.path("criacao")),
                cal.path("expiracao").isNumber() ? cal.path("expiracao").asInt() : 86400, pixList(n.path("pix")));
    }

    public static List<PixModels.Pix> pixList(JsonNode n) {
        List<PixModels.Pix> list = new ArrayList<>();
        for (JsonNode item : items(n)) {
            list.add(pix(item));
        }
        return list;
    }

    public static PixModels.Pix pix(JsonNode n) {
        List<PixModels.Refund> refunds = new ArrayList<>();
        for (JsonNode d : items(n.path("devolucoes"))) {
            refunds.add(refund(d));
        }
        return new PixModels.Pix(text(n.path("endToEndId")), text(n.path("txid")), text(n.path("chave")),
                money(n.path("valor")), instant(n.path("horario")), refunds);
    }

    public static PixModels.Refund refund(JsonNode n) {
        return new PixModels.Refund(text(n.path("id")), text(n.path("rtrId")), money(n.path("valor")),
                text(n.path("status")), text(n.path("motivo")));
    }

    /** An array's elements, a single object as a one-element list, nothing otherwise. */
    public static List<JsonNode> items(JsonNode n) {
        if (n.isArray()) {
            List<JsonNode> out = new ArrayList<>();
            n.values().forEach(out::add);
            return out;
        }
        return n.isObject() ? List.of(n) : List.of();
    }

    public static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() ? n.asString() : null;
    }

    /** Centavos; -1 when absent or not a BACEN amount. */
    public static long money(JsonNode n) {
        String s = text(n);
        if (s == null) {
            return -1;
        }
        try {
            return Money.fromBacen(s);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** A date-time string, or the {@code liquidacao}/{@code solicitacao} of an object. */
    static Instant instant(JsonNode n) {
        if (n.isObject()) {
            JsonNode settled = n.path("liquidacao");
            return instant(settled.isMissingNode() ? n.path("solicitacao") : settled);
        }
        String s = text(n);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
