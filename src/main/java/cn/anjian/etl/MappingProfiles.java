package cn.anjian.etl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * All mapping profiles: the built-in template profiles, the YAML profiles shipped in {@code etl/mappings/} and those
 * a user drops into {@code anjian.etl.mappings-dir} (read at every import, so a new profile needs no restart; a user
 * file with the same name replaces a shipped one).
 */
@Component
class MappingProfiles {

    private static final Logger log = LoggerFactory.getLogger(MappingProfiles.class);

    private final EtlProperties properties;

    MappingProfiles(EtlProperties properties) {
        this.properties = properties;
    }

    /** Template profiles first (they are the exact match), then YAML profiles by name. */
    List<MappingProfile> all() {
        List<MappingProfile> profiles = new ArrayList<>();
        for (ImportKind kind : ImportKind.values()) {
            profiles.add(MappingProfile.template(kind));
        }
        Map<String, MappingProfile> yaml = new LinkedHashMap<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:etl/mappings/*.yaml")) {
                String name = r.getFilename().replaceFirst("\\.yaml$", "");
                try (InputStream in = r.getInputStream()) {
                    yaml.put(name, parse(name, in));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path dir = properties.mappingsDir();
        if (dir != null && Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yaml")) {
                for (Path f : files) {
                    String name = f.getFileName().toString().replaceFirst("\\.yaml$", "");
                    try (InputStream in = Files.newInputStream(f)) {
                        yaml.put(name, parse(name, in));
                    } catch (IllegalArgumentException | ClassCastException e) {
                        log.warn("Skipping mapping profile {}: {}", f, e.getMessage());
                    }
                }
            } catch (IOException e) {
                log.warn("Cannot read mapping profiles in {}: {}", dir, e.getMessage());
            }
        }
        yaml.values().stream().sorted(java.util.Comparator.comparing(MappingProfile::name)).forEach(profiles::add);
        return profiles;
    }

    /** The profiles to try for a file: the named one, else those of the kind, else all. */
    List<MappingProfile> candidates(ImportKind kind, String profileName) {
        if (profileName != null && !profileName.isBlank()) {
            MappingProfile p = find(profileName).orElseThrow(() -> new LedgerFormatException(
                    "没有名为「" + profileName + "」的映射方案。可用: " + String.join("、", all().stream().map(MappingProfile::name).toList())));
            if (kind != null && p.kind() != kind) {
                throw new LedgerFormatException("映射方案「" + profileName + "」用于" + p.kind().labelZh() + "台账，不是"
                        + kind.labelZh() + "台账");
            }
            return List.of(p);
        }
        return all().stream().filter(p -> kind == null || p.kind() == kind).toList();
    }

    Optional<MappingProfile> find(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @SuppressWarnings("unchecked")
    static MappingProfile parse(String name, InputStream in) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (doc != null && !(doc instanceof Map)) {
            throw new IllegalArgumentException("映射方案 " + name + ".yaml 应是键值结构");
        }
        return MappingProfile.fromYaml(name, (Map<String, Object>) doc);
    }
}
