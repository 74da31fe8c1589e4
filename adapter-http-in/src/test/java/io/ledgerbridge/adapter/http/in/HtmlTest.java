package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapesMarkupAndQuotes() {
    assertThat(Html.esc("<script>alert('x')</script>&\""))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
  }

  @Test
  void replacesControlCharactersButKeepsNewlinesForPre() {
    assertThat(Html.esc("a\u0000b\u001bc\nd\r\n")).isEqualTo("a\uFFFDb\uFFFDc\nd\n");
  }

  @Test
  void rendersNullAsEmpty() {
    assertThat(Html.esc(null)).isEmpty();
  }

  @Test
  void contentSecurityPolicyAllowsExactlyThePageStyleByHash() throws Exception {
    String hash =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(Html.CSS.getBytes(StandardCharsets.UTF_8)));
    assertThat(Html.CONTENT_SECURITY_POLICY)
        .startsWith("default-src 'none'")
        .contains("style-src 'sha256-" + hash + "'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("script-src");
    assertThat(Html.page("t", "")).contains("<style>" + Html.CSS + "</style>");
  }
}
