package br.com.totem.print.ticket;

/**
 * Thermal paper roll widths. A TM-class printer prints 8 dots per mm (203 dpi); Font A is 12×24 dots,
 * so 80 mm paper (72 mm printable, 576 dots) holds 48 columns and 58 mm paper (48 mm, 384 dots) 32.
 */
public enum PaperWidth {
    MM58(58, 384),
    MM80(80, 576);

    /** Font A character cell. */
    public static final int CHAR_WIDTH_DOTS = 12;
    public static final int CHAR_HEIGHT_DOTS = 24;

    private final int millimetres;
    private final int dots;

    PaperWidth(int millimetres, int dots) {
        this.millimetres = millimetres;
        this.dots = dots;
    }

    public int millimetres() {
        return millimetres;
    }

    /** Printable width in dots, which is also the width of the PNG in pixels. */
    public int dots() {
        return dots;
    }

    public int columns() {
        return dots / CHAR_WIDTH_DOTS;
    }

    public static PaperWidth ofMillimetres(int mm) {
        for (PaperWidth width : values()) {
            if (width.millimetres == mm) {
                return width;
            }
        }
        throw new IllegalArgumentException("paper width must be 58 or 80 mm, got " + mm);
    }
}
