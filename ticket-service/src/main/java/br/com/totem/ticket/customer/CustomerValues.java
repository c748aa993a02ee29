package br.com.totem.ticket.customer;

/** What the customer's row holds: the CPF's blind index and ciphertexts, never the CPF itself. */
public record CustomerValues(String cpfIndex, String cpfCipher, String phoneCipher, String name) {
}
