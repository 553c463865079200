package cn.anjian.campaign;

import java.time.YearMonth;
import java.util.List;
import java.util.stream.IntStream;

import cn.anjian.semantic.Member;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The campaign page ({@code /dashboards/campaign}): the campaign file's tasks, pillar by pillar and section by section,
 * with each task's status per responsible unit for a month ({@link CampaignStatus}), what is behind that month, and
 * each unit's completion rate. Rendered on the server: every cell is a link to the rows behind it, so the page needs
 * no script. The period lives in the URL ({@code ?year=2023&month=6}), and for a user of several towns the town
 * ({@code &town=…}): each town's committee runs its campaign with its own villages and departments.
 */
@Controller
class CampaignPageController {

    private final Campaigns campaigns;
    private final CampaignStatus statuses;

    CampaignPageController(Campaigns campaigns, CampaignStatus statuses) {
        this.campaigns = campaigns;
        this.statuses = statuses;
    }

    @GetMapping("/dashboards/campaign")
    String campaign(@RequestParam(required = false) Integer year, @RequestParam(required = false) Integer month,
                    @RequestParam(required = false) String town, @RequestParam(required = false) String lang,
                    Model model) {
        Campaign campaign = campaign(year);
        YearMonth shown = month(campaign, year, month);
        // a user of several towns (a county leader) sees one town's board at a time: the first unless one is asked
        List<Member> towns = statuses.towns();
        String chosen = null;
        if (towns.size() > 1 || town != null && !town.isBlank()) {
            chosen = town == null || town.isBlank() ? towns.get(0).code() : town.strip();
            String code = chosen;
            if (towns.stream().noneMatch(t -> t.code().equals(code))) {
                throw notFound("没有这个乡镇或无权查看: " + code + " (no such town in your scope)");
            }
        }
        CampaignStatus.Board board = statuses.board(campaign, shown, chosen);
        boolean en = "en".equalsIgnoreCase(lang);
        model.addAttribute("board", board);
        model.addAttribute("towns", towns.size() > 1 ? towns : List.of());
        model.addAttribute("town", chosen);
        model.addAttribute("lang", en ? "en" : "zh");
        model.addAttribute("en", en);
        model.addAttribute("years", campaigns.all().stream()
                .flatMap(c -> IntStream.rangeClosed(c.from().getYear(), c.to().getYear()).boxed())
                .distinct().sorted().toList());
        model.addAttribute("months", months(campaign, shown.getYear()));
        return "campaign/campaign";
    }

    /** The campaign of the year asked for, else the one under way today (or the latest). */
    private Campaign campaign(Integer year) {
        if (year == null) {
            return campaigns.current(statuses.thisMonth()).orElseThrow(() -> notFound("没有专项行动文件 (no campaign file)"));
        }
        return campaigns.all().stream()
                .filter(c -> c.from().getYear() <= year && c.to().getYear() >= year)
                .findFirst().orElseThrow(() -> notFound(year + " 年没有专项行动 (no campaign in " + year + ")"));
    }

    private YearMonth month(Campaign campaign, Integer year, Integer month) {
        if (month != null && (month < 1 || month > 12)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "参数 month 应为 1–12 (month must be 1-12)");
        }
        YearMonth fallback = statuses.defaultMonth(campaign);
        int y = year == null ? fallback.getYear() : year;
        YearMonth m = month != null ? YearMonth.of(y, month) : y == fallback.getYear() ? fallback : YearMonth.of(y, 12);
        return m.isBefore(campaign.from()) ? campaign.from() : m.isAfter(campaign.to()) ? campaign.to() : m;
    }

    private static List<Integer> months(Campaign campaign, int year) {
        return IntStream.rangeClosed(1, 12).filter(m -> {
            YearMonth ym = YearMonth.of(year, m);
            return !ym.isBefore(campaign.from()) && !ym.isAfter(campaign.to());
        }).boxed().toList();
    }

    private static ResponseStatusException notFound(String message) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, message);
    }
}
