package cn.anjian.etl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * All mapping profiles: the built-in template profiles, the YAML profiles shipped in {@code etl/mappings/} and those
 * a user drops into {@code anjian.etl.mappings-dir} (read at every import, so a new profile needs no restart; a user
 * file with the same name replaces a shipped one). A file that does not load is a {@link Problem} with its file,
 * line and reason, shown on the upload page and in the API, and named in the start-up log.
 */
@Component
class MappingProfiles {

    private static final Logger log = LoggerFactory.getLogger(MappingProfiles.class);

    private final EtlProperties properties;

    MappingProfiles(EtlProperties properties) {
        this.properties = properties;
    }

    /**
     * A profile file that does not load.
     *
     * @param name        the profile's name (file name without .yaml)
     * @param file        the file name
     * @param line        the line the mistake is on (1-based), null when it is the whole file
     * @param reason      what is wrong, in Chinese
     * @param validFields for an unknown field name: the record type's field names
     */
    record Problem(String name, String file, Integer line, String reason, List<String> validFields) {

        String describe() {
            return "映射方案文件 " + file + (line == null ? "" : " 第 " + line + " 行") + ": " + reason;
        }
    }

    /** A named profile whose file does not load. */
    static final class ProfileBroken extends LedgerFormatException {
        final Problem problem;

        ProfileBroken(Problem problem) {
            super("映射方案「" + problem.name() + "」有错误，没有加载。" + problem.describe()
                    + "。请改正这个文件 (改后不用重启)");
            this.problem = problem;
        }
    }

    private record Loaded(List<MappingProfile> profiles, List<Problem> problems) {
    }

    /** Template profiles first (they are the exact match), then YAML profiles by name. */
    List<MappingProfile> all() {
        return load().profiles();
    }

    /** The profile files that do not load, by file name. */
    List<Problem> problems() {
        return load().problems();
    }

    private Loaded load() {
        List<MappingProfile> profiles = new ArrayList<>();
        for (ImportKind kind : ImportKind.ledgers()) {
            profiles.add(MappingProfile.template(kind));
        }
        Map<String, MappingProfile> yaml = new LinkedHashMap<>();
        Map<String, Problem> problems = new LinkedHashMap<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:etl/mappings/*.yaml")) {
                try (InputStream in = r.getInputStream()) {
                    read(r.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8), yaml, problems);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path dir = properties.mappingsDir();
        if (dir != null && Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yaml")) {
                for (Path f : files) {
                    read(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8), yaml, problems);
                }
            } catch (IOException e) {
                log.warn("Cannot read mapping profiles in {}: {}", dir, e.getMessage());
            }
        }
        yaml.values().stream().sorted(Comparator.comparing(MappingProfile::name)).forEach(profiles::add);
        return new Loaded(profiles, problems.values().stream().sorted(Comparator.comparing(Problem::file)).toList());
    }

    private static void read(String file, String text, Map<String, MappingProfile> yaml, Map<String, Problem> problems) {
        String name = file.replaceFirst("\\.yaml$", "");
        try {
            yaml.put(name, parse(name, text));
            problems.remove(name);
        } catch (ProfileProblem e) {
            yaml.remove(name);
            problems.put(name, new Problem(name, file, e.line, e.getMessage(), e.validFields));
        }
    }

    /** Names every profile file that does not load in the start-up log. */
    @EventListener(ApplicationReadyEvent.class)
    void reportProblems() {
        for (Problem p : problems()) {
            log.warn("Mapping profile not loaded: {} (in {}) line {}: {}", p.file(), properties.mappingsDir(), p.line(),
                    p.reason());
        }
    }

    /** The profiles to try for a file: the named one, else those of the kind, else all. */
    List<MappingProfile> candidates(ImportKind kind, String profileName) {
        if (profileName != null && !profileName.isBlank()) {
            Loaded loaded = load();
            MappingProfile p = loaded.profiles().stream().filter(m -> m.name().equals(profileName)).findFirst()
                    .orElseThrow(() -> loaded.problems().stream().filter(b -> b.name().equals(profileName)).findFirst()
                            .<LedgerFormatException>map(ProfileBroken::new)
                            .orElseGet(() -> new LedgerFormatException("没有名为「" + profileName + "」的映射方案。可用: "
                                    + String.join("、", loaded.profiles().stream().map(MappingProfile::name).toList()))));
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

    /** A profile file's mistake with the line it is on. */
    static final class ProfileProblem extends Exception {
        final Integer line;
        final List<String> validFields;

        ProfileProblem(String reason, Integer line, List<String> validFields) {
            super(reason, null, false, false);
            this.line = line;
            this.validFields = validFields;
        }
    }

    /** Parses one profile file; a mistake comes back with its line, found through the YAML node tree. */
    static MappingProfile parse(String name, String text) throws ProfileProblem {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Node root;
        Object document;
        try {
            root = yaml.compose(new java.io.StringReader(text));
            document = yaml.load(text);
        } catch (MarkedYAMLException e) {
            // at the end of the file (a quote or bracket never closed) the line it was opened on helps more
            var mark = e.getContextMark() != null && String.valueOf(e.getProblem()).contains("end of stream")
                    ? e.getContextMark() : e.getProblemMark();
            throw new ProfileProblem("YAML 格式错误: " + e.getProblem() + (e.getContext() == null ? "" : " (" + e.getContext() + ")")
                    + "。常见原因: 缩进不齐、冒号后少了空格、引号没有闭合、含逗号或冒号的文字没加引号",
                    mark == null ? null : mark.getLine() + 1, null);
        } catch (YAMLException e) {
            throw new ProfileProblem("YAML 格式错误: " + e.getMessage(), null, null);
        }
        try {
            return MappingProfile.fromYaml(name, document);
        } catch (MappingProfile.Invalid e) {
            return invalid(root, e);
        }
    }

    private static MappingProfile invalid(Node root, MappingProfile.Invalid e) throws ProfileProblem {
        Node at = e.near == null ? null : find(root, e.near);
        Integer line = at != null ? Integer.valueOf(at.getStartMark().getLine() + 1)
                : root == null ? null : Integer.valueOf(root.getStartMark().getLine() + 1);
        throw new ProfileProblem(e.getMessage(), line, e.validFields);
    }

    /** The first scalar (key or value), in document order, whose text is {@code text}. */
    private static Node find(Node node, String text) {
        if (node instanceof ScalarNode scalar) {
            return text.equals(scalar.getValue()) ? scalar : null;
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                Node hit = find(t.getKeyNode(), text);
                if (hit == null) {
                    hit = find(t.getValueNode(), text);
                }
                if (hit != null) {
                    return hit;
                }
            }
        }
        if (node instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                Node hit = find(n, text);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }
}
