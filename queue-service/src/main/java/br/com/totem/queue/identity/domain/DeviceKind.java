package br.com.totem.queue.identity.domain;

/** A device's kind is also the one role its tokens carry. */
public enum DeviceKind {
    KIOSK, PANEL
}
