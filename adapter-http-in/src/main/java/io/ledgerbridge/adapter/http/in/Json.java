package io.ledgerbridge.adapter.http.in;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one Jackson mapper of this adapter, hardened for untrusted input. Decimals are read exactly
 * ({@code 20.00} stays {@code 20.00}, never a double) and written in plain notation.
 */
final class Json {

  static final int MAX_NESTING_DEPTH = 64;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxNumberLength(100)
                          .build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private Json() {}

  /**
   * Parses untrusted bytes.
   *
   * @throws JsonProcessingException on malformed JSON, duplicate keys, trailing content or a
   *     violated read constraint ({@code StreamConstraintsException})
   */
  static JsonNode read(byte[] bytes) throws IOException {
    // Strict UTF-8 first: Jackson tolerates overlong forms (C0 AF = '/') and encoded surrogates,
    // which would let invalid input through as a different string.
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    return MAPPER.readTree(text);
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  static String pretty(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /**
   * A JSON object as the plain Java values the policy codec reads: objects become {@link
   * LinkedHashMap} (key order kept), arrays {@link ArrayList}, integers {@link Long} (or {@link
   * BigDecimal} beyond 64 bits), other numbers {@link BigDecimal}, strings, booleans and {@code
   * null}.
   */
  static Map<String, Object> toMap(JsonNode object) {
    if (object == null || !object.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      map.put(field.getKey(), toJava(field.getValue()));
    }
    return map;
  }

  static Object toJava(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      return toMap(node);
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode element : node) {
        list.add(toJava(element));
      }
      return list;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong()
          ? (Object) node.longValue()
          : new BigDecimal(node.bigIntegerValue());
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    throw new IllegalArgumentException("unsupported JSON node " + node.getNodeType());
  }

  /**
   * The reverse of {@link #toJava}: maps, iterables, numbers, strings, booleans and {@code null}
   * become JSON; any other value (an {@code Instant}, an enum) is written as its {@code
   * toString()}.
   */
  static JsonNode fromJava(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = object();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        object.set(String.valueOf(e.getKey()), fromJava(e.getValue()));
      }
      return object;
    }
    if (value instanceof Iterable<?> iterable) {
      ArrayNode array = array();
      for (Object element : iterable) {
        array.add(fromJava(element));
      }
      return array;
    }
    if (value instanceof Object[] elements) {
      ArrayNode array = array();
      for (Object element : elements) {
        array.add(fromJava(element));
      }
      return array;
    }
    if (value instanceof CharSequence text) {
      return TextNode.valueOf(text.toString());
    }
    if (value instanceof Boolean b) {
      return BooleanNode.valueOf(b);
    }
    if (value instanceof BigDecimal d) {
      return DecimalNode.valueOf(d);
    }
    if (value instanceof BigInteger i) {
      return BigIntegerNode.valueOf(i);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return LongNode.valueOf(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return DoubleNode.valueOf(((Number) value).doubleValue());
    }
    if (value instanceof Number n) {
      return DecimalNode.valueOf(new BigDecimal(n.toString()));
    }
    return TextNode.valueOf(value.toString());
  }
}
