package cn.anjian.demo;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Map;

/**
 * The invented town the demo data describes: 霍山县诸佛庵镇 with its villages and communities, and the words its
 * ledgers are written in. Names of villages, enterprises and people are made up; the code spellings (sectors,
 * departments, inspection types, actions, levels, statuses) are the Chinese names of
 * {@code sql/reference/R010__codes.sql} or {@code etl/codes.yaml} and must stay spellings those files accept.
 */
final class DemoTown {

    static final String COUNTY_CODE = "341525000000";
    static final String COUNTY_NAME = "霍山县";
    static final String TOWN_CODE = "341525106000";
    static final String TOWN_NAME = "诸佛庵镇";

    /** The day a village was merged into a neighbour; nothing is recorded under its own name from this day on. */
    static final LocalDate MERGE_DATE = LocalDate.of(2024, 7, 1);

    /**
     * One village or community. Statistical codes follow the national convention: 0xx for residents' committees
     * (社区), 2xx for villagers' committees (村).
     */
    record Village(String code, String name, boolean community, String mergedInto, int size) {

        String shortName() {
            return name.replaceAll("(村|社区)$", "");
        }

        String level() {
            return community ? "社区" : "村";
        }

        boolean merged() {
            return mergedInto != null;
        }

        /** Whether the village still keeps its own ledgers on the given day. */
        boolean activeOn(LocalDate day) {
            return mergedInto == null || day.isBefore(MERGE_DATE);
        }
    }

    /** size: relative number of enterprises and households (the town seat is busiest). */
    static final List<Village> VILLAGES = List.of(
            new Village("341525106001", "漫水河社区", true, null, 5),
            new Village("341525106002", "新街社区", true, null, 6),
            new Village("341525106003", "东淠社区", true, null, 4),
            new Village("341525106201", "诸佛庵村", false, null, 4),
            new Village("341525106202", "黄巢寺村", false, null, 3),
            new Village("341525106203", "白莲岩村", false, null, 3),
            new Village("341525106204", "竹林冲村", false, null, 2),
            new Village("341525106205", "仙人冲村", false, "341525106204", 1),
            new Village("341525106206", "茶园村", false, null, 3),
            new Village("341525106207", "龙潭村", false, null, 2),
            new Village("341525106208", "石家河村", false, null, 2),
            new Village("341525106209", "杨柳岗村", false, null, 2),
            new Village("341525106210", "桃源村", false, null, 2),
            new Village("341525106211", "松林村", false, null, 2),
            new Village("341525106212", "青山村", false, null, 2),
            new Village("341525106213", "双河村", false, null, 2),
            new Village("341525106214", "金竹坪村", false, null, 2),
            new Village("341525106215", "枫树湾村", false, null, 2),
            new Village("341525106216", "长岭村", false, null, 2),
            new Village("341525106217", "高桥村", false, null, 2));

    /** Villages whose monthly-check ledger has gaps, so the compliance dashboards have someone to point at. */
    static final String OFTEN_MISSES = "石家河村";
    static final String MISSED_A_SUMMER = "高桥村";
    static final String BEHIND_LATELY = "松林村";

    static Village village(String code) {
        return VILLAGES.stream().filter(v -> v.code().equals(code)).findFirst().orElseThrow();
    }

    // Sector names as in dim_sector.name_zh.
    static final String FIRE = "消防";
    static final String ROAD = "道路交通";
    static final String GAS = "城镇燃气";
    static final String HOUSING = "自建房";
    static final String FOREST = "森林防火";
    static final String CONSTRUCTION = "建筑施工";
    static final String HAZCHEM = "危险化学品";
    static final String EQUIPMENT = "特种设备";
    static final String INDUSTRY = "工贸";
    static final String TOURISM = "旅游";
    static final String OTHER = "其他";
    static final List<String> SECTORS = List.of(FIRE, ROAD, GAS, HOUSING, FOREST, CONSTRUCTION, HAZCHEM, EQUIPMENT,
            INDUSTRY, TOURISM, OTHER);

