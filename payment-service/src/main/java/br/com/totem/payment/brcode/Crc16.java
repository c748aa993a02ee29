package br.com.totem.payment.brcode;

import java.nio.charset.StandardCharsets;

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) over UTF-8 bytes. */
public final class Crc16 {

    private Crc16() {
    }

    public static String hex(String text) {
        return String.format("%04X", compute(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static int compute(byte[] bytes) {
        int crc = 0xFFFF;
        for (byte b : bytes) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xFFFF;
            }
        }
        return crc;
    }
}
