package br.com.totem.print.pull.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.print.printer.domain.Printer;
import br.com.totem.print.pull.CloudPrnt;
import br.com.totem.print.pull.PrinterCredentials;
import br.com.totem.print.pull.StatusCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * The Star CloudPRNT server URL a printer is configured with ({@code https://<gateway>/api/v1/cloudprnt},
 * HTTP Basic with the printer's token as password): {@code POST} polls, {@code GET} fetches the job,
 * {@code DELETE} confirms it. No bearer token: the printer's own token authenticates it.
 */
@RestController
@RequestMapping("/api/v1/cloudprnt")
@Tag(name = "CloudPRNT", description = "Star CloudPRNT pull protocol for printers behind NAT (HTTP Basic, password = the printer's token)")
public class CloudPrntController {

    private final CloudPrnt cloudPrnt;
    private final PrinterCredentials credentials;

    CloudPrntController(CloudPrnt cloudPrnt, PrinterCredentials credentials) {
        this.cloudPrnt = cloudPrnt;
        this.credentials = credentials;
    }

    /** The printer's poll body; only {@code statusCode} is always sent. */
    @Schema(description = "CloudPRNT poll (fields as the printer sends them; others are ignored)")
    public record PollRequest(
            @Schema(description = "URL-encoded status, e.g. 200%20OK, 410%20Paper%20Empty") String statusCode,
            String printerMAC, String uniqueID, String jobToken, Boolean printingInProgress) {
    }

    @Schema(description = "CloudPRNT poll answer")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PollResponse(boolean jobReady, List<String> mediaTypes, String jobToken) {
    }

    @Operation(summary = "Poll: records the printer's status and says whether a job is ready")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> poll(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                             @RequestBody(required = false) PollRequest body) {
        PollRequest request = body == null ? new PollRequest(null, null, null, null, null) : body;
        return asPrinter(authorization, printer -> cloudPrnt.poll(printer, StatusCode.parse(request.statusCode()),
                        Boolean.TRUE.equals(request.printingInProgress()))
                .map(p -> ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(new PollResponse(p.jobReady(), p.mediaTypes(), p.jobToken()))));
    }

    @Operation(summary = "Job: the printer's current job in the media type it chose (404 no job, 415 type not offered)")
    @GetMapping
    public Mono<ResponseEntity<Object>> job(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                            @Parameter(description = "the media type chosen from the poll's mediaTypes") @RequestParam(required = false) String type,
                                            @Parameter(description = "the poll's jobToken") @RequestParam(required = false) String token) {
        return asPrinter(authorization, printer -> cloudPrnt.document(printer, token, type).map(result -> {
                    if (result.refusal() == CloudPrnt.Refusal.UNSUPPORTED_TYPE) {
                        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                                "Media type not offered", "Ask for one of the media types the poll offered");
                    }
                    if (result.refusal() == CloudPrnt.Refusal.NO_JOB) {
                        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No job", "No job is waiting for this printer");
                    }
                    var ok = ResponseEntity.ok().contentType(MediaType.parseMediaType(result.value().mediaType()))
                            .header(HttpHeaders.CACHE_CONTROL, "no-store");
                    if (CloudPrnt.PNG.equals(result.value().mediaType())) {
                        ok = ok.header("X-Star-Cut", "partial; feed=true"); // ESC/POS carries its own cut
                    }
                    return ok.<Object>body(result.value().bytes());
                }));
    }

    @Operation(summary = "Confirmation: the printer's result code for the job (2xx printed; anything else failed)")
    @DeleteMapping
    public Mono<ResponseEntity<Object>> confirm(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                                @Parameter(description = "result, e.g. 200%20OK or 510") @RequestParam(required = false) String code,
                                                @Parameter(description = "the poll's jobToken") @RequestParam(required = false) String token) {
        return asPrinter(authorization, printer -> cloudPrnt.confirm(printer, token, StatusCode.parse(code))
                // a confirmation for a job that already ended (a repeat, or one the watch gave up on) is acknowledged too
                .map(known -> ResponseEntity.ok().body(Map.of("confirmed", known))));
    }

    /** {@code work} for the printer whose token the Authorization header carries; 401 when none does. */
    private Mono<ResponseEntity<Object>> asPrinter(String authorization,
                                                   Function<Printer, Mono<ResponseEntity<Object>>> work) {
        return credentials.printer(authorization).flatMap(work)
                .switchIfEmpty(Mono.fromSupplier(CloudPrntController::unauthorized));
    }

    private static ResponseEntity<Object> unauthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Totem CloudPRNT\", charset=\"UTF-8\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                        "A registered CloudPRNT printer's token is required (HTTP Basic password)"));
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(status, type, title, detail));
    }

    private static ProblemDetail detail(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(java.net.URI.create(type));
        problem.setTitle(title);
        return problem;
    }
}