    // Department names as in dim_department.name_zh.
    static final String SAFETY_OFFICE = "安监所";
    static final String POLICE = "派出所";
    static final String ENFORCEMENT_BRANCH = "执法分局";
    static final String CIVIL_AFFAIRS = "民政办";
    static final String PROJECT_OFFICE = "项目办";
    static final String MARKET_REGULATION = "市场监管所";
    static final String URBAN_CONSTRUCTION = "城建办";
    static final String AGRI_STATION = "农综站";
    static final String FORESTRY_STATION = "林业站";

    /** The sectors each department supervises (the town's 安全生产工作职责规定). */
    static final Map<String, List<String>> DEPARTMENT_SECTORS = Map.of(
            SAFETY_OFFICE, List.of(INDUSTRY, HAZCHEM, CONSTRUCTION, FIRE, GAS, EQUIPMENT, TOURISM, OTHER),
            POLICE, List.of(ROAD, HAZCHEM, FIRE),
            ENFORCEMENT_BRANCH, List.of(GAS, FIRE, INDUSTRY, ROAD),
            CIVIL_AFFAIRS, List.of(FIRE, HOUSING),
            PROJECT_OFFICE, List.of(CONSTRUCTION),
            MARKET_REGULATION, List.of(EQUIPMENT, GAS, FIRE, INDUSTRY, TOURISM),
            URBAN_CONSTRUCTION, List.of(HOUSING, CONSTRUCTION, GAS),
            AGRI_STATION, List.of(OTHER, TOURISM, INDUSTRY),
            FORESTRY_STATION, List.of(FOREST));
    static final List<String> DEPARTMENTS = List.of(SAFETY_OFFICE, POLICE, ENFORCEMENT_BRANCH, CIVIL_AFFAIRS,
            PROJECT_OFFICE, MARKET_REGULATION, URBAN_CONSTRUCTION, AGRI_STATION, FORESTRY_STATION);

    // Inspection types as in dim_inspection_type.name_zh.
    static final String ROUTINE = "日常巡查";
    static final String MONTHLY = "月度排查";
    static final String KEY_DATE = "节点检查";
    static final String DISASTER = "灾害天气检查";
    static final String POST_ACCIDENT = "举一反三排查";
    static final String DOUBLE_RANDOM = "双随机抽查";
    static final String COVERT = "明查暗访";
    static final String DOOR_KNOCK = "敲门行动";
    static final String SELF_CHECK = "企业自查";

    // Enforcement actions as in dim_enforcement_action.name_zh.
    static final String REMINDER = "首查服务提醒";
    static final String WARNING = "再查警告警示";
    static final String PENALTY = "三查依法查处";
    static final String INTERVIEW = "约谈";
    static final String NOTICE = "通报";
    static final String SUSPENSION = "责令停产停业整顿";
    static final String CLOSURE = "关闭取缔";
    static final String BLACKLIST = "纳入黑名单";

    static final String YES = "是";
    static final String NO = "否";
    static final String GENERAL_HAZARD = "一般隐患";
    static final String MAJOR_HAZARD = "重大隐患";
    static final String OPEN = "待整改";
    static final String RECTIFYING = "整改中";
    static final String RECTIFIED = "已整改";
    static final String CLOSED = "已销号";
    static final String GENERAL_ACCIDENT = "一般事故";

    static final String ABOVE_SCALE = "规上企业";
    static final String SME = "中小企业";
    static final String MICRO = "小微企业";
    static final String SHOP = "门店作坊";
    static final List<String> SCALES_UPWARD = List.of(SHOP, MICRO, SME, ABOVE_SCALE);

    /** How an enterprise name is built and which scales it comes in. */
    enum Form { COMPANY, WORKS, SHOP, COOPERATIVE, HOUSE }

    /**
     * One kind of business: its sector, name ending, form, share of the town's units, and whether it is a
     * high-risk industry or a crowded place (probabilities).
     */
    record BusinessKind(String sector, String suffix, Form form, double share, double highRisk, double crowded) {
    }

