package io.modelwatch.catalog.dashboard;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static io.modelwatch.catalog.support.CatalogFixture.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.Slugs;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The dashboard's HTML as a reader gets it (no JavaScript): figures, words per language, search, escaping. */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class DashboardPagesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    CatalogFixture catalog;
    int year;
    String tag;
    String gpt;
    String taichu;
    String hidden;
    String xss;

    @BeforeEach
    void fourReleases() {
        catalog = new CatalogFixture(bootstrapServers);
        year = CatalogFixture.ownYear();
        tag = "dash-" + UUID.randomUUID();
        gpt = unique("Decoder");
        taichu = unique("紫东太初");
        hidden = unique("Quiet");
        xss = "<img src=x onerror=alert(1)> " + UUID.randomUUID().toString().substring(0, 8);
        catalog.announce(announcement(gpt).published(year + "-03-01").parameters("175B").tags(tag)
                .orgs(new Organization("OpenAI", "US")).accessibility(Accessibility.API));
        catalog.announce(announcement(taichu).published(year + "-07").parameters("1000亿").tags(tag).modalities("text", "image", "audio")
                .orgs(new Organization("中国科学院自动化研究所", "CN")).accessibility(Accessibility.OPEN_WEIGHTS_UNRESTRICTED)
                .summary("Text, image and audio.", "图文音三模态"));
        catalog.announce(announcement(hidden).published(year + "-09-10").tags(tag).orgs(new Organization("Baidu", "CN")));
        catalog.announce(announcement(xss).published(year + "-11").parameters("1.3B").tags(tag)
                .orgs(new Organization("<b>Org</b>", "FR")).accessibility(Accessibility.OPEN_WEIGHTS_RESTRICTED));
        for (String name : new String[]{gpt, taichu, hidden, xss}) {
            awaitModel(Slugs.of(name), 1);
        }
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private Document get(String path) {
        Response r = given().redirects().follow(false).when().get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/html");
        return Jsoup.parse(r.asString());
    }

    @Test
    void overviewShowsHeadlineFiguresOfThePeriodInBothLanguages() {
        Document en = get("/?period=" + year + "&tag=" + tag + "&lang=en");
        assertThat(en.select("html").attr("lang")).isEqualTo("en");
        assertThat(en.getElementById("fig-releases").text()).isEqualTo("4");
        assertThat(en.getElementById("fig-organisations").text()).isEqualTo("4");
        assertThat(en.getElementById("fig-countries").text()).isEqualTo("3");
        assertThat(en.getElementById("fig-open").text()).isEqualTo("50%");
        // Disclosed: 1.3B, 100B, 175B (the undisclosed one is not a zero): the median is 100B.
        assertThat(en.getElementById("fig-median").text()).isEqualTo("100B");
        assertThat(en.select("h1").text()).contains("The field at a glance", "Jan " + year + " to Dec " + year);
        assertThat(en.select("#period option[selected]").val()).isEqualTo(Integer.toString(year));
        assertThat(en.select("#filter-tag option[selected]").val()).isEqualTo(tag);
        assertThat(en.getElementById("overview").attr("data-query"))
                .isEqualTo("from=" + year + "-01&to=" + year + "-12&tag=" + tag);
        assertThat(en.select("script[src]").eachAttr("src")).contains("/_static/echarts/6.0.0/dist/echarts.min.js", "/dashboard/overview.js");
        assertThat(en.select("script:not([src])")).isEmpty();

        Document zh = get("/?period=" + year + "-H2&tag=" + tag + "&lang=zh-CN");
        assertThat(zh.select("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(zh.select("h1").text()).contains("大模型发布一览", year + "年7月 至 " + year + "年12月");
        assertThat(zh.getElementById("fig-releases").text()).isEqualTo("3");
        // 50,650,000,000, the interpolated median: a headline figure, in the short form of prose (ParameterCountFormatter.shortForm)
        assertThat(zh.getElementById("fig-median").text()).isEqualTo("约507亿");
        assertThat(zh.select(".figure .label").eachText()).contains("发布数", "开放权重占比", "已公开参数量中位数");
        assertThat(zh.getElementById("lang-switch").text()).isEqualTo("English");
    }

    @Test
    void languageComesFromTheParameterThenTheCookieThenAcceptLanguage() {
        Response chosen = given().when().get("/catalog?lang=zh-CN");
        assertThat(chosen.cookie(LanguageChoice.COOKIE)).isEqualTo("zh-CN");
        assertThat(Jsoup.parse(given().cookie(LanguageChoice.COOKIE, "zh-CN").when().get("/catalog").asString()).select("h1").text()).isEqualTo("模型目录");
        assertThat(Jsoup.parse(given().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").when().get("/catalog").asString())
                .select("h1").text()).isEqualTo("模型目录");
        assertThat(Jsoup.parse(given().header("Accept-Language", "fr-FR,en;q=0.5").when().get("/catalog").asString())
                .select("h1").text()).isEqualTo("Catalog");
    }

    @Test
    void catalogFindsAChineseNameAndSaysUndisclosedNeverZero() {
        Document found = get("/catalog?q=" + taichu.substring(0, 4) + "&lang=zh-CN");
        assertThat(found.select("#catalog td.name a").eachText()).contains(taichu);
        Document exact = get("/catalog?q=" + taichu + "&lang=zh-CN");
        assertThat(exact.select("#catalog tbody tr")).hasSize(1);
        assertThat(exact.select("#catalog td.num").text()).isEqualTo("1,000亿");

        Document quiet = get("/catalog?q=" + hidden + "&lang=zh-CN");
        assertThat(quiet.select("#catalog td.num").text()).isEqualTo("未公开");
        Document quietEn = get("/catalog?q=" + hidden + "&lang=en");
        assertThat(quietEn.select("#catalog td.num").text()).isEqualTo("undisclosed");
        assertThat(quietEn.select("#catalog td").eachText()).contains("Sep 10, " + year);
    }

    @Test
    void catalogSortsAndPages() {
        Document bySize = get("/catalog?sort=-parameters&lang=en");
        assertThat(bySize.select("th[aria-sort=descending]").text()).contains("Parameters");
        Document page = get("/catalog?sort=-published&lang=en");
        assertThat(page.select("#catalog tbody tr").size()).isBetween(1, 50);
        // A cursor whose key is no date ("abc"): the first page again, not a failed cast in SQL.
        Document stale = get("/catalog?sort=-published&after=YWJjCng&lang=en");
        assertThat(stale.select("#catalog tbody tr").eachText()).isEqualTo(page.select("#catalog tbody tr").eachText());
    }

    @Test
    void modelPageShowsEveryFieldItsSourcesAndRevisions() {
        Document zh = get("/models/" + Slugs.of(taichu) + "?lang=zh-CN");
        assertThat(zh.getElementById("model-name").text()).isEqualTo(taichu);
        assertThat(zh.select(".summary").text()).isEqualTo("图文音三模态");
        assertThat(zh.select("#fields [data-field=parameters] dd").text()).isEqualTo("1,000亿");
        assertThat(zh.select("#fields [data-field=modalities] dd").text()).isEqualTo("文本、图像、音频");
        assertThat(zh.select("#fields [data-field=organizations] dd").text()).endsWith("(中国)");
        assertThat(zh.select("#provenance tbody tr").eachText()).anySatisfy(row -> assertThat(row).contains("test"));
        assertThat(zh.select("#revisions li")).isNotEmpty();
        assertThat(zh.select("#revisions li").text()).contains("首次收录");
        assertThat(zh.select("#fields [data-field=confidence] dd").text()).isEqualTo("确定");

        Document quiet = get("/models/" + Slugs.of(hidden) + "?lang=en");
        assertThat(quiet.select("#fields [data-field=parameters] dd").text()).isEqualTo("undisclosed");

        Response missing = given().when().get("/models/no-such-model-" + UUID.randomUUID());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(missing.asString()).select("h1").text()).isNotBlank();
    }

    @Test
    void anUntrustedNameIsTextEverywhere() {
        for (String path : new String[]{"/catalog?q=" + xss.substring(xss.length() - 8), "/models/" + Slugs.of(xss),
                "/?period=" + year + "&tag=" + tag}) {
            String html = given().when().get(path).asString();
            Document page = Jsoup.parse(html);
            assertThat(page.select("img")).as(path).isEmpty();
            assertThat(page.select("main b")).as(path).isEmpty();
            assertThat(html).as(path).doesNotContain("<img src=x");
            if (!path.startsWith("/?")) {
                assertThat(page.text()).as(path).contains(xss);
            }
        }
    }

    @Test
    void summaryAndPointsApisFollowTheFilters() {
        given().when().get("/api/v1/stats/summary?from=" + year + "&to=" + year + "&tag=" + tag + "&lang=zh-CN")
                .then().statusCode(200)
                .body("releases", org.hamcrest.Matchers.equalTo(4))
                .body("medianParameters", org.hamcrest.Matchers.equalTo(100_000_000_000L))
                .body("medianParametersText", org.hamcrest.Matchers.equalTo("1,000亿"));
        var points = given().when().get("/api/v1/stats/points?tag=" + tag + "&limit=2&lang=en").then().statusCode(200).extract().jsonPath();
        assertThat(points.getList("items.name")).containsExactly(gpt, taichu);
        assertThat(points.getList("items.china", Boolean.class)).containsExactly(false, true);
        String next = points.getString("next");
        var rest = given().when().get("/api/v1/stats/points?tag=" + tag + "&limit=2&after=" + next).then().statusCode(200).extract().jsonPath();
        assertThat(rest.getList("items.name")).containsExactly(hidden, xss);
        assertThat(rest.getList("items.parametersText")).containsExactly(null, "1.3B");
        given().when().get("/api/v1/stats/summary?country=XYZ").then().statusCode(400);
    }

    @Test
    void everyPageForbidsFramingAndForeignOrInlineScripts() {
        for (String path : new String[]{"/?lang=en", "/catalog?lang=zh-CN&country=CN", "/models/" + Slugs.of(gpt),
                "/models/no-such-model-" + UUID.randomUUID()}) {
            Response r = given().redirects().follow(false).when().get(path);
            assertThat(r.contentType()).as(path).startsWith("text/html");
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                    .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
            assertThat(r.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            Document page = Jsoup.parse(r.asString());
            assertThat(page.select("script:not([src])")).as(path + ": no inline script").isEmpty();
            assertThat(page.select("[onclick], [onload], [onerror], [onchange]")).as(path).isEmpty();
        }
        assertThat(given().when().get("/dashboard/catalog.js").header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(given().when().get("/api/v1/models?limit=1").header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theDefaultWindowEndsThisMonthWhateverTheCatalogHoldsInTheFuture() {
        // This class's releases are dated in the year 3000 and later: they must not move "last 12 months".
        java.time.YearMonth now = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        Document en = get("/?lang=en");
        assertThat(en.getElementById("overview").attr("data-to")).isEqualTo(now.toString());
        assertThat(en.getElementById("overview").attr("data-from")).isEqualTo(now.minusMonths(11).toString());
        assertThat(en.select("#period option[selected]").val()).isEqualTo("last12");
    }

    @Test
    void theCatalogPageTakesEveryFilterOfTheApiAndNamesWhatItIgnores() {
        Document page = get("/catalog?tag=" + tag + "&country=CN&country=FR&lang=en");
        assertThat(page.select("#catalog tbody tr")).hasSize(3);
        assertThat(page.select("#facet-country input[checked]").eachAttr("value")).containsExactlyInAnyOrder("CN", "FR");
        assertThat(page.select("#facet-country input[value=US]").parents().first().select(".facet-count").text()).isEqualTo("1");
        assertThat(page.getElementById("export-csv").attr("href")).contains("tag=" + tag, "country=CN", "country=FR", "sort=-published");
        Document narrow = get("/catalog?tag=" + tag + "&modality=audio&accessibility=open-weights-unrestricted&kind=model&from=" + year
                + "-06&to=" + year + "-08&minParameters=50B&maxParameters=1T&organization=中国科学院自动化研究所&lang=en");
        assertThat(narrow.select("#catalog td.name a").eachText()).containsExactly(taichu);
        Document wrong = get("/catalog?tag=" + tag + "&country=XYZ&from=nope&lang=en");
        assertThat(wrong.select("#catalog tbody tr")).hasSize(4);
        assertThat(wrong.getElementById("ignored").text()).contains("country=XYZ", "from=nope");
    }

    @Test
    void pagesShowingEpochDataCreditItAndOthersDoNot() {
        String epoch = unique("Epoch row");
        catalog.announce(announcement(epoch).published(year + "-05-02").tags(tag, io.modelwatch.contract.Credits.EPOCH_AI_TAG));
        awaitModel(Slugs.of(epoch), 1);

        for (String lang : new String[] {"en", "zh-CN"}) {
            Document page = get("/models/" + Slugs.of(epoch) + "?lang=" + lang);
            org.jsoup.nodes.Element credit = page.selectFirst("footer#credit");
            assertThat(credit).as("the credit on an Epoch entry's page (" + lang + ")").isNotNull();
            assertThat(credit.select("span[lang=en]").text()).isEqualTo(io.modelwatch.contract.Credits.EPOCH_AI);
            assertThat(credit.select("a[rel=license]").attr("href")).isEqualTo(io.modelwatch.contract.Credits.EPOCH_AI_LICENCE);
            assertThat(credit.select("a[rel=license]").text()).isEqualTo("CC BY 4.0");
            assertThat(credit.text()).startsWith(lang.equals("en") ? "Data:" : "数据来源：");
            assertThat(get("/models/" + Slugs.of(gpt) + "?lang=" + lang).select("footer#credit")).as("a page without Epoch data").isEmpty();
        }
        // The catalog and the overview credit it when the data they show holds Epoch rows, and only then.
        assertThat(get("/catalog?tag=" + tag + "&lang=en").select("footer#credit")).hasSize(1);
        assertThat(get("/catalog?tag=" + tag + "&country=CN&lang=en").select("footer#credit")).isEmpty();
        assertThat(get("/?period=" + year + "&tag=" + tag + "&lang=en").select("footer#credit")).hasSize(1);
        assertThat(get("/?period=" + year + "&tag=" + tag + "&country=CN&lang=en").select("footer#credit")).isEmpty();
    }

    /**
     * The overview's menus are kept between page views (CatalogVersionCache) but follow the catalog: a year that gets
     * its first release is offered on the next view.
     */
    @Test
    void theMenusOfferAYearAsSoonAsItHasAReleaseAndNotBefore() {
        String next = Integer.toString(CatalogFixture.ownYear());
        String option = "#period option[value=" + next + "]";
        assertThat(get("/?lang=en").select(option)).as("before its first release").isEmpty();
        assertThat(get("/?lang=en").select(option)).as("viewed again, from the cache").isEmpty();
        String first = unique("First of its year");
        catalog.announce(announcement(first).published(next + "-05-01").tags(tag).orgs(new Organization("OpenAI", "US")));
        awaitModel(Slugs.of(first), 1);
        assertThat(get("/?lang=en").select(option)).as("after its first release").hasSize(1);
    }
}
