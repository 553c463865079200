package cn.anjian.dashboard;


import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where dashboard files are read from and which one is the home page ("this month" is the application clock's).
 *
 * @param location resource pattern of the dashboard YAML files (the jar carries the top-level {@code dashboards/})
 * @param home     the dashboard {@code /} opens
 */
@Validated
@ConfigurationProperties("anjian.dashboard")
public record DashboardProperties(
        @NotBlank @DefaultValue("classpath*:dashboards/*.yaml") String location,
        @NotBlank @DefaultValue("overview") String home) {
}
