package cn.anjian.export;


import jakarta.servlet.http.HttpServletRequest;

import cn.anjian.semantic.Filters;

import org.jooq.Select;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/export/{fact}.{csv|xlsx|parquet}}: detail rows of hazards, inspections, enforcement actions or
 * accidents under {@code from}, {@code to}, {@code sector}, {@code village}, {@code town}, {@code department} and
 * (hazards) {@code hazard_level}; without {@code from}/{@code to} every row.
 */
@RestController
class FactExportController {

    private final FactExports facts;
    private final FilterWords words;
    private final Exports exports;

    FactExportController(FactExports facts, FilterWords words, Exports exports) {
        this.facts = facts;
        this.words = words;
        this.exports = exports;
    }

    @GetMapping("/api/export/{fact}.{ext}")
    ResponseEntity<StreamingResponseBody> export(@PathVariable("fact") String factCode, @PathVariable String ext,
                                                 @RequestParam MultiValueMap<String, String> params,
                                                 HttpServletRequest request) {
        Fact fact = Fact.of(factCode).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "没有这类明细: " + factCode + " (hazards, inspections, enforcement, accidents)"));
        ExportFormat format = ExportFormat.of(ext);
        Filters filters = facts.filters(params);
        Select<?> query = facts.query(fact, filters, format);
        String period = FilterWords.period(filters.from().toString(), filters.to().toString(), "至")
                .replace(" ", "");
        String described = words.oneLine(FactExports.echo(filters));
        return exports.download(request, format, fact.title() + "_" + period + "." + ext, fact.code() + "." + ext,
                "明细 " + fact.title(), described, out -> facts.write(fact, query, format, out));
    }
}
