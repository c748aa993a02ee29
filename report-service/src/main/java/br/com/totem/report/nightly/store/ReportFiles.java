package br.com.totem.report.nightly.store;

import java.time.Instant;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where report files are kept, per tenant. A directory by default ({@link DirectoryReportFiles}); another
 * store (an S3-compatible bucket) implements the same three operations.
 */
public interface ReportFiles {

    /** The only names a file may have: {@code relatorio-2026-11-20.csv} or {@code .pdf}. */
    Pattern NAME = Pattern.compile("relatorio-\\d{4}-\\d{2}-\\d{2}\\.(csv|pdf)");

    /** A stored file. */
    record StoredFile(String name, long sizeBytes, Instant modifiedAt) {
    }

    Mono<Void> put(String tenant, String name, byte[] content);

    /** The tenant's files, newest name first. */
    Flux<StoredFile> list(String tenant);

    /** The file's bytes; empty when the tenant has no such file. */
    Mono<byte[]> get(String tenant, String name);

    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