    static final List<BusinessKind> BUSINESS_KINDS = List.of(
            new BusinessKind(INDUSTRY, "茶业有限公司", Form.COMPANY, 6, 0, 0),
            new BusinessKind(INDUSTRY, "茶厂", Form.WORKS, 6, 0, 0),
            new BusinessKind(INDUSTRY, "竹木制品厂", Form.WORKS, 4, 0.2, 0),
            new BusinessKind(INDUSTRY, "竹业有限公司", Form.COMPANY, 2, 0.2, 0),
            new BusinessKind(INDUSTRY, "农产品加工厂", Form.WORKS, 2, 0, 0),
            new BusinessKind(INDUSTRY, "石斛生物科技有限公司", Form.COMPANY, 1.5, 0, 0),
            new BusinessKind(TOURISM, "农家乐", Form.SHOP, 6, 0, 0.6),
            new BusinessKind(TOURISM, "民宿", Form.SHOP, 3, 0, 0.5),
            new BusinessKind(TOURISM, "山庄", Form.WORKS, 2, 0, 0.8),
            new BusinessKind(TOURISM, "旅游开发有限公司", Form.COMPANY, 1, 0, 1),
            new BusinessKind(FIRE, "超市", Form.SHOP, 4, 0, 1),
            new BusinessKind(FIRE, "便利店", Form.SHOP, 4, 0, 0.2),
            new BusinessKind(FIRE, "饭店", Form.SHOP, 4, 0, 1),
            new BusinessKind(FIRE, "宾馆", Form.SHOP, 2, 0, 1),
            new BusinessKind(FIRE, "电动车行", Form.SHOP, 2, 0, 0),
            new BusinessKind(FIRE, "网吧", Form.SHOP, 1, 0, 1),
            new BusinessKind(FIRE, "家具城", Form.SHOP, 1, 0, 1),
            new BusinessKind(GAS, "液化气供应站", Form.WORKS, 2, 0.5, 0),
            new BusinessKind(GAS, "燃气有限公司", Form.COMPANY, 1, 0.5, 0),
            new BusinessKind(GAS, "瓶装液化气销售点", Form.SHOP, 1, 0, 0),
            new BusinessKind(HAZCHEM, "加油站", Form.WORKS, 2, 1, 0),
            new BusinessKind(HAZCHEM, "烟花爆竹零售点", Form.SHOP, 2, 1, 0),
            new BusinessKind(HAZCHEM, "农资店", Form.SHOP, 1, 0.3, 0),
            new BusinessKind(CONSTRUCTION, "建筑工程有限公司", Form.COMPANY, 4, 1, 0),
            new BusinessKind(CONSTRUCTION, "建筑劳务有限公司", Form.COMPANY, 2, 1, 0),
            new BusinessKind(CONSTRUCTION, "装饰工程有限公司", Form.COMPANY, 2, 0.5, 0),
            new BusinessKind(ROAD, "运输有限公司", Form.COMPANY, 3, 1, 0),
            new BusinessKind(ROAD, "客运有限公司", Form.COMPANY, 1, 1, 0),
            new BusinessKind(ROAD, "物流有限公司", Form.COMPANY, 1, 0.5, 0),
            new BusinessKind(EQUIPMENT, "机械设备租赁有限公司", Form.COMPANY, 1.5, 0.3, 0),
            new BusinessKind(EQUIPMENT, "气体经销部", Form.SHOP, 1.5, 0.3, 0),
            new BusinessKind(HOUSING, "经营性自建房", Form.HOUSE, 7, 0, 0.3),
            new BusinessKind(FOREST, "林场", Form.WORKS, 1.5, 0, 0),
            new BusinessKind(FOREST, "林业专业合作社", Form.COOPERATIVE, 1.5, 0, 0),
            new BusinessKind(OTHER, "水电站", Form.WORKS, 6, 0.3, 0),
            new BusinessKind(OTHER, "农机专业合作社", Form.COOPERATIVE, 3, 0, 0),
            new BusinessKind(OTHER, "砂石有限公司", Form.COMPANY, 2, 1, 0),
            new BusinessKind(OTHER, "石斛专业合作社", Form.COOPERATIVE, 2, 0, 0));

