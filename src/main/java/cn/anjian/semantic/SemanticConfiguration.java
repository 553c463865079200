package cn.anjian.semantic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * Provides the "all regions" row scope until a feature that knows the user (security) declares its own
 * {@link RowScope} bean. {@code @Fallback} rather than {@code @ConditionalOnMissingBean}: the latter is only
 * reliable in auto-configuration, and a wrongly kept "all regions" scope would show a village user every village.
 */
@Configuration(proxyBeanMethods = false)
class SemanticConfiguration {

    @Bean
    @Fallback
    RowScope allRegionsScope() {
        return RowScope.ALL_REGIONS;
    }
}
