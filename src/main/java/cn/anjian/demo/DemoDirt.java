package cn.anjian.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import cn.anjian.etl.ImportKind;

/**
 * The mistakes real ledgers carry, put into the demo town's hazard, inspection and enforcement ledgers so the
 * data-quality dashboard has rejects to show (issue #19 item 15): a misspelt village, a rectification deadline
 * before the day the hazard was found, an amount written in words, a row entered twice. A few dozen a year at scale
 * 1, chosen by the seed, so the same town always has the same dirt.
 *
 * <p>Each dirty row is an extra row, a copy of a clean row of the same file placed right after it with one mistake
 * (or none: a row entered twice). It fails exactly one check, so the importer rejects exactly one (row, field) for
 * it and every clean row still lands: the town's clean counts are the same as without dirt.
 */
final class DemoDirt {

    /** One dirty row of a ledger file: its index among the file's data rows (0 is the row under the header). */
    record Row(int index, String column, String what) {
    }

    /** Dirty rows per data row, by ledger: hazards are most, so about 40 a year across the three at scale 1. */
    private static final Map<ImportKind, Double> SHARE = Map.of(
            ImportKind.HAZARDS, 0.012, ImportKind.INSPECTIONS, 0.004, ImportKind.ENFORCEMENT, 0.03);

    /** Characters clerks mix up (same sound, another character), for the villages of every demo town. */
    private static final Map<Character, Character> HOMOPHONES = homophones(
            "河何山三林临园元潭谭家佳柳流岗港源原松宋青清双爽坪平枫丰树书湾弯岭领桥乔庵安巢朝寺四莲连岩炎冲充"
            + "茶查龙隆石时杨阳桃陶金今长常街接新心东冬漫慢竹足柏百李里杏幸梅每兰蓝桂贵槐怀桑嗓棠堂榆于椿春楠南"
            + "畈贩庄装塘唐溪西坳奥洼哇埠步口扣坡波垄龙圩于高糕白百仙先");

    private final long seed;

    DemoDirt(long seed) {
        this.seed = seed;
    }

    /**
     * The file's rows with dirty copies inserted after some of them; {@code dirt} receives where they are. Rows of
     * other ledgers are returned as they are.
     */
    List<List<Object>> soil(ImportKind kind, String file, List<List<Object>> rows, List<Row> dirt) {
        Double share = SHARE.get(kind);
        if (share == null || rows.isEmpty()) {
            return rows;
        }
        SplittableRandom random = new SplittableRandom(seed ^ (0xD127L * file.hashCode()));
        int wanted = Math.max(1, (int) Math.round(rows.size() * share));
        // distinct source rows, in file order
        TreeMap<Integer, Mistake> chosen = new TreeMap<>();
        List<Mistake> mistakes = mistakes(kind);
        for (int tries = 0; chosen.size() < wanted && tries < wanted * 20; tries++) {
            int at = random.nextInt(rows.size());
            Mistake mistake = mistakes.get(random.nextInt(mistakes.size()));
            if (!chosen.containsKey(at) && mistake.applies(kind, rows.get(at))) {
                chosen.put(at, mistake);
            }
        }
        List<List<Object>> out = new ArrayList<>(rows.size() + chosen.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(rows.get(i));
            Mistake mistake = chosen.get(i);
            if (mistake != null) {
                List<Object> copy = new ArrayList<>(rows.get(i));
                mistake.make(kind, copy, random);
                dirt.add(new Row(out.size(), mistake.column(kind), mistake.what()));
                out.add(copy);
            }
        }
        return out;
    }

    private static List<Mistake> mistakes(ImportKind kind) {
        return switch (kind) {
            case HAZARDS -> List.of(Mistake.VILLAGE, Mistake.DEADLINE, Mistake.AMOUNT, Mistake.REPEATED);
            case ENFORCEMENT -> List.of(Mistake.VILLAGE, Mistake.AMOUNT, Mistake.REPEATED);
            default -> List.of(Mistake.VILLAGE, Mistake.REPEATED);
        };
    }

    private enum Mistake {
        VILLAGE("村名写错"), DEADLINE("整改期限早于发现日期"), AMOUNT("金额写成大写汉字"), REPEATED("同一行录入两次");

        private final String what;

        Mistake(String what) {
            this.what = what;
        }

        String what() {
            return what;
        }

        String column(ImportKind kind) {
            return switch (this) {
                case VILLAGE -> "村(社区)";
                case DEADLINE -> "整改期限";
                case AMOUNT -> kind == ImportKind.HAZARDS ? "整改资金(元)" : "拟罚款(元)";
                case REPEATED -> kind.headers().get(0);
            };
        }

        boolean applies(ImportKind kind, List<Object> row) {
            return switch (this) {
                case VILLAGE -> misspelt(cell(kind, row, "村(社区)")) != null;
                case DEADLINE -> isoDay(cell(kind, row, "发现日期")) != null;
                default -> true;
            };
        }

        void make(ImportKind kind, List<Object> row, SplittableRandom random) {
            int c = kind.headers().indexOf(column(kind));
            switch (this) {
                case VILLAGE -> row.set(c, misspelt(row.get(c)));
                case DEADLINE -> {
                    Object found = cell(kind, row, "发现日期");
                    LocalDate early = isoDay(found).minusDays(1 + random.nextInt(20));
                    row.set(c, found instanceof LocalDate ? early : early.toString());
                }
                case AMOUNT -> row.set(c, new String[] {"伍仟元", "贰仟伍佰元", "壹万元", "叁仟元整"}[random.nextInt(4)]);
                case REPEATED -> {
                    // the row as it was: entered twice
                }
            }
        }

        private static Object cell(ImportKind kind, List<Object> row, String header) {
            return row.get(kind.headers().indexOf(header));
        }
    }

    /** The village name with its first character a clerk could mix up replaced; null if none can be. */
    static String misspelt(Object village) {
        if (!(village instanceof String name)) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            Character other = HOMOPHONES.get(name.charAt(i));
            if (other != null) {
                return name.substring(0, i) + other + name.substring(i + 1);
            }
        }
        return null;
    }

    private static LocalDate isoDay(Object cell) {
        if (cell instanceof LocalDate day) {
            return day;
        }
        if (cell instanceof String text && text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return LocalDate.parse(text);
        }
        return null;
    }

    private static Map<Character, Character> homophones(String pairs) {
        Map<Character, Character> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < pairs.length(); i += 2) {
            map.putIfAbsent(pairs.charAt(i), pairs.charAt(i + 1));
        }
        return Map.copyOf(map);
    }
}
