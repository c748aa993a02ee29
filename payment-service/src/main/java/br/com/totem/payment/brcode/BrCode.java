package br.com.totem.payment.brcode;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Pix BR Code (EMV QRCPS-MPM "copia e cola"): builds the dynamic code of a charge from its
 * location, and parses and validates any code. TLV: two-digit id, two-digit length (in
 * characters), value; tag 63 (CRC-16/CCITT-FALSE over the UTF-8 bytes, "6304" included) last.
 */
public final class BrCode {

    public static final String GUI = "br.gov.bcb.pix";
    static final int MAX_NAME = 25;
    static final int MAX_CITY = 15;

    private BrCode() {
    }

    /** A parsed code: its top-level tags in order, and the Pix template (tag 26) split into sub-tags. */
    public record Parsed(Map<String, String> tags, Map<String, String> pix) {

        public Optional<String> url() {
            return Optional.ofNullable(pix.get("25"));
        }

        public Optional<String> key() {
            return Optional.ofNullable(pix.get("01"));
        }

        public Optional<String> amount() {
            return Optional.ofNullable(tags.get("54"));
        }

        public String merchantName() {
            return tags.get("59");
        }

        public String merchantCity() {
            return tags.get("60");
        }

        public boolean singleUse() {
            return "12".equals(tags.get("01"));
        }
    }

    public static final class InvalidBrCode extends IllegalArgumentException {
        public InvalidBrCode(String message) {
            super(message);
        }
    }

    /**
     * The dynamic, single-use code of a charge: Pix template with the payload URL (26-25, no
     * scheme), merchant name ≤ 25 and city ≤ 15 (ASCII, upper case), txid "***" (the PSP's
     * payload carries the real one).
     */
    public static String dynamic(String location, String merchantName, String merchantCity) {
        String url = location.replaceFirst("^https?://", "");
        if (url.isEmpty() || url.length() > 77) {
            throw new InvalidBrCode("location must have 1 to 77 characters without the scheme");
        }
        StringBuilder sb = new StringBuilder();
        sb.append(tlv("00", "01"));
        sb.append(tlv("01", "12"));
        sb.append(tlv("26", tlv("00", GUI) + tlv("25", ascii(url, 77, false))));
        sb.append(tlv("52", "0000"));
        sb.append(tlv("53", "986"));
        sb.append(tlv("58", "BR"));
        sb.append(tlv("59", ascii(merchantName, MAX_NAME, true)));
        sb.append(tlv("60", ascii(merchantCity, MAX_CITY, true)));
        sb.append(tlv("62", tlv("05", "***")));
        sb.append("6304");
        return sb + Crc16.hex(sb.toString());
    }

    /** Parses and validates: structure, mandatory tags, Pix GUI, CRC. Throws {@link InvalidBrCode}. */
    public static Parsed parse(String code) {
        if (code == null || code.length() < 8) {
            throw new InvalidBrCode("too short");
        }
        if (!code.regionMatches(code.length() - 8, "6304", 0, 4)) {
            throw new InvalidBrCode("the CRC (tag 63, length 04) must be the last field");
        }
        String expected = Crc16.hex(code.substring(0, code.length() - 4));
        String actual = code.substring(code.length() - 4);
        if (!expected.equalsIgnoreCase(actual)) {
            throw new InvalidBrCode("CRC mismatch: expected " + expected + ", found " + actual);
        }
        Map<String, String> tags = tlvs(code);
        if (!"01".equals(tags.get("00")) || !code.startsWith("000201")) {
            throw new InvalidBrCode("tag 00 (payload format indicator) must come first and be 01");
        }
        for (String mandatory : List.of("52", "53", "58", "59", "60")) {
            if (!tags.containsKey(mandatory)) {
                throw new InvalidBrCode("mandatory tag " + mandatory + " is missing");
            }
        }
        if (!"986".equals(tags.get("53"))) {
            throw new InvalidBrCode("tag 53 (currency) must be 986");
        }
        if (tags.get("59").length() > MAX_NAME || tags.get("60").length() > MAX_CITY) {
            throw new InvalidBrCode("merchant name or city too long");
        }
        String template = tags.get("26");
        if (template == null) {
            throw new InvalidBrCode("tag 26 (Pix merchant account) is missing");
        }
        Map<String, String> pix = tlvs(template);
        if (!GUI.equalsIgnoreCase(pix.get("00"))) {
            throw new InvalidBrCode("tag 26 does not carry the Pix GUI");
        }
        if (tags.get("54") != null && !tags.get("54").matches("\\d{0,10}(\\.\\d{0,2})?") ) {
            throw new InvalidBrCode("tag 54 (amount) is not a decimal number");
        }
        return new Parsed(tags, pix);
    }

    public static boolean isValid(String code) {
        try {
            parse(code);
            return true;
        } catch (InvalidBrCode e) {
            return false;
        }
    }

    static Map<String, String> tlvs(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            if (i + 4 > s.length()) {
                throw new InvalidBrCode("truncated field header at " + i);
            }
            String id = s.substring(i, i + 2);
            int len;
            try {
                len = Integer.parseInt(s.substring(i + 2, i + 4));
            } catch (NumberFormatException e) {
                throw new InvalidBrCode("bad length at " + i);
            }
            if (!id.chars().allMatch(Character::isDigit) || i + 4 + len > s.length()) {
                throw new InvalidBrCode("field " + id + " overflows the code");
            }
            if (out.put(id, s.substring(i + 4, i + 4 + len)) != null) {
                throw new InvalidBrCode("field " + id + " repeated");
            }
            i += 4 + len;
        }
        return out;
    }

    static String tlv(String id, String value) {
        if (value.length() > 99) {
            throw new InvalidBrCode("field " + id + " longer than 99");
        }
        return id + String.format("%02d", value.length()) + value;
    }

    /** Strips diacritics, keeps printable ASCII, optionally upper-cases, truncates. */
    static String ascii(String text, int max, boolean upper) {
        String plain = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replaceAll("[^\\x20-\\x7E]", "")
                .trim();
        if (upper) {
            plain = plain.toUpperCase(Locale.ROOT);
        }
        if (plain.isEmpty()) {
            throw new InvalidBrCode("text has no ASCII characters left");
        }
        return plain.length() > max ? plain.substring(0, max).trim() : plain;
    }

    static List<String> tagOrder(String code) {
        return new ArrayList<>(tlvs(code).keySet());
    }
}
