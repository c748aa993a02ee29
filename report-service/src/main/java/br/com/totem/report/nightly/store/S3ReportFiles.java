package br.com.totem.report.nightly.store;

import java.util.Comparator;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Report files as objects {@code <prefix><tenant>/<name>} of one bucket on an S3-compatible server (AWS S3,
 * MinIO, Ceph…), through the AWS SDK's S3 client. A PUT replaces an object whole, so a reader never sees half
 * a file. The SDK client blocks: every call runs on the bounded-elastic scheduler, never on an event loop.
 */
public class S3ReportFiles implements ReportFiles {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3ReportFiles(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public Mono<Void> put(String tenant, String name, byte[] content) {
        String key = key(tenant, name);
        return Mono.fromRunnable(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(ReportFiles.contentType(name))
                        .contentLength((long) content.length), RequestBody.fromBytes(content)))
                .subscribeOn(Schedulers.boundedElastic()).then();
    }

    @Override
    public Flux<StoredFile> list(String tenant) {
        if (!ReportFiles.validTenant(tenant)) {
            return Flux.empty();
        }
        String folder = prefix + tenant + "/";
        return Mono.fromCallable(() -> {
            List<StoredFile> files = new java.util.ArrayList<>();
            // paginated: a tenant keeps two files a day, more than one page (1,000 keys) after 500 days
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder)).contents().forEach(o -> {
                String name = o.key().substring(folder.length());
                if (ReportFiles.validName(name)) {
                    files.add(new StoredFile(name, o.size(), o.lastModified()));
                }
            });
            files.sort(Comparator.comparing(StoredFile::name).reversed());
            return files;
        }).subscribeOn(Schedulers.boundedElastic()).flatMapMany(Flux::fromIterable);
    }

    @Override
    public Mono<byte[]> get(String tenant, String name) {
        if (!ReportFiles.validName(name) || !ReportFiles.validTenant(tenant)) {
            return Mono.empty();
        }
        String key = key(tenant, name);
        return Mono.fromCallable(() -> {
            try {
                return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            } catch (NoSuchKeyException e) {
                return null;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) { // some S3-compatible servers answer a bare 404 without the NoSuchKey code
                    return null;
                }
                throw e;
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private String key(String tenant, String name) {
        if (!ReportFiles.validTenant(tenant)) {
            throw new IllegalArgumentException("tenant id not usable in a key: " + tenant);
        }
        if (!ReportFiles.validName(name)) {
            throw new IllegalArgumentException("not a report file name: " + name);
        }
        return prefix + tenant + "/" + name;
    }
}
