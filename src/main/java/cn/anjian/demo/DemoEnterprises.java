package cn.anjian.demo;

import static cn.anjian.demo.DemoTown.*;
import static cn.anjian.demo.DemoTownSimulation.START;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.anjian.demo.DemoTownSimulation.Enterprise;
import cn.anjian.demo.DemoTownSimulation.Version;

/**
 * The demo town's production and business units: about 300 at scale 1, of every kind and scale, with plausible
 * names and unified social credit codes, their flags, and their type-2 history (growing a scale step, becoming a
 * key enterprise, moving to the neighbour village when their village is merged).
 */
final class DemoEnterprises {

    private final Dice dice;
    private final DemoPeople people;
    private final double scale;
    private final LocalDate asOf;
    private final Set<String> names = new HashSet<>();

    DemoEnterprises(Dice dice, DemoPeople people, double scale, LocalDate asOf) {
        this.dice = dice;
        this.people = people;
        this.scale = scale;
        this.asOf = asOf;
    }

    List<Enterprise> create() {
        int count = Math.max(12, (int) Math.round(300 * scale));
        List<Enterprise> enterprises = new ArrayList<>(count);
        for (int id = 1; id <= count; id++) {
            enterprises.add(create(id));
        }
        return enterprises;
    }

    private Enterprise create(int id) {
        BusinessKind kind = dice.weighted(BUSINESS_KINDS, BusinessKind::share);
        Village village = dice.weighted(VILLAGES, v -> v.size() * (kind.sector().equals(TOURISM)
                && v.name().equals("白莲岩村") ? 4 : 1));
        String size = scaleOf(kind.form());
        boolean highRisk = dice.chance(kind.highRisk());
        boolean crowded = dice.chance(kind.crowded());
        boolean key = size.equals(ABOVE_SCALE)
                || highRisk && !size.equals(SHOP) && dice.chance(0.6)
                || crowded && !size.equals(SHOP) && dice.chance(0.3)
                || dice.chance(0.02);
        LocalDate latestNew = asOf.minusDays(90);
        LocalDate since = dice.chance(0.85) || latestNew.isBefore(START.plusMonths(1))
                ? dice.day(LocalDate.of(2005, 1, 1), LocalDate.of(2021, 12, 31))
                : dice.day(START.plusMonths(1), latestNew);
        if (village.merged() && !since.isBefore(MERGE_DATE)) {
            village = DemoTown.village(village.mergedInto());
        }
        String name = name(kind, village);
        String address = TOWN_NAME + village.name() + people.hamlet(village)
                + (village.community() ? dice.between(1, 88) + "号" : "");
        List<Version> versions = history(new Version(since, village, size, key));
        return new Enterprise(id, creditCode(kind.form()), name, kind.sector(), kind.form(), highRisk, crowded,
                address, people.person(), dice.chance(0.08), versions);
    }

    private String scaleOf(Form form) {
        double r = dice.uniform(0, 1);
        return switch (form) {
            case COMPANY -> r < 0.14 ? ABOVE_SCALE : r < 0.64 ? SME : MICRO;
            case WORKS -> r < 0.25 ? SME : r < 0.85 ? MICRO : SHOP;
            case COOPERATIVE -> r < 0.2 ? SME : MICRO;
            case SHOP -> r < 0.2 ? MICRO : SHOP;
            case HOUSE -> SHOP;
        };
    }

    /** Growth (a scale step up), promotion to key enterprise, and the village merger, as later versions. */
    private List<Version> history(Version first) {
        List<Version> versions = new ArrayList<>(List.of(first));
        LocalDate since = first.from();
        int step = SCALES_UPWARD.indexOf(first.scale());
        LocalDate growth = null;
        if (dice.chance(0.06) && step >= 1 && step < 3) {
            growth = dice.day(LocalDate.of(2023, 1, 1), LocalDate.of(2025, 12, 31));
        }
        LocalDate promotion = null;
        if (!first.key() && dice.chance(0.03)) {
            promotion = LocalDate.of(2023 + dice.below(3), 1, 1);
        }
        LocalDate merger = first.village().merged() ? MERGE_DATE : null;
        List<LocalDate> changes = new ArrayList<>();
        for (LocalDate d : new LocalDate[] {growth, promotion, merger}) {
            if (d == null) {
                continue;
            }
            boolean settled = d == merger ? d.isAfter(since) : d.isAfter(since.plusDays(180));
            if (settled && !d.isAfter(asOf) && !changes.contains(d)) {
                changes.add(d);
            }
        }
        changes.sort(Comparator.naturalOrder());
        for (LocalDate d : changes) {
            Version last = versions.get(versions.size() - 1);
            Village village = d.equals(merger) ? DemoTown.village(last.village().mergedInto()) : last.village();
            String size = d.equals(growth) ? SCALES_UPWARD.get(SCALES_UPWARD.indexOf(last.scale()) + 1)
                    : last.scale();
            boolean key = last.key() || d.equals(promotion) || size.equals(ABOVE_SCALE);
            versions.add(new Version(d, village, size, key));
        }
        return List.copyOf(versions);
    }

    private String name(BusinessKind kind, Village village) {
        for (int attempt = 0; ; attempt++) {
            String trade = dice.pick(TRADE_NAMES);
            String name = switch (kind.form()) {
                case COMPANY, COOPERATIVE -> COUNTY_NAME + trade + kind.suffix();
                case WORKS -> dice.chance(0.5) ? village.shortName() + kind.suffix()
                        : COUNTY_NAME + TOWN_NAME + trade + kind.suffix();
                case SHOP -> switch (dice.below(3)) {
                    case 0 -> dice.pick(SURNAMES) + "记" + kind.suffix();
                    case 1 -> village.shortName() + kind.suffix();
                    default -> trade + kind.suffix();
                };
                case HOUSE -> village.name() + people.person() + kind.suffix();
            };
            if (attempt > 20) {
                name = name + "（" + (attempt - 19) + "）";
            }
            if (names.add(name)) {
                return name;
            }
        }
    }

    /**
     * An 18-character unified social credit code (GB 32100-2015) with valid check characters: registration
     * authority and type (91 enterprise, 92 individual business, 93 farmers' cooperative), the county's division
     * code, a 9-character organization code (GB 11714, new-style "MA…"), and the check character.
     * Households listed by owner have none.
     */
    private String creditCode(Form form) {
        if (form == Form.HOUSE) {
            return null;
        }
        String type = switch (form) {
            case SHOP -> "92";
            case COOPERATIVE -> "93";
            default -> "91";
        };
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder org = new StringBuilder("MA");
        while (org.length() < 8) {
            org.append(alphabet.charAt(dice.below(alphabet.length())));
        }
        int[] orgWeights = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = org.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * orgWeights[i];
        }
        int orgCheck = 11 - sum % 11;
        org.append(orgCheck == 10 ? 'X' : orgCheck == 11 ? '0' : (char) ('0' + orgCheck));
        String body = type + "341525" + org;
        int total = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            total += alphabet.indexOf(body.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        int check = (31 - total % 31) % 31;
        return body + alphabet.charAt(check);
    }
}
