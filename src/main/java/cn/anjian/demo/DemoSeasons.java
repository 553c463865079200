package cn.anjian.demo;

import static cn.anjian.demo.DemoTown.*;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The supervision year's rhythm: how much attention each sector gets on a day (seasons, holidays, campaigns), how
 * many hazards a check finds then, and the slow trend over the years. Attention is asked for every candidate target
 * of every inspection, so it is cached by day.
 */
final class DemoSeasons {

    private final Map<LocalDate, double[]> byDay = new HashMap<>();

    /** Relative attention a sector gets on a day; used to pick what is checked. */
    double attention(String sector, LocalDate day) {
        double[] weights = byDay.computeIfAbsent(day, d -> {
            double[] w = new double[SECTORS.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = attentionOf(SECTORS.get(i), d);
            }
            return w;
        });
        return weights[SECTORS.indexOf(sector)];
    }

    /**
     * Forest fire in Oct–Apr and more so around 春节/清明; town gas in winter and during mid-2023's campaign after a
     * gas explosion elsewhere; self-built housing from the national drive of May 2022, highest until 2023; road
     * traffic around holidays; fireworks (hazardous chemicals) before Spring Festival; tea processing in spring;
     * tourism in summer and golden weeks; reservoirs and hydropower in the flood season; fire all year.
     */
    static double attentionOf(String sector, LocalDate day) {
        int m = day.getMonthValue();
        boolean winter = m >= 11 || m <= 3;
        boolean flood = m >= 6 && m <= 8;
        boolean holiday = keyPeriods(day.getYear()).stream().anyMatch(p -> p.contains(day))
                || keyPeriods(day.getYear() + 1).stream().anyMatch(p -> p.contains(day));
        boolean springOrQingming = keyPeriods(day.getYear()).stream()
                .filter(p -> p.name().equals("春节") || p.name().equals("清明"))
                .anyMatch(p -> !day.isBefore(p.from().minusDays(5)) && !day.isAfter(p.to()));
        return switch (sector) {
            case FIRE -> winter ? 1.3 : 1.0;
            case ROAD -> holiday ? 1.5 : 0.6;
            case GAS -> (winter ? 1.2 : 0.35)
                    * (day.isAfter(LocalDate.of(2023, 6, 21)) && day.isBefore(LocalDate.of(2023, 10, 1)) ? 3 : 1);
            case HOUSING -> (day.isBefore(LocalDate.of(2022, 5, 1)) ? 0.15
                    : day.isBefore(LocalDate.of(2024, 1, 1)) ? 1.3 : 0.7) * (flood ? 1.3 : 1);
            case FOREST -> (m >= 10 || m <= 4 ? 1.4 : 0.08) * (springOrQingming ? 2.5 : 1);
            case CONSTRUCTION -> m >= 3 && m <= 11 ? 0.5 : 0.25;
            case HAZCHEM -> springOrQingming && m <= 2 ? 0.75 : 0.25;
            case EQUIPMENT -> 0.2;
            case INDUSTRY -> m >= 4 && m <= 6 ? 0.75 : 0.5;
            case TOURISM -> m == 7 || m == 8 || holiday && (m == 5 || m == 10) ? 0.7 : 0.35;
            default -> flood ? 0.55 : 0.3;
        };
    }

    /** Hazards found per check rise and fall with the same seasons, less steeply. */
    static double hazardFactor(String sector, LocalDate day) {
        int m = day.getMonthValue();
        return switch (sector) {
            case FOREST -> m >= 10 || m <= 4 ? 1.0 : 0.3;
            case GAS -> m >= 11 || m <= 3 ? 1.2 : 0.8;
            default -> 1.0;
        };
    }

    /** The campaign years find the most; later years find fewer as supervision bites. */
    static double trend(int year) {
        return switch (year) {
            case 2022 -> 1.15;
            case 2023 -> 1.1;
            case 2024 -> 0.95;
            case 2025 -> 0.85;
            default -> 0.8;
        };
    }
}
