package br.com.totem.contracts;

/** Events about one print job; the envelope's {@code subject} is the job id. */
public sealed interface PrintEvent extends EventPayload permits PrintCompleted, PrintFailed {
}
