package br.com.totem.report.nightly.store;

import java.time.Instant;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where report files are kept, per tenant: a directory by default ({@link DirectoryReportFiles}), or an
 * S3-compatible bucket ({@link S3ReportFiles}) with {@code totem.report.files.store=s3}.
 */
public interface ReportFiles {

    /** The only names a file may have: {@code relatorio-2026-11-20.csv} or {@code .pdf}. */
    Pattern NAME = Pattern.compile("relatorio-\\d{4}-\\d{2}-\\d{2}\\.(csv|pdf)");

    /** Tenant ids a store accepts (they become a folder or a key prefix: nothing may climb out of it). */
    Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

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

    static boolean validTenant(String tenant) {
        return tenant != null && TENANT.matcher(tenant).matches();
    }

    /** The content type a report file is served and stored with. */
    static String contentType(String name) {
        return name.endsWith(".pdf") ? "application/pdf" : "text/csv;charset=UTF-8";
    }
}
