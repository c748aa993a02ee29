package br.com.totem.print.escpos;

import java.nio.charset.Charset;

/**
 * A printer character table ({@code ESC t n}) paired with the Java charset that produces the
 * same bytes. The pairing is the whole point: sending {@code ESC t 3} and then encoding with
 * another charset prints the wrong letters. Epson numbering (docs/printing.md, "Code page").
 */
public enum CodePage {

    /** PC860 (Portuguese): every letter of Brazilian Portuguese, the default for our tickets. */
    CP860(3, "IBM860"),
    /** PC850 (Multilingual): also has every Portuguese letter, at other positions. */
    CP850(2, "IBM850"),
    /** PC858: PC850 with the euro sign. */
    CP858(19, "IBM00858"),
    /** WPC1252 (Windows Latin 1). */
    WPC1252(16, "windows-1252");

    private final int escposNumber;
    private final Charset charset;

    CodePage(int escposNumber, String charsetName) {
        this.escposNumber = escposNumber;
        this.charset = Charset.forName(charsetName);
    }

    /** The {@code n} of {@code ESC t n}. */
    public int escposNumber() {
        return escposNumber;
    }

    public Charset charset() {
        return charset;
    }
}
