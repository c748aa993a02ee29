package br.com.totem.ticket.validation;

/**
 * One invalid field of a request: its JSON path ({@code customer.cpf}) and a message in
 * Brazilian Portuguese, shown on the kiosk. Never carries the rejected value (it may be a CPF).
 */
public record FieldViolation(String field, String message) {
}