    /** Trade names (字号). */
    static final List<String> TRADE_NAMES = List.of(
            "佛庵", "黄芽", "云雾", "淠源", "青峰", "竹海", "仙岭", "碧溪", "山泉", "兴旺", "宏达", "鑫源", "恒通", "顺发",
            "福源", "康宁", "瑞丰", "金穗", "润泽", "大别", "皖西", "华康", "永安", "泰和", "晨阳", "绿源", "丰茂", "雨露",
            "金茶", "翠峰", "云顶", "松涛", "白莲", "凤栖", "溪谷", "汇通", "佳和", "盛世", "明月", "春晖", "兰香", "岭秀",
            "清源", "安泰", "利民", "德昌", "和顺", "远航", "天成", "嘉禾", "长青", "鸿运", "万家", "众兴", "新宇", "东升",
            "茗峰", "雾里", "溪畔", "山水");

    static final List<String> SURNAMES = List.of(
            "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "何", "郭", "程",
            "储", "汪", "余", "方", "夏", "江", "丁", "彭", "潘", "叶", "蒋", "金", "吕", "戴", "许", "陶", "邓", "操");

    static final List<String> GIVEN_NAME_CHARS = List.of(
            "国", "华", "明", "建", "军", "平", "志", "文", "德", "春", "秀", "兰", "英", "芳", "红", "伟", "强", "勇",
            "海", "林", "松", "宏", "玉", "梅", "成", "发", "友", "山", "长", "永", "祥", "福", "家", "宝", "珍", "俊");

    /** Endings of hamlet (村民组) names in the Dabie mountains. */
    static final List<String> HAMLET_ENDINGS = List.of("湾", "冲", "畈", "岭", "河", "坪", "塝", "岗", "庄", "洼");

    static final List<String> FOREST_PLACES = List.of("林区", "山场", "防火林带", "公益林", "茶山林缘");
    static final List<String> ROADS = List.of("S318省道", "村道", "通村公路", "旅游公路", "乡道Y007");

    /**
     * Hazard descriptions per sector: general ones, then the few that are major hazards (重大事故隐患) by nature.
     */
    record HazardTexts(List<String> general, List<String> major) {
    }

