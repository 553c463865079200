package cn.anjian.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;

import cn.anjian.etl.ImportKind;

/**
 * Writes the benchmark's input: a regions file (one county, 16 towns, 20 villages or communities each) and a hazard
 * ledger of N rows in our template (UTF-8, headers exactly {@link ImportKind#HAZARDS}), with Chinese descriptions
 * and unit names, the date forms clerks really type, and one deliberately bad row in every 1,000 (unknown village,
 * impossible date, negative funds, duplicate hazard number, in turn), so validation and rejects do real work.
 *
 * <p>Deterministic (fixed seed) and streamed: every text is encoded to UTF-8 once and rows are assembled as bytes,
 * about 1–2 s per million rows. A {@code .meta} file written last records what was generated (row counts by kind);
 * a file whose meta matches is reused.
 */
public final class HazardCsvGenerator {

    /**
     * The columns the generator fills: the template up to 是否公布. Later optional columns (整改措施 …) are left out,
     * as a ledger may leave them out; the import reads them as blank.
     */
    static final java.util.List<String> HEADERS = ImportKind.HAZARDS.headers()
            .subList(0, ImportKind.HAZARDS.headers().indexOf("是否公布") + 1);

    /** Bumped whenever the generated content changes, so cached files are regenerated. */
    static final int VERSION = 3;
    static final long SEED = 20261128L;
    static final int BAD_EVERY = 1000;

    static final LocalDate FIRST_DAY = LocalDate.of(2019, 1, 1);
    static final LocalDate LAST_FOUND = LocalDate.of(2026, 6, 30);

    private static final String COUNTY_CODE = "341525000000";

    private static final String[] TOWNS = {"衡山镇", "佛子岭镇", "下符桥镇", "但家庙镇", "与儿街镇", "黑石渡镇",
            "诸佛庵镇", "落儿岭镇", "磨子潭镇", "大化坪镇", "漫水河镇", "上土市镇", "单龙寺镇", "东西溪乡", "太平畈乡",
            "太阳乡"};

    private static final String[] STEMS = {"桃源", "石门", "枫香", "青山", "竹林", "柳塘", "杨桥", "黄岭", "白果",
            "龙井", "凤凰", "金竹", "花园", "松林", "茶园", "河口", "新店", "长冲", "大湾", "小河", "牛角", "三岔",
            "五里", "百家", "双河", "高桥", "平田", "西冲", "东山", "南溪", "北岭", "上畈", "下湾", "梅花", "杏林",
            "仙人", "黄泥", "红石", "清水", "兴隆", "太平", "和平", "光明", "胜利", "团结", "合兴", "落儿", "姚家",
            "汪家", "张冲", "李湾", "陈庄", "何家", "周畈", "吴岭", "郑湾", "王家", "刘冲", "罗汉", "观音", "马家",
            "鲍家", "詹家", "檀树", "栗树", "板栗", "桑园", "莲花", "荷塘", "燕子", "鹰嘴", "龙潭", "虎形", "狮子",
            "象鼻", "乌石", "白莲", "黄栗", "青枫", "红星"};

    /** Village names no town has: each makes a row fail with 未知的村(社区). */
    private static final String[] UNKNOWN_VILLAGES = {"幸福里村", "新农村", "东风社区", "向阳村", "前进村",
            "跃进村", "红旗社区", "建设村"};

