package cn.anjian.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import cn.anjian.etl.ImportKind;

/**
 * The demo county (issue #17): 霍山县 with {@code anjian.demo.towns} towns. The first is the demo town as it always
 * was (诸佛庵镇, its ledgers exactly the demo town's); every further town is the same simulation run with its own
 * seed and size, written under its own name, division code, village names and record numbers, and with its own
 * diligence: some towns leave villages' monthly ledgers out (they show as 未报送), some leave many hazards
 * unrectified past their deadline. Every town's ledgers carry the same kinds of demo dirt ({@link DemoDirt}); only
 * the first has a late ledger. All of it is invented and marked as demo data; it goes through the same import
 * jobs as any ledger.
 */
final class DemoCounty {

    /** Towns of 霍山县 after the first; the codes are invented in the county's range (106 is 诸佛庵镇). */
    private static final String[][] TOWNS = {
            {"341525101000", "衡山镇"}, {"341525102000", "佛子岭镇"}, {"341525103000", "下符桥镇"},
            {"341525104000", "但家庙镇"}, {"341525105000", "与儿街镇"}, {"341525107000", "黑石渡镇"},
            {"341525108000", "落儿岭镇"}, {"341525109000", "磨子潭镇"}, {"341525110000", "大化坪镇"},
            {"341525111000", "漫水河镇"}, {"341525112000", "上土市镇"}, {"341525113000", "单龙寺镇"},
            {"341525201000", "东西溪乡"}, {"341525202000", "太平畈乡"}, {"341525203000", "太阳乡"}};
    private static final String FIRST = "石竹松柏桃李杏梅兰桂枫柳杨槐茶桑棠榆椿楠";
    private static final String SECOND = "岭冲河湾岗畈坪庄岩塘溪坳洼桥埠口坡垄源圩";

    /** The most towns the demo county has. */
    static final int MAX_TOWNS = TOWNS.length + 1;

    private DemoCounty() {
    }