    static final Map<String, HazardTexts> HAZARD_TEXTS = Map.ofEntries(
            Map.entry(FIRE, new HazardTexts(List.of(
                    "灭火器压力不足", "灭火器过期未检", "疏散通道堆放杂物", "安全出口指示灯损坏", "应急照明灯不亮",
                    "电动自行车在楼道内充电", "私拉乱接电线", "电气线路老化未穿管保护", "消防栓被遮挡",
                    "员工不会使用灭火器", "厨房油烟管道未清洗", "住人与经营场所未有效分隔"), List.of(
                    "人员密集场所安全出口被封堵", "经营场所设置员工宿舍且未分隔（三合一）"))),
            Map.entry(ROAD, new HazardTexts(List.of(
                    "临崖临水路段缺少护栏", "急弯处未设置警示标志", "农用车违法载人", "校车停靠点标志缺失",
                    "道路边坡有落石风险", "车辆超期未年检", "驾驶员未按时参加安全教育", "减速带损坏"), List.of(
                    "客运车辆超员且驾驶员资质不符"))),
            Map.entry(GAS, new HazardTexts(List.of(
                    "未安装燃气泄漏报警装置", "燃气软管老化超期使用", "液化气钢瓶与灶具间距不足", "钢瓶倒置或卧放使用",
                    "使用无合格标识钢瓶", "燃气管道穿越卧室", "未安装熄火保护装置", "使用非标减压阀"), List.of(
                    "液化气供应站储存超量且安全间距不足", "餐饮场所在地下室使用瓶装液化气"))),
            Map.entry(HOUSING, new HazardTexts(List.of(
                    "房屋墙体出现裂缝", "擅自加层改建", "屋面漏水木梁腐朽", "经营性自建房未开展安全鉴定",
                    "房屋周边边坡未支护", "外墙瓷砖空鼓有脱落风险", "底层改作经营未办理手续"), List.of(
                    "经营性自建房承重结构严重开裂（鉴定为D级危房）仍在经营", "擅自拆改承重墙致房屋倾斜"))),
            Map.entry(FOREST, new HazardTexts(List.of(
                    "林区内野外用火", "祭扫点未落实防火措施", "防火宣传标识缺失", "护林员未到岗巡查",
                    "林缘焚烧秸秆杂草", "防火隔离带杂草未清理", "扑火工具不足", "进山路口未设检查卡点"), List.of(
                    "林区内违规建设生产用火设施"))),
            Map.entry(CONSTRUCTION, new HazardTexts(List.of(
                    "高处作业未系安全带", "脚手架搭设不规范", "临时用电未做到一机一闸一漏", "施工现场未设置安全警示标志",
                    "特种作业人员无证上岗", "基坑临边防护缺失", "安全技术交底记录缺失", "工人未佩戴安全帽"), List.of(
                    "深基坑开挖无支护且未编制专项方案", "高支模未经论证即施工"))),
            Map.entry(HAZCHEM, new HazardTexts(List.of(
                    "油罐区静电接地不良", "危险化学品台账不全", "烟花爆竹超量存放", "农药与食品混存混放",
                    "卸油作业无人监护", "防爆电器损坏未更换", "从业人员未经培训上岗"), List.of(
                    "加油站埋地油罐渗漏未处置", "烟花爆竹零售点设在居民住宅内"))),
            Map.entry(EQUIPMENT, new HazardTexts(List.of(
                    "电梯超期未检验", "锅炉操作人员无证上岗", "气瓶未定期检验", "叉车未办理使用登记",
                    "压力表未校验", "起重机械限位装置失效"), List.of(
                    "锅炉安全阀失效仍在运行"))),
            Map.entry(INDUSTRY, new HazardTexts(List.of(
                    "茶叶加工机械防护罩缺失", "车间粉尘清扫不及时", "有限空间作业未审批", "电气线路老化",
                    "员工未佩戴劳动防护用品", "安全生产责任制未建立", "应急预案未演练", "竹木加工设备无安全防护"), List.of(
                    "粉尘涉爆车间除尘系统不符合要求", "有限空间作业未通风检测致多人作业"))),
            Map.entry(TOURISM, new HazardTexts(List.of(
                    "厨房燃气管道老化", "临水临崖处护栏缺失", "游步道安全警示标志缺失", "客房未配备逃生面具",
                    "漂流救生设备不足", "游客超员未限流"), List.of(
                    "景区栈道承重结构损坏仍对外开放"))),
            Map.entry(OTHER, new HazardTexts(List.of(
                    "水电站压力管道渗漏", "山塘水库未设警示标牌", "农机具带病作业", "变压器周边杂物堆积",
                    "采砂现场未设警示标志", "防汛物资储备不足"), List.of(
                    "水电站大坝渗漏未处置"))));

