package cn.anjian.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** The few random draws the demo town needs, on a seeded {@link SplittableRandom} so a seed gives one town. */
final class Dice {

    private final SplittableRandom random;

    Dice(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream, so one part of the town can change without reshuffling the others. */
    Dice split() {
        return new Dice(random.split());
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** 0 ≤ n < bound. */
    int below(int bound) {
        return random.nextInt(bound);
    }

    /** from ≤ n ≤ to. */
    int between(int from, int to) {
        return random.nextInt(from, to + 1);
    }

    double uniform(double from, double to) {
        return random.nextDouble(from, to);
    }

    /** Days with the given mean, exponentially distributed: most short, a long tail. */
    long exponentialDays(double mean) {
        return Math.round(-mean * Math.log(1 - random.nextDouble()));
    }

    /** Knuth's method; fine for the small means used here. */
    int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    /** Rounds a draw to a step, e.g. 10 yuan. */
    long logUniform(double from, double to, long step) {
        double value = Math.exp(uniform(Math.log(from), Math.log(to)));
        return Math.max(step, Math.round(value / step) * step);
    }

    LocalDate day(LocalDate from, LocalDate to) {
        long span = ChronoUnit.DAYS.between(from, to);
        return span <= 0 ? from : from.plusDays(random.nextLong(span + 1));
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** An item drawn with probability proportional to its weight; null if all weights are zero. */
    <T> T weighted(List<T> items, ToDoubleFunction<T> weight) {
        double total = 0;
        for (T item : items) {
            total += weight.applyAsDouble(item);
        }
        if (total <= 0) {
            return null;
        }
        double r = random.nextDouble(total);
        for (T item : items) {
            r -= weight.applyAsDouble(item);
            if (r < 0) {
                return item;
            }
        }
        return items.get(items.size() - 1);
    }
}
