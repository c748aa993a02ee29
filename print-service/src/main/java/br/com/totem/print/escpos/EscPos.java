package br.com.totem.print.escpos;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Objects;

/**
 * Writes ESC/POS commands for an Epson TM-class thermal printer into a byte array. Every command
 * and its bytes are documented in docs/printing.md with the manual they come from; our own
 * encoder instead of escpos-coffee is explained in docs/adr/0008-own-escpos-encoder.md.
 *
 * <p>Text is encoded with the code page's Java charset. A character the code page does not have
 * is first replaced by a close equivalent (dashes, quotes, ellipsis, a letter without its accent)
 * and otherwise by {@code '?'}: never by bytes that would print as another letter.
 */
public final class EscPos {

    static final byte ESC = 0x1B;
    static final byte GS = 0x1D;
    static final byte LF = 0x0A;

    /** {@code ESC a n}. */
    public enum Align {
        LEFT(0), CENTER(1), RIGHT(2);

        final int n;

        Align(int n) {
            this.n = n;
        }
    }

    /** QR error-correction level, {@code GS ( k} function 169. */
    public enum QrErrorCorrection {
        L(48), M(49), Q(50), H(51);

        final int n;

        QrErrorCorrection(int n) {
            this.n = n;
        }
    }

    /** Function 165's n1 for QR Model 2 (49 is Model 1). */
    static final int QR_MODEL_2 = 50;
    /** Function 180 accepts 4 ≤ pL + pH×256 ≤ 7092, i.e. at most 7089 bytes of data. */
    static final int QR_MAX_DATA = 7089;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final CodePage codePage;
    private final CharsetEncoder encoder;

    private EscPos(CodePage codePage) {
        this.codePage = Objects.requireNonNull(codePage, "codePage");
        this.encoder = codePage.charset().newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** A new job that starts with {@code ESC @} (initialize) and {@code ESC t n} (the code page). */
    public static EscPos job(CodePage codePage) {
        return new EscPos(codePage).initialize().codePage();
    }

    /** An empty command buffer, for callers that want full control of the preamble. */
    public static EscPos empty(CodePage codePage) {
        return new EscPos(codePage);
    }

    /** {@code ESC @}: clears the print buffer and resets modes (not the receive buffer). */
    public EscPos initialize() {
        return raw(ESC, 0x40);
    }

    /** {@code ESC t n} for this buffer's code page. */
    public EscPos codePage() {
        return raw(ESC, 0x74, codePage.escposNumber());
    }

    /** {@code ESC a n}; takes effect at the beginning of a line. */
    public EscPos align(Align align) {
        return raw(ESC, 0x61, align.n);
    }

    /** {@code ESC E n}: emphasized on or off. */
    public EscPos bold(boolean on) {
        return raw(ESC, 0x45, on ? 1 : 0);
    }

    /** {@code GS ! n}: width and height multipliers, 1 to 8 each. */
    public EscPos size(int width, int height) {
        if (width < 1 || width > 8 || height < 1 || height > 8) {
            throw new IllegalArgumentException("character size multipliers are 1..8, got " + width + "x" + height);
        }
        return raw(GS, 0x21, ((width - 1) << 4) | (height - 1));
    }

    /** Text in the code page, without a line feed. */
    public EscPos text(String text) {
        byte[] bytes = encode(text);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** Text followed by LF. */
    public EscPos line(String text) {
        return text(text).feed(1);
    }

    /** {@code n} line feeds. */
    public EscPos feed(int lines) {
        for (int i = 0; i < lines; i++) {
            out.write(LF);
        }
        return this;
    }

    /**
     * A QR code, Model 2, through {@code GS ( k}: select model (fn 165, n1 = 50), module size
     * (fn 167), error correction (fn 169), store the data (fn 180) and print it (fn 181). The data
     * must be ASCII (a URL or a BR Code is), because what the printer stores are bytes.
     */
    public EscPos qr(String data, int moduleSize, QrErrorCorrection errorCorrection) {
        if (moduleSize < 1 || moduleSize > 16) {
            throw new IllegalArgumentException("QR module size is 1..16 dots, got " + moduleSize);
        }
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(data) || data.isEmpty()) {
            throw new IllegalArgumentException("QR data must be non-empty ASCII");
        }
        byte[] bytes = data.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > QR_MAX_DATA) {
            throw new IllegalArgumentException("QR data is at most " + QR_MAX_DATA + " bytes, got " + bytes.length);
        }
        raw(GS, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, QR_MODEL_2, 0x00);
        raw(GS, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, moduleSize);
        raw(GS, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, errorCorrection.n);
        int length = bytes.length + 3;
        raw(GS, 0x28, 0x6B, length & 0xFF, length >> 8, 0x31, 0x50, 0x30);
        out.write(bytes, 0, bytes.length);
        return raw(GS, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30);
    }

    /** {@code GS V 66 n}: feed n vertical motion units to the cutter, then a partial cut. */
    public EscPos partialCut(int feed) {
        if (feed < 0 || feed > 255) {
            throw new IllegalArgumentException("cut feed is 0..255, got " + feed);
        }
        return raw(GS, 0x56, 66, feed);
    }

    public CodePage codePageInUse() {
        return codePage;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private EscPos raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    /** The text as the printer will show it in this code page, after the replacements of {@link #text}. */
    public static String printable(String text, CodePage codePage) {
        return new String(new EscPos(codePage).encode(text), codePage.charset());
    }

    /**
     * The text in the code page. Characters the code page lacks become a close ASCII equivalent or
     * the same letter without its accent, and otherwise one {@code '?'} per code point.
     */
    byte[] encode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        text.codePoints().forEach(cp -> {
            String ch = Character.toString(cp);
            byte[] encoded = tryEncode(ch);
            if (encoded == null) {
                encoded = tryEncode(substitute(cp));
            }
            if (encoded == null) {
                encoded = new byte[] {'?'};
            }
            bytes.write(encoded, 0, encoded.length);
        });
        return bytes.toByteArray();
    }

    /** Control characters other than LF are not text: they would be read as commands. */
    private byte[] tryEncode(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n') || c == 0x7F) {
                return null;
            }
        }
        try {
            encoder.reset();
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(s));
            byte[] result = new byte[buffer.remaining()];
            buffer.get(result);
            return result;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String substitute(int cp) {
        return switch (cp) {
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212 -> "-";
            case 0x2018, 0x2019, 0x201A, 0x2032 -> "'";
            case 0x201C, 0x201D, 0x201E, 0x2033 -> "\"";
            case 0x2026 -> "...";
            case 0x00A0, 0x2007, 0x202F, 0x2009 -> " ";
            case 0x20AC -> "EUR";
            case 0x2022 -> "*";
            default -> {
                String stripped = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD)
                        .replaceAll("\\p{M}+", "");
                yield stripped.isEmpty() || stripped.codePointAt(0) == cp ? null : stripped;
            }
        };
    }
}
