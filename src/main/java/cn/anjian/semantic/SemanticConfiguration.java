package cn.anjian.semantic;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * Provides the catalogue, and the "all regions" row scope until a feature that knows the user (security) declares its own
 * {@link RowScope} bean. {@code @Fallback} rather than {@code @ConditionalOnMissingBean}: the latter is only
 * reliable in auto-configuration, and a wrongly kept "all regions" scope would show a village user every village.
 */
@Configuration(proxyBeanMethods = false)
class SemanticConfiguration {

    /** The one catalogue; {@code anjian.ledger-due-day} is when a month's ledger counts as late (default the 5th). */
    @Bean
    Catalog catalog(@Value("${anjian.ledger-due-day:" + Catalog.DEFAULT_LEDGER_DUE_DAY + "}") int ledgerDueDay) {
        return new Catalog(ledgerDueDay);
    }

    @Bean
    @Fallback
    RowScope allRegionsScope() {
        return RowScope.ALL_REGIONS;
    }
}
