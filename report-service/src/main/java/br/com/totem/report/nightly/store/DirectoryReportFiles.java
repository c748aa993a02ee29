package br.com.totem.report.nightly.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Report files in {@code <directory>/<tenant>/<name>}. A file is written to a temporary name and moved
 * into place, so a reader never sees half of it. Names are checked ({@link ReportFiles#NAME}) and tenant
 * ids restricted to safe characters, so no path leaves the directory.
 */
public class DirectoryReportFiles implements ReportFiles {

    private final Path root;

    DirectoryReportFiles(Path root) {
        this.root = root;
    }

    @Override
    public Mono<Void> put(String tenant, String name, byte[] content) {
        return Mono.fromRunnable(() -> {
            Path dir = folder(tenant);
            try {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, ".writing-", ".tmp");
                Files.write(tmp, content);
                Files.move(tmp, file(tenant, name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write report file " + name + " of " + tenant, e);
            }
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    @Override
    public Flux<StoredFile> list(String tenant) {
        return Mono.fromCallable(() -> {
            Path dir = folder(tenant);
            if (!Files.isDirectory(dir)) {
                return java.util.List.<StoredFile>of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> ReportFiles.validName(p.getFileName().toString()))
                        .map(p -> {
                            try {
                                return new StoredFile(p.getFileName().toString(), Files.size(p),
                                        Files.getLastModifiedTime(p).toInstant());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        })
                        .sorted(Comparator.comparing(StoredFile::name).reversed())
                        .toList();
            }
        }).subscribeOn(Schedulers.boundedElastic()).flatMapMany(Flux::fromIterable);
    }

    @Override
    public Mono<byte[]> get(String tenant, String name) {
        if (!ReportFiles.validName(name) || !ReportFiles.validTenant(tenant)) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> {
            try {
                return Files.readAllBytes(file(tenant, name));
            } catch (NoSuchFileException e) {
                return null;
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Path folder(String tenant) {
        if (!ReportFiles.validTenant(tenant)) {
            throw new IllegalArgumentException("tenant id not usable as a folder name: " + tenant);
        }
        return root.resolve(tenant);
    }

    private Path file(String tenant, String name) {
        if (!ReportFiles.validName(name)) {
            throw new IllegalArgumentException("not a report file name: " + name);
        }
        return folder(tenant).resolve(name);
    }
}
