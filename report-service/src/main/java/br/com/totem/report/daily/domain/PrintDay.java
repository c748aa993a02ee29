package br.com.totem.report.daily.domain;

/**
 * Print jobs that ended on the day.
 *
 * @param printed     the printer confirmed it
 * @param failed      could not be printed
 * @param pdfFallback failed, but the ticket was offered as a PDF instead
 */
public record PrintDay(long printed, long failed, long pdfFallback) {
}
