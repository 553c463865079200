package cn.anjian.export;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;

/** The file formats an export can take. */
enum ExportFormat {
    CSV("text/csv;charset=UTF-8"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PARQUET("application/vnd.apache.parquet");

    private final MediaType mediaType;

    ExportFormat(String mediaType) {
        this.mediaType = MediaType.parseMediaType(mediaType);
    }

    MediaType mediaType() {
        return mediaType;
    }

    String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ExportFormat of(String extension) {
        for (ExportFormat f : values()) {
            if (f.extension().equals(extension)) {
                return f;
            }
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "不支持的导出格式: " + extension);
    }
}
