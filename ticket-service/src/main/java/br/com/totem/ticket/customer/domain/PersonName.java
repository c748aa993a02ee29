package br.com.totem.ticket.customer.domain;

import java.util.Optional;

/** A customer's name as typed on the kiosk: trimmed, inner spaces collapsed, 2–80 characters. */
public record PersonName(String value) {

    public static final int MIN = 2;
    public static final int MAX = 80;

    public static Optional<PersonName> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String clean = text.strip().replaceAll("\\s+", " ");
        if (clean.length() < MIN || clean.length() > MAX || clean.chars().anyMatch(Character::isISOControl)
                || clean.chars().noneMatch(Character::isLetter)) {
            return Optional.empty();
        }
        return Optional.of(new PersonName(clean));
    }

    /**
     * What panels, tickets and events show: first name and the initial of the last one
     * ("Maria S." for "Maria da Silva"), the only personal data allowed in events.
     */
    public String displayName() {
        String[] parts = value.split(" ");
        if (parts.length == 1) {
            return parts[0];
        }
        String last = parts[parts.length - 1];
        return parts[0] + " " + last.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + ".";
    }
}
