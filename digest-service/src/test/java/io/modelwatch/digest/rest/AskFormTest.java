package io.modelwatch.digest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.digest.store.DigestRecordRepository;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The archive's form to ask for a review answers bad input like the subscribe form: the page again (400, HTML, in the
 * page's language), the user's values kept, each error next to its field; nothing is stored.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class AskFormTest {

    @Inject
    DigestRecordRepository records;

    long stored() {
        return QuarkusTransaction.requiringNew().call(() -> records.count());
    }

    static Document refused(String language, String kind, String period, String reference) {
        ExtractableResponse<Response> answer = given().redirects().follow(false).queryParam("language", language)
                .queryParam("kind", kind).queryParam("period", period).queryParam("reference", reference)
                .when().get("/digests/ask").then().statusCode(400).contentType("text/html").extract();
        return Jsoup.parse(answer.asString());
    }

    @Test
    void anUnknownReferenceIsNamedNextToItsFieldInThePagesLanguage() {
        long before = stored();
        Document en = refused("en", "mid-year", "2022", "No Such Model");
        assertThat(en.select("html").attr("lang")).isEqualTo("en");
        assertThat(en.select("#reference-error").text())
                .isEqualTo("The catalog has no model called 'No Such Model' with a disclosed size: give a model's name, Chinese name"
                        + " or slug, or leave the field empty for the period's default.");
        assertThat(en.select("input[name=reference]").attr("value")).isEqualTo("No Such Model");
        assertThat(en.select("input[name=reference]").attr("aria-invalid")).isEqualTo("true");
        assertThat(en.select("input[name=period]").attr("value")).isEqualTo("2022");
        assertThat(en.select("select[name=kind] option[selected]").attr("value")).isEqualTo("mid-year");
        assertThat(en.select("#period-error")).isEmpty();

        Document zh = refused("zh-CN", "yearly", "2022", "没有这个模型");
        assertThat(zh.select("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(zh.select("#reference-error").text()).startsWith("模型目录中没有名为“没有这个模型”且公开了参数量的模型");
        assertThat(zh.select("input[name=reference]").attr("value")).isEqualTo("没有这个模型");
        assertThat(zh.select("select[name=kind] option[selected]").attr("value")).isEqualTo("yearly");
        assertThat(stored()).as("a refused request stores no review").isEqualTo(before);
    }

    @Test
    void aBadPeriodAndABadReferenceAreNamedTogether() {
        long before = stored();
        Document en = refused("en", "half-year", "2022-H3", "No Such Model");
        assertThat(en.select("#period-error").text()).startsWith("'2022-H3' is not a period of this kind");
        assertThat(en.select("#reference-error").text()).startsWith("The catalog has no model called 'No Such Model'");
        assertThat(en.select("input[name=period]").attr("value")).isEqualTo("2022-H3");
        assertThat(en.select("select[name=kind] option[selected]").attr("value")).isEqualTo("half-year");

        // Well formed, but not over: the day it ends, in Chinese.
        int next = LocalDate.now(ZoneOffset.UTC).getYear() + 1;
        Document zh = refused("zh-CN", "mid-year", String.valueOf(next), "");
        assertThat(zh.select("#period-error").text()).isEqualTo("这一期间到 " + next + "-06-30 才结束，还没有过完：回顾只涵盖已经过去的日子。");
        assertThat(zh.select("#reference-error")).isEmpty();
        assertThat(zh.select("input[name=reference]").attr("value")).isEmpty();

        // Markup in a value is shown as text, never run.
        Document markup = refused("en", "mid-year", "<script>x</script>", "<b>bold</b>");
        assertThat(markup.select("script")).isEmpty();
        assertThat(markup.select("input[name=period]").attr("value")).isEqualTo("<script>x</script>");
        assertThat(markup.select("#reference-error b")).isEmpty();
        assertThat(stored()).isEqualTo(before);

        // The API itself still answers problem+json.
        given().contentType("application/json").body("{\"kind\": \"mid-year\", \"period\": \"2022\", \"reference\": \"No Such Model\"}")
                .when().post("/api/v1/digests").then().statusCode(400).contentType("application/problem+json");
    }
}