    private static final String[] BAD_DATES = {"2023-02-30", "2023-13-05", "2024/6/31", "2022年2月29日", "去年三月",
            "2023.00.12", "二〇二三年五月", "2023-4"};

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
            "胡", "朱", "高", "何", "汪", "程", "储", "詹"};
    private static final String[] BRANDS = {"鑫源", "宏达", "兴旺", "福满", "金穗", "绿源", "华丰", "顺发", "聚福",
            "永安", "佛子岭", "大别山", "淠河", "云雾", "黄芽", "竹海", "山水", "万家", "众兴", "瑞祥"};
    private static final String[] PLACES = {"", "", "", "一楼厨房", "二楼楼道", "仓库", "后院", "车间", "配电房",
            "营业厅", "宿舍区", "院内", "屋后边坡", "门前路段", "东侧"};
    private static final String[] FOLLOW_UPS = {"", "", "，已责令限期整改", "，已下达整改通知书", "，现场督促整改",
            "，已约谈负责人", "，当场整改完毕"};

    /** One sector as clerks write it: spellings (code aliases), unit kinds and hazard texts. */
    private record Sector(String[] spellings, String[] units, String[] general, String[] major) {
    }

    private static final Sector[] SECTORS = {
            new Sector(new String[] {"消防", "消防安全", "电动自行车", "fire"},
                    new String[] {"饭店", "超市", "旅馆", "网吧", "幼儿园", "养老院", "服装店"},
                    new String[] {"灭火器压力不足", "灭火器过期未检", "疏散通道堆放杂物", "安全出口指示灯损坏", "应急照明灯不亮",
                            "电动自行车在楼道内充电", "私拉乱接电线", "电气线路老化未穿管保护", "消防栓被遮挡",
                            "员工不会使用灭火器", "厨房油烟管道未清洗", "住人与经营场所未有效分隔"},
                    new String[] {"人员密集场所安全出口被封堵", "经营场所设置员工宿舍且未分隔（三合一）"}),
            new Sector(new String[] {"道路交通", "交通", "两客一危", "公路"},
                    new String[] {"客运站", "运输公司", "驾校", "物流园", "校车停靠点"},
                    new String[] {"临崖临水路段缺少护栏", "急弯处未设置警示标志", "农用车违法载人", "校车停靠点标志缺失",
                            "道路边坡有落石风险", "车辆超期未年检", "驾驶员未按时参加安全教育", "减速带损坏"},
                    new String[] {"客运车辆超员且驾驶员资质不符"}),
            new Sector(new String[] {"城镇燃气", "燃气", "液化气", "餐饮燃气", "瓶装燃气"},
                    new String[] {"饭店", "小吃店", "液化气站", "农家乐", "食堂"},
                    new String[] {"未安装燃气泄漏报警装置", "燃气软管老化超期使用", "液化气钢瓶与灶具间距不足", "钢瓶倒置或卧放使用",
                            "使用无合格标识钢瓶", "燃气管道穿越卧室", "未安装熄火保护装置", "使用非标减压阀"},
                    new String[] {"液化气供应站储存超量且安全间距不足", "餐饮场所在地下室使用瓶装液化气"}),
            new Sector(new String[] {"自建房", "城乡自建房", "经营性自建房", "房屋安全"},
                    new String[] {"自建房", "出租屋", "门面房", "民宿"},
                    new String[] {"房屋墙体出现裂缝", "擅自加层改建", "屋面漏水木梁腐朽", "经营性自建房未开展安全鉴定",
                            "房屋周边边坡未支护", "外墙瓷砖空鼓有脱落风险", "底层改作经营未办理手续"},
                    new String[] {"经营性自建房承重结构严重开裂（鉴定为D级危房）仍在经营", "擅自拆改承重墙致房屋倾斜"}),
            new Sector(new String[] {"森林防火", "森林防灭火", "林区", "野外用火"},
                    new String[] {"林场", "茶山", "公益林", "护林点"},
                    new String[] {"林区内野外用火", "祭扫点未落实防火措施", "防火宣传标识缺失", "护林员未到岗巡查",
                            "林缘焚烧秸秆杂草", "防火隔离带杂草未清理", "扑火工具不足", "进山路口未设检查卡点"},
                    new String[] {"林区内违规建设生产用火设施"}),
            new Sector(new String[] {"建筑施工", "建筑", "零星工程", "施工"},
                    new String[] {"建筑工地", "安置房项目", "道路改造工程", "农房改造工地"},
                    new String[] {"高处作业未系安全带", "脚手架搭设不规范", "临时用电未做到一机一闸一漏", "施工现场未设置安全警示标志",
                            "特种作业人员无证上岗", "基坑临边防护缺失", "安全技术交底记录缺失", "工人未佩戴安全帽"},
                    new String[] {"深基坑开挖无支护且未编制专项方案", "高支模未经论证即施工"}),
            new Sector(new String[] {"危险化学品", "危化品", "易燃易爆"},
                    new String[] {"加油站", "烟花爆竹店", "农资店", "化工厂"},
                    new String[] {"油罐区静电接地不良", "危险化学品台账不全", "烟花爆竹超量存放", "农药与食品混存混放",
                            "卸油作业无人监护", "防爆电器损坏未更换", "从业人员未经培训上岗"},
                    new String[] {"加油站埋地油罐渗漏未处置", "烟花爆竹零售点设在居民住宅内"}),
            new Sector(new String[] {"特种设备", "电梯", "锅炉", "气瓶"},
                    new String[] {"宾馆", "茶厂", "商场", "医院"},
                    new String[] {"电梯超期未检验", "锅炉操作人员无证上岗", "气瓶未定期检验", "叉车未办理使用登记",
                            "压力表未校验", "起重机械限位装置失效"},
                    new String[] {"锅炉安全阀失效仍在运行"}),
            new Sector(new String[] {"工贸", "工商贸", "工贸企业"},
                    new String[] {"茶厂", "竹木加工厂", "石材厂", "食品厂", "服装厂"},
                    new String[] {"茶叶加工机械防护罩缺失", "车间粉尘清扫不及时", "有限空间作业未审批", "电气线路老化",
                            "员工未佩戴劳动防护用品", "安全生产责任制未建立", "应急预案未演练", "竹木加工设备无安全防护"},
                    new String[] {"粉尘涉爆车间除尘系统不符合要求", "有限空间作业未通风检测致多人作业"}),
            new Sector(new String[] {"旅游", "农家乐", "景区"},
                    new String[] {"农家乐", "景区", "漂流公司", "民宿"},
                    new String[] {"厨房燃气管道老化", "临水临崖处护栏缺失", "游步道安全警示标志缺失", "客房未配备逃生面具",
                            "漂流救生设备不足", "游客超员未限流"},
                    new String[] {"景区栈道承重结构损坏仍对外开放"}),
            new Sector(new String[] {"其他", "水上交通", "电力", "农业机械"},
                    new String[] {"水电站", "山塘", "采砂场", "农机合作社"},
                    new String[] {"水电站压力管道渗漏", "山塘水库未设警示标牌", "农机具带病作业", "变压器周边杂物堆积",
                            "采砂现场未设警示标志", "防汛物资储备不足"},
                    new String[] {"水电站大坝渗漏未处置"}),
    };

    private static final String[] GENERAL_LEVELS = {"一般隐患", "一般隐患", "一般", "一般事故隐患"};
    private static final String[] MAJOR_LEVELS = {"重大隐患", "重大", "重大事故隐患"};
    private static final String[] DEPARTMENTS = {"安监所", "安监所", "镇安监所", "派出所", "城建办", "林业站",
            "市场监管所", "执法分局", "农综站", "项目办", "民政办"};
    private static final String[] CLOSED = {"已销号", "已销号", "已验收", "已闭环"};
    private static final String[] RECTIFIED = {"已整改", "整改完成"};
    private static final String[] RECTIFYING = {"整改中", "正在整改"};
    private static final String[] OPEN = {"待整改", "未整改"};
    private static final String[] YES = {"是", "是", "是", "√"};
    private static final String[] NO = {"否", "否", "×"};

    /** What one generation produced; the benchmark checks the import against it. */
    public record Summary(long rows, long unknownVillage, long badDate, long negativeFunds, long duplicates,
                          long bytes) {

        public long bad() {
            return unknownVillage + badDate + negativeFunds + duplicates;
        }

        public long good() {
            return rows - bad();
        }

        Properties toProperties() {
            Properties p = new Properties();
            p.setProperty("version", String.valueOf(VERSION));
            p.setProperty("seed", String.valueOf(SEED));
            p.setProperty("rows", String.valueOf(rows));
            p.setProperty("unknownVillage", String.valueOf(unknownVillage));
            p.setProperty("badDate", String.valueOf(badDate));
            p.setProperty("negativeFunds", String.valueOf(negativeFunds));
            p.setProperty("duplicates", String.valueOf(duplicates));
            p.setProperty("bytes", String.valueOf(bytes));
            return p;
        }

        static Summary of(Properties p) {
            return new Summary(Long.parseLong(p.getProperty("rows")), Long.parseLong(p.getProperty("unknownVillage")),
                    Long.parseLong(p.getProperty("badDate")), Long.parseLong(p.getProperty("negativeFunds")),
                    Long.parseLong(p.getProperty("duplicates")), Long.parseLong(p.getProperty("bytes")));
        }
    }

    /** A village of the generated regions file. */
    private record Village(String code, String name, String townCode, String town, boolean nameIsUnique) {
    }

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final List<Village> villages = new ArrayList<>();
    private final List<String[]> towns = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        Path dir = Path.of(args.length > 1 ? args[1] : "bench/work");
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        Summary s = ensure(dir, rows);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("hazard CSV: %,d rows (%,d bad), %,d bytes, %s (%.1f s)%n", s.rows(), s.bad(), s.bytes(),
                hazardsFile(dir, rows), secs);
    }

    public static Path hazardsFile(Path dir, long rows) {
        return dir.resolve("hazards-" + rows + ".csv");
    }

    public static Path regionsFile(Path dir) {
        return dir.resolve("regions.csv");
    }

    static Path metaFile(Path dir, long rows) {
        return dir.resolve("hazards-" + rows + ".meta");
    }

    /** Reads the summary of an existing, complete generation of {@code rows} rows, or empty. */
    public static java.util.Optional<Summary> existing(Path dir, long rows) throws IOException {
        Path meta = metaFile(dir, rows);
        Path csv = hazardsFile(dir, rows);
        if (!Files.exists(meta) || !Files.exists(csv) || !Files.exists(regionsFile(dir))) {
            return java.util.Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        if (!String.valueOf(VERSION).equals(p.getProperty("version"))) {
            return java.util.Optional.empty();
        }
        Summary s = Summary.of(p);
        return Files.size(csv) == s.bytes() ? java.util.Optional.of(s) : java.util.Optional.empty();
    }

    /** Generates the files unless a complete generation of the same size and version is there. */
    public static Summary ensure(Path dir, long rows) throws IOException {
        var existing = existing(dir, rows);
        if (existing.isPresent()) {
            System.out.println("reusing " + hazardsFile(dir, rows) + " (delete its .meta to regenerate)");
            return existing.get();
        }
        HazardCsvGenerator g = new HazardCsvGenerator();
        g.writeRegions(regionsFile(dir));
        Path tmp = dir.resolve("hazards-" + rows + ".csv.tmp");
        Summary s = g.writeHazards(tmp, rows);
        Files.move(tmp, hazardsFile(dir, rows), StandardCopyOption.REPLACE_EXISTING);
        try (Writer w = Files.newBufferedWriter(metaFile(dir, rows), StandardCharsets.UTF_8)) {
            s.toProperties().store(w, "hazard CSV generated by bench/HazardCsvGenerator");
        }
        return s;
    }

    HazardCsvGenerator() {
        Map<String, Integer> nameCount = new LinkedHashMap<>();
        List<String[]> raw = new ArrayList<>();
        for (int t = 0; t < TOWNS.length; t++) {
            String townCode = "341525" + (101 + t) + "000";
            towns.add(new String[] {townCode, TOWNS[t]});
            Set<String> names = new LinkedHashSet<>();
            while (names.size() < 20) {
                String stem = STEMS[random.nextInt(STEMS.length)];
                names.add(random.nextInt(8) == 0 ? stem + "社区" : stem + "村");
            }
            int v = 0;
            for (String name : names) {
                raw.add(new String[] {townCode + "", "341525" + (101 + t) + (201 + v), name, TOWNS[t]});
                nameCount.merge(name, 1, Integer::sum);
                v++;
            }
        }
        for (String[] r : raw) {
            villages.add(new Village(r[1], r[2], r[0], r[3], nameCount.get(r[2]) == 1));
        }
    }

    void writeRegions(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", ImportKind.REGIONS.headers()) + "\n");
            w.write(COUNTY_CODE + ",霍山县,县,,,,,否\n");
            for (String[] t : towns) {
                w.write(t[0] + "," + t[1] + "," + (t[1].endsWith("乡") ? "乡" : "镇") + "," + COUNTY_CODE + ",,,,否\n");
            }
            for (Village v : villages) {
                w.write(v.code() + "," + v.name() + "," + (v.name().endsWith("社区") ? "社区" : "村") + "," + v.townCode()
                        + ",,,,否\n");
            }
        }
    }

    // ---- the hazard rows, as bytes ----

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] b(String[] s) {
        byte[][] out = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = b(s[i]);
        }
        return out;
    }

    /** A growing row buffer flushed to the file in 4 MB writes. */
    private static final class Sink implements AutoCloseable {
        private final OutputStream out;
        private final byte[] buf = new byte[4 << 20];
        private int pos;
        private long written;

        Sink(OutputStream out) {
            this.out = out;
        }

        void put(byte[] bytes) {
            if (pos + bytes.length > buf.length) {
                flush();
            }
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            pos += bytes.length;
        }

        void put(char ascii) {
            if (pos == buf.length) {
                flush();
            }
            buf[pos++] = (byte) ascii;
        }

        void digits(long value, int width) {
            if (pos + 20 > buf.length) {
                flush();
            }
            int len = Math.max(width, value == 0 ? 1 : (int) Math.log10(value) + 1);
            for (int i = pos + len - 1; i >= pos; i--) {
                buf[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            pos += len;
        }

        void endRow() {
            put('\n');
            if (pos > buf.length - 4096) {
                flush();
            }
        }

        private void flush() {
            try {
                out.write(buf, 0, pos);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written += pos;
            pos = 0;
        }

        @Override
        public void close() throws IOException {
            flush();
            out.close();
        }
    }

    Summary writeHazards(Path file, long rows) throws IOException {
        byte[][] townBytes = new byte[TOWNS.length][];
        byte[][] villageBytes = new byte[villages.size()][];
        byte[][] villageTown = new byte[villages.size()][];
        boolean[] unique = new boolean[villages.size()];
        for (int i = 0; i < villages.size(); i++) {
            villageBytes[i] = b(villages.get(i).name());
            villageTown[i] = b(villages.get(i).town());
            unique[i] = villages.get(i).nameIsUnique();
        }
        for (int i = 0; i < TOWNS.length; i++) {
            townBytes[i] = b(TOWNS[i]);
        }
        byte[][] villageStem = new byte[villages.size()][];
        for (int i = 0; i < villages.size(); i++) {
            String n = villages.get(i).name();
            villageStem[i] = b(n.substring(0, n.length() - (n.endsWith("社区") ? 2 : 1)));
        }
        byte[][][] spellings = new byte[SECTORS.length][][];
        byte[][][] units = new byte[SECTORS.length][][];
        byte[][][] general = new byte[SECTORS.length][][];
        byte[][][] major = new byte[SECTORS.length][][];
        for (int s = 0; s < SECTORS.length; s++) {
            spellings[s] = b(SECTORS[s].spellings());
            units[s] = b(SECTORS[s].units());
            general[s] = b(SECTORS[s].general());
            major[s] = b(SECTORS[s].major());
        }
        byte[][] surnames = b(SURNAMES);
        byte[][] brands = b(BRANDS);
        byte[][] places = b(PLACES);
        byte[][] followUps = b(FOLLOW_UPS);
        byte[][] generalLevels = b(GENERAL_LEVELS);
        byte[][] majorLevels = b(MAJOR_LEVELS);
        byte[][] departments = b(DEPARTMENTS);
        byte[][] closed = b(CLOSED);
        byte[][] rectified = b(RECTIFIED);
        byte[][] rectifying = b(RECTIFYING);
        byte[][] open = b(OPEN);
        byte[][] yes = b(YES);
        byte[][] no = b(NO);
        byte[][] unknownVillages = b(UNKNOWN_VILLAGES);
        byte[][] badDates = b(BAD_DATES);
        byte[] yh = b("YH-");
        byte[] jc = b("JC-");
        byte[] creditPrefix = b("91341525MA2N");
        byte[] villager = b("村民");
        byte[] mou = b("某");
        byte[] yuan = b("元");
        byte[] wanYuan = b("万元");
        byte[] dateYear = b("年");
        byte[] dateMonth = b("月");
        byte[] dateDay = b("日");
        byte[] quotedComma = b("，请尽快处理, 逾期将依法处理");

        int days = (int) (LAST_FOUND.toEpochDay() - FIRST_DAY.toEpochDay()) + 1;
        int calendar = days + 200;
        int[] year = new int[calendar];
        int[] month = new int[calendar];
        int[] dom = new int[calendar];
        for (int d = 0; d < calendar; d++) {
            LocalDate day = FIRST_DAY.plusDays(d);
            year[d] = day.getYear();
            month[d] = day.getMonthValue();
            dom[d] = day.getDayOfMonth();
        }

        long unknownVillage = 0;
        long badDate = 0;
        long negativeFunds = 0;
        long duplicates = 0;
        int lastGoodYear = 0;
        long lastGoodSeq = 0;
        SplittableRandom r = random;
        try (Sink out = new Sink(Files.newOutputStream(file))) {
            out.put(b(String.join(",", HEADERS) + "\n"));
            for (long i = 0; i < rows; i++) {
                int defect = i % BAD_EVERY == BAD_EVERY / 2 ? (int) ((i / BAD_EVERY) % 4) + 1 : 0;
                int found = r.nextInt(days);
                int sector = r.nextInt(SECTORS.length);
                int village = r.nextInt(villageBytes.length);
                boolean isMajor = r.nextInt(40) == 0;

                // 隐患编号: YH-<year>-<8-digit sequence>; a duplicate repeats the last good row's number
                out.put(yh);
                if (defect == 4) {
                    out.digits(lastGoodYear, 4);
                    out.put('-');
                    out.digits(lastGoodSeq, 8);
                    duplicates++;
                } else {
                    out.digits(year[found], 4);
                    out.put('-');
                    out.digits(i + 1, 8);
                }
                out.put(',');
                // 发现日期
                if (defect == 2) {
                    out.put(badDates[(int) ((i / BAD_EVERY) % badDates.length)]);
                    badDate++;
                } else {
                    date(out, r, found, year, month, dom, dateYear, dateMonth, dateDay);
                }
                out.put(',');
                // 所属乡镇: left blank by some clerks where the village name alone is unambiguous
                if (!unique[village] || r.nextInt(6) != 0) {
                    out.put(villageTown[village]);
                }
                out.put(',');
                // 村(社区)
                if (defect == 1) {
                    out.put(unknownVillages[(int) ((i / BAD_EVERY) % unknownVillages.length)]);
                    unknownVillage++;
                } else {
                    out.put(villageBytes[village]);
                }
                out.put(',');
                // 隐患单位或部位
                int unitKind = r.nextInt(10);
                if (unitKind < 2) {
                    out.put(villager);
                    out.put(surnames[r.nextInt(surnames.length)]);
                    out.put(mou);
                    out.put(mou);
                    out.put(units[3][0]);
                } else {
                    out.put(unitKind < 6 ? villageStem[village] : brands[r.nextInt(brands.length)]);
                    byte[][] u = units[sector];
                    out.put(u[r.nextInt(u.length)]);
                }
                out.put(',');
                // 统一社会信用代码: present for about a third of the units
                if (unitKind >= 6 && r.nextInt(3) != 0) {
                    out.put(creditPrefix);
                    out.digits(r.nextInt(1_000_000), 6);
                }
                out.put(',');
                // 行业领域
                byte[][] sp = spellings[sector];
                out.put(sp[r.nextInt(4) == 0 ? r.nextInt(sp.length) : 0]);
                out.put(',');
                // 隐患描述: place + text + follow-up; a few carry an ASCII comma and so are quoted
                boolean quoted = r.nextInt(50) == 0;
                if (quoted) {
                    out.put('"');
                }
                out.put(places[r.nextInt(places.length)]);
                byte[][] texts = isMajor ? major[sector] : general[sector];
                out.put(texts[r.nextInt(texts.length)]);
                out.put(followUps[r.nextInt(followUps.length)]);
                if (quoted) {
                    out.put(quotedComma);
                    out.put('"');
                }
                out.put(',');
                // 隐患等级
                out.put(isMajor ? majorLevels[r.nextInt(majorLevels.length)]
                        : generalLevels[r.nextInt(generalLevels.length)]);
                out.put(',');
                // 责任单位
                if (r.nextInt(10) != 0) {
                    out.put(departments[r.nextInt(departments.length)]);
                }
                out.put(',');
                // 检查编号
                if (r.nextInt(5) < 3) {
                    out.put(jc);
                    out.digits(year[found], 4);
                    out.put('-');
                    out.digits(r.nextInt(1_000_000), 6);
                }
                out.put(',');
                // 整改期限, 整改完成日期, 复查验收日期, 销号日期 and 整改状态, consistent with each other
                int deadline = found + 7 + r.nextInt(54);
                int state = r.nextInt(20); // 0-11 closed, 12-14 rectified, 15-17 rectifying, 18-19 open
                int rectifiedOn = found + 1 + r.nextInt(deadline - found + 30);
                int verifiedOn = rectifiedOn + r.nextInt(11);
                int closedOn = verifiedOn + r.nextInt(6);
                if (r.nextInt(7) != 0) {
                    date(out, r, deadline, year, month, dom, dateYear, dateMonth, dateDay);
                }
                out.put(',');
                if (state < 15) {
                    date(out, r, rectifiedOn, year, month, dom, dateYear, dateMonth, dateDay);
                }
                out.put(',');
                if (state < 12) {
                    date(out, r, verifiedOn, year, month, dom, dateYear, dateMonth, dateDay);
                }
                out.put(',');
                if (state < 12) {
                    date(out, r, closedOn, year, month, dom, dateYear, dateMonth, dateDay);
                }
                out.put(',');
                if (r.nextInt(20) != 0) {
                    byte[][] st = state < 12 ? closed : state < 15 ? rectified : state < 18 ? rectifying : open;
                    out.put(st[r.nextInt(st.length)]);
                }
                out.put(',');
                // 整改资金(元): blank, plain, with 元, thousands separator (quoted) or 万元; negative when bad
                if (defect == 3) {
                    out.put('-');
                    out.digits(100 + r.nextInt(9_900), 1);
                    negativeFunds++;
                } else {
                    int form = r.nextInt(10);
                    if (form < 3) {
                        // blank
                    } else if (form < 6) {
                        out.digits(50 * (1 + r.nextInt(100)), 1);
                    } else if (form < 8) {
                        out.digits(100 * (1 + r.nextInt(50)), 1);
                        out.put(yuan);
                    } else if (form < 9) {
                        out.put('"');
                        out.digits(1 + r.nextInt(9), 1);
                        out.put(',');
                        out.digits(r.nextInt(10) * 100, 3);
                        out.put(yuan);
                        out.put('"');
                    } else {
                        out.digits(r.nextInt(5), 1);
                        out.put('.');
                        out.digits(1 + r.nextInt(9), 1);
                        out.put(wanYuan);
                    }
                }
                // 五落实 and 是否公布
                for (int k = 0; k < 6; k++) {
                    out.put(',');
                    boolean v = k == 5 ? r.nextBoolean() : r.nextInt(8) != 0;
                    out.put(v ? yes[r.nextInt(yes.length)] : no[r.nextInt(no.length)]);
                }
                out.endRow();
                if (defect == 0) {
                    lastGoodYear = year[found];
                    lastGoodSeq = i + 1;
                }
            }
        }
        return new Summary(rows, unknownVillage, badDate, negativeFunds, duplicates, Files.size(file));
    }

    /** One date in a form clerks use: 2023-01-03 mostly, else 2023/1/3, 2023.1.3, 2023年1月3日 or 20230103. */
    private static void date(Sink out, SplittableRandom r, int d, int[] year, int[] month, int[] dom, byte[] y,
                             byte[] m, byte[] dd) {
        int form = r.nextInt(20);
        if (form < 12) {
            out.digits(year[d], 4);
            out.put('-');
            out.digits(month[d], 2);
            out.put('-');
            out.digits(dom[d], 2);
        } else if (form < 15) {
            out.digits(year[d], 4);
            out.put('/');
            out.digits(month[d], 1);
            out.put('/');
            out.digits(dom[d], 1);
        } else if (form < 17) {
            out.digits(year[d], 4);
            out.put('.');
            out.digits(month[d], 1);
            out.put('.');
            out.digits(dom[d], 1);
        } else if (form < 19) {
            out.digits(year[d], 4);
            out.put(y);
            out.digits(month[d], 1);
            out.put(m);
            out.digits(dom[d], 1);
            out.put(dd);
        } else {
            out.digits(year[d], 4);
            out.digits(month[d], 2);
            out.digits(dom[d], 2);
        }
    }
}
