package cn.anjian.export;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Chinese file names that download correctly: RFC 6266 / RFC 5987 {@code filename*} plus an ASCII fallback. */
final class Downloads {

    private Downloads() {
    }

    /**
     * @param name      the file name users see, e.g. {@code 隐患明细_2024-01至2024-12.csv}
     * @param asciiName what old clients get, e.g. {@code hazards.csv}
     */
    static String contentDisposition(String name, String asciiName) {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        String fallback = asciiName.replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }

    /** A name part without characters file systems or headers refuse. */
    static String safe(String part) {
        return part.replaceAll("[\\\\/:*?\"<>|\\r\\n]", "_");
    }
}
