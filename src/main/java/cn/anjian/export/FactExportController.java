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
        boolean allTime = filters.from().equals(FactExports.ALL_TIME.from())
                && filters.to().equals(FactExports.ALL_TIME.to());
        String period = allTime ? "全部" : filters.from().equals(filters.to()) ? filters.from().toString()
                : filters.from() + "至" + filters.to();
        var echo = FactExports.echo(filters);
        String described = allTime ? words.oneLine(echo).replaceFirst("时间范围: [^;]*", "时间范围: 全部")
                : words.oneLine(echo);
        return exports.download(request, format, fact.title() + "_" + period + "." + ext, fact.code() + "." + ext,
                "明细 " + fact.code(), described, out -> facts.write(fact, query, format, out));
    }
}
