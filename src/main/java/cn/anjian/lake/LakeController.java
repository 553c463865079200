package cn.anjian.lake;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lake on demand: {@code POST /api/lake/write} (administrators) rewrites the partitions that changed and answers
 * what it did; {@code GET /api/lake/manifest} shows the manifest of the last write.
 */
@RestController
class LakeController {

    private final LakeWriter writer;
    private final LakeProperties properties;

    LakeController(LakeWriter writer, LakeProperties properties) {
        this.writer = writer;
        this.properties = properties;
    }

    @PostMapping("/api/lake/write")
    LakeWrite write() {
        return writer.write();
    }

    @GetMapping("/api/lake/manifest")
    LakeManifest manifest() {
        LakeManifest manifest = writer.read(properties.dir());
        if (manifest == null) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.NOT_FOUND, "湖还没有写过: POST /api/lake/write");
        }
        return manifest;
    }
}
