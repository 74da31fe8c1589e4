package io.ledgerbridge.core.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BindingUrlsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://admin:hunter2@shop.example",
        "https://admin@shop.example/",
        "http://a%40b:hunter2%40x@shop.example:8080/store",
        "https://:hunter2@shop.example"
      })
  void refusesCredentialsInAUrlWithoutEchoingThem(String url) {
    assertThatThrownBy(() -> BindingUrls.requireUsable(url, "magento_base_url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("magento_base_url must not contain credentials (user:password@)")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("admin");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://shop.example", "shop.example", "https://", "https://exa mple"})
  void refusesWhatIsNotAnHttpUrlWithAHost(String url) {
    assertThatThrownBy(() -> BindingUrls.requireUsable(url, "magento_base_url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("magento_base_url ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://shop.example",
        "http://127.0.0.1:8080/magento",
        "https://shop.example/path/with@sign"
      })
  void acceptsOrdinaryStoreUrls(String url) {
    assertThatCode(() -> BindingUrls.requireUsable(url, "magento_base_url"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource({
    "https://admin:hunter2@shop.example/x, https://shop.example/x",
    "https://shop.example/a@b, https://shop.example/a@b",
    "http://u@h:81, http://h:81"
  })
  void showsAStoredUrlWithoutItsCredentials(String stored, String shown) {
    assertThat(BindingUrls.withoutCredentials(stored)).isEqualTo(shown);
  }
}
