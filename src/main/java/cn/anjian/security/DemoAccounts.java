package cn.anjian.security;

import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import static cn.anjian.jooq.Tables.DIM_REGION;

/**
 * The demo profile's accounts: an administrator, a leader of the county when the demo county has more than one town,
 * a leader of the demo town and cadres of its first two villages,
 * with published passwords that the login page shows under "演示账号". Created after the demo town has loaded
 * (on {@link ApplicationReadyEvent}, after every runner), from the village codes in {@code dim_region}. Started
 * without the demo profile, the app disables them instead: a published password must never open a real warehouse.
 */
@Component
class DemoAccounts {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final boolean demo;
    private final UserAccounts accounts;
    private final DSLContext dsl;
    private final AuditLog audit;
    private volatile List<Shown> shown = List.of();

    DemoAccounts(Environment environment, UserAccounts accounts, DSLContext dsl, AuditLog audit) {
        this.demo = environment.getProperty("anjian.demo.enabled", Boolean.class, false);
        this.accounts = accounts;
        this.dsl = dsl;
        this.audit = audit;
    }

    /** What the login page lists; empty outside the demo profile. */
    List<Shown> shown() {
        return shown;
    }

    boolean demo() {
        return demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (!demo) {
            int disabled = accounts.disableDemoAccounts();
            if (disabled > 0) {
                log.warn("Disabled {} demo accounts: the app was started without the demo profile", disabled);
                audit.record("system", "USER_DISABLE", AuditLog.SUCCESS, "demo accounts",
                        "非演示模式启动，停用 " + disabled + " 个演示账号");
            }
            return;
        }
        var villages = dsl.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME, DIM_REGION.TOWN_CODE)
                .from(DIM_REGION)
                .where(DIM_REGION.IS_DEMO.isTrue(), DIM_REGION.REGION_LEVEL.eq("village"), DIM_REGION.IS_COMMUNITY.isFalse(),
                        DIM_REGION.MERGED_INTO.isNull())
                .orderBy(DIM_REGION.REGION_CODE)
                .limit(2)
                .fetch();
        List<Shown> list = new ArrayList<>();
        list.add(ensure("admin", "演示管理员", "demo-admin", Role.ADMIN, null, null));
        if (villages.isEmpty()) {
            log.warn("No demo villages in dim_region: only the demo administrator was created");
        } else {
            String town = villages.get(0).value3();
            String townName = dsl.select(DIM_REGION.REGION_NAME).from(DIM_REGION)
                    .where(DIM_REGION.REGION_CODE.eq(town)).fetchOptional(DIM_REGION.REGION_NAME).orElse(town);
            county(town).ifPresent(list::add);
            list.add(ensure("leader", "演示镇领导", "demo-leader", Role.LEADER, town, townName));
            for (int i = 0; i < villages.size(); i++) {
                var v = villages.get(i);
                list.add(ensure("village" + (i + 1), v.value2() + "演示干部", "demo-village" + (i + 1), Role.VILLAGE,
                        v.value1(), v.value2()));
            }
        }
        shown = List.copyOf(list);
        log.info("Demo accounts ready: {}", list.stream().map(Shown::username).toList());
    }

    /**
     * A county leader, when the demo county has more than one town (anjian.demo.towns): the county's comparison of
     * its towns and its assessment of them are only worth showing then.
     */
    private java.util.Optional<Shown> county(String town) {
        int towns = dsl.fetchCount(DIM_REGION, DIM_REGION.IS_DEMO.isTrue(), DIM_REGION.REGION_LEVEL.eq("town"),
                DIM_REGION.MERGED_INTO.isNull());
        String county = dsl.select(DIM_REGION.COUNTY_CODE).from(DIM_REGION).where(DIM_REGION.REGION_CODE.eq(town))
                .fetchOptional(DIM_REGION.COUNTY_CODE).orElse(null);
        if (towns < 2 || county == null) {
            return java.util.Optional.empty();
        }
        String countyName = dsl.select(DIM_REGION.REGION_NAME).from(DIM_REGION)
                .where(DIM_REGION.REGION_CODE.eq(county)).fetchOptional(DIM_REGION.REGION_NAME).orElse(county);
        return java.util.Optional.of(ensure("county", "演示县领导", "demo-county", Role.LEADER, county, countyName));
    }

    private Shown ensure(String username, String displayName, String password, Role role, String code,
                         String scopeName) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, displayName, password, role, code == null ? List.of() : List.of(code), "demo",
                    true);
        } else {
            accounts.enable(username);
        }
        return new Shown(username, password, role, scopeName);
    }

    /** A demo account as the login page shows it. */
    record Shown(String username, String password, Role role, String scopeName) {
    }
}