    /** Spring Festival and Qingming days 2022–2035, as in sql/reference/R020__calendar.sql. */
    static final Map<Integer, LocalDate> SPRING_FESTIVAL = Map.ofEntries(
            Map.entry(2022, LocalDate.of(2022, 2, 1)), Map.entry(2023, LocalDate.of(2023, 1, 22)),
            Map.entry(2024, LocalDate.of(2024, 2, 10)), Map.entry(2025, LocalDate.of(2025, 1, 29)),
            Map.entry(2026, LocalDate.of(2026, 2, 17)), Map.entry(2027, LocalDate.of(2027, 2, 6)),
            Map.entry(2028, LocalDate.of(2028, 1, 26)), Map.entry(2029, LocalDate.of(2029, 2, 13)),
            Map.entry(2030, LocalDate.of(2030, 2, 3)), Map.entry(2031, LocalDate.of(2031, 1, 23)),
            Map.entry(2032, LocalDate.of(2032, 2, 11)), Map.entry(2033, LocalDate.of(2033, 1, 31)),
            Map.entry(2034, LocalDate.of(2034, 2, 19)), Map.entry(2035, LocalDate.of(2035, 2, 8)));
    static final Map<Integer, LocalDate> QINGMING = Map.ofEntries(
            Map.entry(2022, LocalDate.of(2022, 4, 5)), Map.entry(2023, LocalDate.of(2023, 4, 5)),
            Map.entry(2024, LocalDate.of(2024, 4, 4)), Map.entry(2025, LocalDate.of(2025, 4, 4)),
            Map.entry(2026, LocalDate.of(2026, 4, 5)), Map.entry(2027, LocalDate.of(2027, 4, 5)),
            Map.entry(2028, LocalDate.of(2028, 4, 4)), Map.entry(2029, LocalDate.of(2029, 4, 4)),
            Map.entry(2030, LocalDate.of(2030, 4, 5)), Map.entry(2031, LocalDate.of(2031, 4, 5)),
            Map.entry(2032, LocalDate.of(2032, 4, 4)), Map.entry(2033, LocalDate.of(2033, 4, 4)),
            Map.entry(2034, LocalDate.of(2034, 4, 5)), Map.entry(2035, LocalDate.of(2035, 4, 5)));

    /** A holiday's run-up and days, when key-date inspections happen (the key periods of R020__calendar.sql). */
    record KeyPeriod(String name, LocalDate from, LocalDate holiday, LocalDate to) {

        boolean contains(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    static List<KeyPeriod> keyPeriods(int year) {
        LocalDate spring = SPRING_FESTIVAL.getOrDefault(year, LocalDate.of(year, Month.FEBRUARY, 1));
        LocalDate qingming = QINGMING.getOrDefault(year, LocalDate.of(year, Month.APRIL, 4));
        LocalDate newYear = LocalDate.of(year, 1, 1);
        return List.of(
                new KeyPeriod("元旦", newYear.minusDays(7), newYear, newYear.plusDays(2)),
                new KeyPeriod("春节", spring.minusDays(10), spring, spring.plusDays(7)),
                new KeyPeriod("清明", qingming.minusDays(5), qingming, qingming.plusDays(2)),
                new KeyPeriod("五一", LocalDate.of(year, 4, 24), LocalDate.of(year, 5, 1), LocalDate.of(year, 5, 5)),
                new KeyPeriod("国庆", LocalDate.of(year, 9, 24), LocalDate.of(year, 10, 1), LocalDate.of(year, 10, 7)));
    }

    /**
     * Typical accidents elsewhere that set off town-wide 举一反三 sweeps: the day, the sector swept, and the note
     * the ledgers carry.
     */
    record Lesson(LocalDate day, String sector, String note) {
    }

    static final List<Lesson> LESSONS = List.of(
            new Lesson(LocalDate.of(2022, 5, 3), HOUSING, "汲取外地自建房倒塌事故教训，开展自建房安全专项排查"),
            new Lesson(LocalDate.of(2023, 4, 20), FIRE, "汲取外地医院火灾事故教训，举一反三排查人员密集场所"),
            new Lesson(LocalDate.of(2023, 6, 23), GAS, "汲取外地餐饮场所燃气爆炸事故教训，开展燃气安全专项整治"),
            new Lesson(LocalDate.of(2023, 11, 20), FIRE, "汲取外地企业火灾事故教训，举一反三排查消防隐患"),
            new Lesson(LocalDate.of(2024, 1, 26), FIRE, "汲取外地沿街门店火灾事故教训，排查三合一场所"),
            new Lesson(LocalDate.of(2024, 3, 15), GAS, "汲取外地燃气爆炸事故教训，排查餐饮场所燃气使用"),
            new Lesson(LocalDate.of(2025, 5, 6), TOURISM, "汲取外地景区安全事故教训，排查旅游景区和农家乐"));

    private DemoTown() {
    }
}
