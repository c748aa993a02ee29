package br.com.totem.queue.identity.domain;

/**
 * A device's kind is also the one role its tokens carry. {@code STAFF_DEVICE} is a staff tablet:
 * its token grants nothing by itself, it proves where an operator's PIN is typed (a PIN login
 * needs one, issue 12 item 3).
 */
public enum DeviceKind {
    KIOSK, PANEL, STAFF_DEVICE
}
