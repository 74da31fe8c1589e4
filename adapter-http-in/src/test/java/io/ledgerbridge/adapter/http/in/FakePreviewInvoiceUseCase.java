package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.ports.in.PreviewInvoiceUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Scripted preview: known tenants get the scripted answer; every command is recorded. */
final class FakePreviewInvoiceUseCase implements PreviewInvoiceUseCase {

  private final Set<String> tenants = ConcurrentHashMap.newKeySet();
  private final List<PreviewCommand> commands = new CopyOnWriteArrayList<>();
  private final List<Object> otherCommands = new CopyOnWriteArrayList<>();
  private volatile InvoicePreview answer =
      new InvoicePreview("proceed", null, List.of(), List.of());

  FakePreviewInvoiceUseCase bind(String tenant) {
    tenants.add(tenant);
    return this;
  }

  /** The next invoice previews throw {@code e} (null: answer again). */
  void failWith(RuntimeException e) {
    this.failure = e;
  }

  private volatile RuntimeException failure;

  void answer(InvoicePreview value) {
    this.answer = value;
  }

  List<PreviewCommand> commands() {
    return commands;
  }

  /** Payment and credit memo commands, in arrival order. */
  List<Object> otherCommands() {
    return otherCommands;
  }

  @Override
  public InvoicePreview previewPayment(PaymentPreviewCommand command) {
    if (!tenants.contains(command.tenantId())) {
      throw new UnknownBindingException(command.tenantId());
    }
    otherCommands.add(command);
    return answer;
  }

  @Override
  public InvoicePreview previewCustomer(CustomerPreviewCommand command) {
    if (!tenants.contains(command.tenantId())) {
      throw new UnknownBindingException(command.tenantId());
    }
    otherCommands.add(command);
    return answer;
  }

  @Override
  public InvoicePreview previewProduct(ProductPreviewCommand command) {
    if (!tenants.contains(command.tenantId())) {
      throw new UnknownBindingException(command.tenantId());
    }
    otherCommands.add(command);
    return answer;
  }

  @Override
  public InvoicePreview previewCreditMemo(CreditMemoPreviewCommand command) {
    if (!tenants.contains(command.tenantId())) {
      throw new UnknownBindingException(command.tenantId());
    }
    otherCommands.add(command);
    return answer;
  }

  @Override
  public InvoicePreview preview(PreviewCommand command) {
    if (!tenants.contains(command.tenantId())) {
      throw new UnknownBindingException(command.tenantId());
    }
    commands.add(command);
    if (failure != null) {
      throw failure;
    }
    return answer;
  }
}
