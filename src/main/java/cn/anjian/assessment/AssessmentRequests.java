package cn.anjian.assessment;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import cn.anjian.assessment.Scheme.UnitKind;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Turns the request parameters the API, the pages and the export share (year, unit kind, as-of day) into a
 * scored {@link Assessment}, or an RFC 9457 problem: no scheme for the year is 404, a bad parameter 400 naming it.
 */
@Component
class AssessmentRequests {

    private final AssessmentService service;

    AssessmentRequests(AssessmentService service) {
        this.service = service;
    }

    Scheme scheme(int year) {
        return service.scheme(year).orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "year",
                "没有 " + year + " 年度的考核方案 (no assessment scheme for " + year + "; schemes: "
                        + service.years() + ")"));
    }

    /** The scheme that scores this kind of unit in the year: the county's for towns. */
    Scheme scheme(int year, UnitKind kind) {
        if (kind != UnitKind.TOWN) {
            return scheme(year);
        }
        return service.scheme(year, kind).orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "year",
                "没有 " + year + " 年度的县对乡镇考核方案 (no county assessment scheme for " + year + "; schemes: "
                        + service.years(kind) + ")"));
    }

    UnitKind unit(String unit) {
        UnitKind kind = unit == null ? UnitKind.VILLAGE : UnitKind.of(unit);
        if (kind == null || kind == UnitKind.BOTH) {
            throw problem(HttpStatus.BAD_REQUEST, "unit", "参数 unit 应为 village、department 或 town (unit must be "
                    + "village, department or town)");
        }
        return kind;
    }

    LocalDate asOf(int year, String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return service.defaultAsOf(year);
        }
        try {
            return LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw problem(HttpStatus.BAD_REQUEST, "asOf", "参数 asOf 应为 yyyy-MM-dd (asOf must be yyyy-MM-dd)");
        }
    }

    Assessment score(int year, String unit, String asOf) {
        UnitKind kind = unit(unit);
        if (kind == UnitKind.TOWN && !service.assessesTowns()) {
            throw problem(HttpStatus.FORBIDDEN, "unit", "乡镇考核只对乡镇及以上的账号开放 (towns are assessed for town "
                    + "and county users only)");
        }
        return service.score(scheme(year, kind), kind, asOf(year, asOf));
    }

    static ErrorResponseException problem(HttpStatus status, String parameter, String message) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
        detail.setProperty("parameter", parameter);
        return new ErrorResponseException(status, detail, null);
    }
}
