package br.com.totem.queue.identity.domain;

import java.util.UUID;

/** A kiosk, TV panel or staff tablet. Its device id ({@code kiosk-1}) is the token's {@code sub}; its kind is its role. */
public record Device(String tenant, String deviceId, DeviceKind kind, String name, String secretHash, UUID printerId,
                     boolean active) {
}
