package cn.anjian.etl;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the template's columns among a file's headers. Tolerates what people do to headers: full-width brackets,
 * spaces, line breaks, and English field names.
 */
final class HeaderMatcher {

    private HeaderMatcher() {
    }

    /** Template field → the file's header, for the fields found; empty when a required field is missing. */
    static Optional<Map<String, String>> match(ImportKind kind, Collection<String> headers) {
        Map<String, String> found = new LinkedHashMap<>();
        for (ImportKind.Column column : kind.columns()) {
            for (String header : headers) {
                if (header != null && (normalize(header).equals(normalize(column.header()))
                        || normalize(header).equals(normalize(column.field())))) {
                    found.putIfAbsent(column.field(), header);
                }
            }
        }
        return missingRequired(kind, found).isEmpty() ? Optional.of(found) : Optional.empty();
    }

    static List<String> missingRequired(ImportKind kind, Map<String, String> found) {
        List<String> missing = new ArrayList<>();
        for (ImportKind.Column column : kind.columns()) {
            if (column.required() && !found.containsKey(column.field())) {
                missing.add(column.header());
            }
        }
        return missing;
    }

    static LedgerFormatException noHeader(ImportKind kind, String fileName, Collection<String> headersSeen) {
        Map<String, String> partial = new LinkedHashMap<>();
        for (ImportKind.Column column : kind.columns()) {
            for (String header : headersSeen) {
                if (header != null && normalize(header).equals(normalize(column.header()))) {
                    partial.putIfAbsent(column.field(), header);
                }
            }
        }
        return new LedgerFormatException("文件「" + fileName + "」不是" + kind.labelZh() + "台账: 缺少必填列 "
                + String.join("、", missingRequired(kind, partial)) + "。文件中找到的列: "
                + (headersSeen.isEmpty() ? "(无)" : String.join("、", headersSeen)));
    }

    static String normalize(String header) {
        String s = Normalizer.normalize(header, Normalizer.Form.NFKC);
        return s.replaceAll("[\\s\\u3000]", "").toLowerCase(Locale.ROOT);
    }
}
