package br.com.totem.report.nightly.store;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.report.config.ReportProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The file store the configuration names: {@code totem.report.files.store} = {@code directory} (default) or {@code s3}. */
@Configuration(proxyBeanMethods = false)
class ReportFilesConfiguration {

    @Bean
    @ConditionalOnProperty(name = "totem.report.files.store", havingValue = "directory", matchIfMissing = true)
    ReportFiles directoryReportFiles(ReportProperties properties) {
        return new DirectoryReportFiles(Path.of(properties.files().directory()));
    }

    @Bean
    @ConditionalOnProperty(name = "totem.report.files.store", havingValue = "s3")
    ReportFiles s3ReportFiles(S3Client reportBucketClient, ReportProperties properties) {
        ReportProperties.S3 s3 = properties.files().s3();
        if (s3.bucket() == null || s3.bucket().isBlank()) {
            throw new IllegalStateException("totem.report.files.store=s3 needs a bucket: set TOTEM_REPORT_S3_BUCKET");
        }
        return new S3ReportFiles(reportBucketClient, s3.bucket(), s3.prefix());
    }

    /**
     * The S3 client: the JDK's HTTP connection (no Netty or Apache client beside the service's own), bounded
     * timeouts, and checksums only where the S3 API requires them, which every S3-compatible server accepts
     * (the SDK's default streams trailing CRC checksums that several servers refuse).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "totem.report.files.store", havingValue = "s3")
    S3Client reportBucketClient(ReportProperties properties) {
        ReportProperties.S3 s3 = properties.files().s3();
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)).build())
                .region(Region.of(s3.region()))
                .forcePathStyle(s3.pathStyle())
                .credentialsProvider(credentials(s3))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)));
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(ReportProperties.S3 s3) {
        if (s3.accessKey() == null && s3.secretKey() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (s3.accessKey() == null || s3.secretKey() == null) {
            throw new IllegalStateException("S3 credentials need both TOTEM_REPORT_S3_ACCESS_KEY and TOTEM_REPORT_S3_SECRET_KEY"
                    + " (or neither, for the AWS default credentials chain)");
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
    }
}
