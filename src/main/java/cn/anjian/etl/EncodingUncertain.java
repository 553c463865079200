package cn.anjian.etl;

import java.util.List;

/**
 * A CSV whose encoding the detector is not sure of: refused, with the encodings it may be in and its first lines
 * decoded each way, so the user can see which reads right and name it ({@code encoding=}).
 */
final class EncodingUncertain extends LedgerFormatException {

    private final List<Candidate> candidates;

    EncodingUncertain(String fileName, List<Candidate> candidates) {
        super(message(fileName, candidates));
        this.candidates = List.copyOf(candidates);
    }

    List<Candidate> candidates() {
        return candidates;
    }

    /**
     * One encoding the file may be in.
     *
     * @param encoding   the value to give {@code encoding=}
     * @param label      how it is shown
     * @param confidence the detector's confidence, 0–100
     * @param preview    the file's first lines decoded in it
     */
    record Candidate(String encoding, String label, int confidence, List<String> preview) {
    }

    private static String message(String fileName, List<Candidate> candidates) {
        StringBuilder s = new StringBuilder("文件「" + fileName + "」的编码无法确定，为免读成乱码而没有导入。可能是: ");
        s.append(String.join("、", candidates.stream().map(c -> c.label() + " (把握 " + c.confidence() + ")").toList()));
        s.append("。请在上传页面的“文件编码”中选定 (API 参数 encoding，命令行 --encoding=) 后重新导入。各编码下的第一行:");
        for (Candidate c : candidates) {
            s.append(" [").append(c.encoding()).append("] ").append(c.preview().isEmpty() ? "" : c.preview().get(0));
        }
        return s.toString();
    }
}