    /**
     * One town of the county: who it is and how its clerks keep their ledgers.
     *
     * @param index           0 for 诸佛庵镇, then 1, 2, …
     * @param missedMonths    the share of village-months whose inspection ledger the town leaves out
     * @param unrectified     the share of hazards past their deadline the town leaves unrectified
     * @param scaleFactor     the town's size relative to the demo town
     */
    record Town(int index, String code, String name, Map<String, String> villageNames, double missedMonths,
                double unrectified, double scaleFactor) {

        boolean original() {
            return index == 0;
        }

        long seed(long base) {
            return original() ? base : base + 7919L * index;
        }

        String prefix() {
            return original() ? "" : code.substring(6, 9) + "-";
        }

        String villageCode(String code) {
            return code == null || original() || !code.startsWith("341525106") ? code
                    : this.code.substring(0, 9) + code.substring(9);
        }

        /**
         * The demo town's rows of one ledger, rewritten as this town's: names, codes and record numbers, and with
         * this town's gaps (village-months left out, hazards left unrectified). The first town's rows are returned
         * as they are.
         */
        List<List<Object>> apply(ImportKind kind, List<List<Object>> rows, LocalDate asOf) {
            if (original()) {
                return rows;
            }
            List<String> headers = kind.headers();
            List<List<Object>> out = new ArrayList<>(rows.size());
            for (List<Object> source : rows) {
                List<Object> row = new ArrayList<>(source);
                // the demo's rows may stop before the template's last (optional) columns
                for (int c = 0; c < Math.min(headers.size(), row.size()); c++) {
                    row.set(c, cell(kind, headers.get(c), row.get(c)));
                }
                if (kind == ImportKind.INSPECTIONS && missed(row, headers)) {
                    continue;
                }
                if (kind == ImportKind.HAZARDS) {
                    leaveUnrectified(row, headers, asOf);
                }
                out.add(row);
            }
            return out;
        }

        private Object cell(ImportKind kind, String header, Object value) {
            if (value == null) {
                return null;
            }
            return switch (header) {
                case "所属乡镇" -> name;
                case "村(社区)" -> villageNames.getOrDefault(value.toString(), value.toString());
                case "区划代码", "上级区划代码", "并入区划代码" -> value.toString().equals(DemoTown.TOWN_CODE) ? code
                        : villageCode(value.toString());
                case "名称" -> value.toString().equals(DemoTown.TOWN_NAME) ? name
                        : villageNames.getOrDefault(value.toString(), value.toString());
                case "隐患编号", "检查编号", "案件编号", "事故编号" -> value.toString().isEmpty() ? value : prefix() + value;
                default -> value instanceof String text && text.contains(DemoTown.TOWN_NAME)
                        ? text.replace(DemoTown.TOWN_NAME, name) : value;
            };
        }

        private boolean missed(List<Object> row, List<String> headers) {
            Object day = row.get(headers.indexOf("检查日期"));
            String month = day instanceof LocalDate d ? YearMonth.from(d).toString()
                    : day.toString().replaceAll("^(\\d{4})\\D+(\\d{1,2}).*$", "$1-$2");
            Object village = row.get(headers.indexOf("村(社区)"));
            return share(village + "|" + month) < missedMonths;
        }

        private void leaveUnrectified(List<Object> row, List<String> headers, LocalDate asOf) {
            Object deadline = row.get(headers.indexOf("整改期限"));
            Object rectified = row.get(headers.indexOf("整改完成日期"));
            if (deadline == null || rectified == null || share(row.get(0).toString()) >= unrectified) {
                return;
            }
            LocalDate due = deadline instanceof LocalDate d ? d : parse(deadline.toString());
            if (due == null || !due.isBefore(asOf)) {
                return;
            }
            row.set(headers.indexOf("整改完成日期"), null);
            row.set(headers.indexOf("复查验收日期"), null);
            row.set(headers.indexOf("销号日期"), null);
            row.set(headers.indexOf("整改状态"), DemoTown.RECTIFYING);
        }

        /** A stable number in [0, 1) for a key of this town. */
        private double share(String key) {
            return new SplittableRandom((key + "@" + code).hashCode() * 0x9E3779B97F4A7C15L).nextDouble();
        }

        private static LocalDate parse(String text) {
            try {
                return LocalDate.parse(text);
            } catch (RuntimeException e) {
                return null; // a date in another spelling: the row keeps its rectification
            }
        }
    }

    /** The first {@code count} towns of the county, 诸佛庵镇 first. */
    static List<Town> towns(int count) {
        if (count < 1 || count > MAX_TOWNS) {
            throw new IllegalArgumentException("anjian.demo.towns: 1 to " + MAX_TOWNS);
        }
        List<Town> towns = new ArrayList<>();
        towns.add(new Town(0, DemoTown.TOWN_CODE, DemoTown.TOWN_NAME, Map.of(), 0, 0, 1));
        Set<String> used = new HashSet<>();
        DemoTown.VILLAGES.forEach(v -> used.add(v.shortName()));
        int next = 0;
        for (int i = 1; i < count; i++) {
            Map<String, String> names = new LinkedHashMap<>();
            for (DemoTown.Village v : DemoTown.VILLAGES) {
                String base;
                do {
                    int n = next++ * 37 % (FIRST.length() * SECOND.length());
                    base = "" + FIRST.charAt(n / SECOND.length()) + SECOND.charAt(n % SECOND.length());
                } while (!used.add(base));
                names.put(v.name(), base + (v.community() ? "社区" : "村"));
            }
            // diligence: every third town leaves ledgers out, every fourth leaves hazards overdue, sizes vary
            double missed = i % 3 == 1 ? 0.10 + 0.05 * (i % 4) : 0.0;
            double unrectified = i % 4 == 2 ? 0.25 + 0.05 * (i % 3) : 0.02 * (i % 3);
            double size = 0.6 + 0.1 * (i * 5 % 9);
            towns.add(new Town(i, TOWNS[i - 1][0], TOWNS[i - 1][1], Map.copyOf(names), missed, unrectified, size));
        }
        return List.copyOf(towns);
    }
}
