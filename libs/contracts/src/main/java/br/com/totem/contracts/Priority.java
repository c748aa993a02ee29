package br.com.totem.contracts;

/** Queue priority; PREFERENTIAL is the legal "atendimento preferencial" (Lei 10.048/2000). */
public enum Priority {
    NORMAL,
    PREFERENTIAL
}
