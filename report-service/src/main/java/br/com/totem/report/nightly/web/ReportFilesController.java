package br.com.totem.report.nightly.web;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Callers;
import br.com.totem.report.nightly.store.ReportFiles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** The files the nightly job wrote for the caller's tenant. */
@RestController
@PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
@Tag(name = "Report files", description = "D-1 CSV and PDF written every night at 00:05 in the tenant's zone")
class ReportFilesController {

    private final ReportFiles files;

    ReportFilesController(ReportFiles files) {
        this.files = files;
    }

    @GetMapping("/api/v1/reports/files")
    @Operation(summary = "The tenant's report files, newest first")
    Mono<List<ReportFiles.StoredFile>> list() {
        return Callers.current().flatMapMany(c -> files.list(c.tenant())).collectList();
    }

    @GetMapping("/api/v1/reports/files/{name}")
    @Operation(summary = "One report file (relatorio-yyyy-MM-dd.csv or .pdf)")
    @ApiResponse(responseCode = "404", description = "no such file for the tenant")
    Mono<ResponseEntity<byte[]>> get(@PathVariable String name) {
        return Callers.current().flatMap(c -> files.get(c.tenant(), name))
                .map(bytes -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(ReportFiles.contentType(name)))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                        .body(bytes))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Report file")));
    }
}
