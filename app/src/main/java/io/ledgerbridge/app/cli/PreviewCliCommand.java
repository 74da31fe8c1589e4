package io.ledgerbridge.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.adapter.magento.MagentoAdapter;
import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.PolicyJson;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.CreditMemoPreviewCommand;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.InvoicePreview;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PaymentPreviewCommand;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PlannedRequest;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PreviewCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code preview}: the dry run of one store event against a binding: an invoice ({@code
 * invoice.created}), the payment of an invoice ({@code invoice.paid}) or a credit memo ({@code
 * creditmemo.created}).
 */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description =
        "Show what the worker would decide for a canonical invoice (--invoice), the payment of an"
            + " invoice (--payment), a credit memo (--credit-memo), a customer (--customer) or a"
            + " product (--product), and the exact Sage requests"
            + " it would send, without sending anything. Uses the binding's policy (or --policy),"
            + " cross-references and reference cache; for a payment or credit memo whose invoice"
            + " is in Sage it reads what Sage says is outstanding, and for a product the price type"
            + " and a known stock item's level (GET only).")
final class PreviewCliCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--tenant-id", required = true, description = "Tenant id of the binding")
  String tenantId;

  @Option(
      names = "--invoice",
      description =
          "Canonical invoice JSON, as GET /rest/V1/byte8/invoice/{id} returns it (with --payment"
              + " or --credit-memo: their invoice, needed only when it is not in Sage yet)")
  Path invoiceFile;

  @Option(
      names = "--payment",
      description = "Canonical payment JSON, as GET /rest/V1/byte8/payment/{invoiceId} returns it")
  Path paymentFile;

  @Option(
      names = "--credit-memo",
      description = "Canonical credit memo JSON, as GET /rest/V1/byte8/creditmemo/{id} returns it")
  Path creditMemoFile;

  @Option(
      names = "--customer",
      description = "Canonical customer JSON, as GET /rest/V1/byte8/customer/{id} returns it")
  Path customerFile;

  @Option(
      names = "--product",
      description = "Canonical product JSON, as GET /rest/V1/byte8/product/{id} returns it")
  Path productFile;

  @Option(
      names = "--policy",
      description = "A policy file to try instead of the binding's current policy")
  Path policyFile;

  @Override
  public Integer call() throws Exception {
    int documents =
        (paymentFile == null ? 0 : 1)
            + (creditMemoFile == null ? 0 : 1)
            + (customerFile == null ? 0 : 1)
            + (productFile == null ? 0 : 1);
    if (documents > 1) {
      throw new IllegalArgumentException(
          "give one of --payment, --credit-memo, --customer or --product");
    }
    if (documents == 0 && invoiceFile == null) {
      throw new IllegalArgumentException(
          "give --invoice, --payment, --credit-memo, --customer or --product");
    }
    if (customerFile != null && invoiceFile != null) {
      throw new IllegalArgumentException("--customer takes no --invoice");
    }
    if (productFile != null && invoiceFile != null) {
      throw new IllegalArgumentException("--product takes no --invoice");
    }
    CanonicalInvoice invoice =
        invoiceFile == null
            ? null
            : MagentoAdapter.parseCanonicalInvoice(Files.readString(invoiceFile));
    SyncPolicy policy = policyFile == null ? null : PolicyJson.read(policyFile);
    InvoicePreview preview;
    try (Chassis chassis = Cli.open()) {
      if (productFile != null) {
        preview =
            chassis
                .preview()
                .previewProduct(
                    new io.ledgerbridge.ports.in.PreviewInvoiceUseCase.ProductPreviewCommand(
                        tenantId,
                        MagentoAdapter.parseCanonicalProduct(Files.readString(productFile)),
                        policy));
      } else if (customerFile != null) {
        preview =
            chassis
                .preview()
                .previewCustomer(
                    new io.ledgerbridge.ports.in.PreviewInvoiceUseCase.CustomerPreviewCommand(
                        tenantId,
                        MagentoAdapter.parseCanonicalCustomer(Files.readString(customerFile)),
                        policy));
      } else if (paymentFile != null) {
        preview =
            chassis
                .preview()
                .previewPayment(
                    new PaymentPreviewCommand(
                        tenantId,
                        MagentoAdapter.parseCanonicalPayment(Files.readString(paymentFile)),
                        invoice,
                        policy));
      } else if (creditMemoFile != null) {
        preview =
            chassis
                .preview()
                .previewCreditMemo(
                    new CreditMemoPreviewCommand(
                        tenantId,
                        MagentoAdapter.parseCanonicalCreditMemo(Files.readString(creditMemoFile)),
                        invoice,
                        policy));
      } else {
        preview = chassis.preview().preview(new PreviewCommand(tenantId, invoice, policy));
      }
    }
    System.out.println(render(preview).toPrettyString());
    return 0;
  }

  static ObjectNode render(InvoicePreview preview) throws Exception {
    ObjectNode out = JSON.createObjectNode();
    out.put("decision", preview.decision());
    out.put("reason", preview.reason());
    ArrayNode requests = out.putArray("requests");
    for (PlannedRequest r : preview.requests()) {
      ObjectNode n = requests.addObject();
      n.put("method", r.method());
      n.put("path", r.path());
      n.put("note", r.note());
      JsonNode body = r.body() == null ? null : JSON.readTree(r.body());
      n.set("body", body);
    }
    ArrayNode warnings = out.putArray("warnings");
    preview.warnings().forEach(warnings::add);
    return out;
  }
}
