package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.out.AccountingGateway;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scripted Sage that honours idempotency ids like the real one: a repeated id returns the first
 * result. Queued failures are thrown before anything is created; "after commit" failures are thrown
 * after the invoice was created.
 */
public final class FakeAccountingGateway implements AccountingGateway {
  public final Map<String, SageRef> contactsByReference = new LinkedHashMap<>();
  public final List<SageContactDraft> createdContacts = new ArrayList<>();
  public final List<SageInvoiceDraft> createdInvoices = new ArrayList<>();
  public final List<String> invoiceIdempotencyIds = new ArrayList<>();
  public final Map<String, SageRef> invoicesByIdempotencyId = new HashMap<>();
  public final Deque<GatewayException> invoiceFailures = new ArrayDeque<>();
  public final Deque<GatewayException> invoiceFailuresAfterCommit = new ArrayDeque<>();
  private int seq;

  @Override
  public Optional<SageRef> findContactByReference(SageConnection sage, String reference) {
    return Optional.ofNullable(contactsByReference.get(reference));
  }

  @Override
  public SageRef createContact(SageConnection sage, SageContactDraft draft, String idempotencyId) {
    createdContacts.add(draft);
    SageRef ref = new SageRef(hexId(), draft.name() + " (" + draft.reference() + ")");
    contactsByReference.put(draft.reference(), ref);
    return ref;
  }

  @Override
  public SageRef createSalesInvoice(SageConnection sage, SageInvoiceDraft draft, String idem) {
    invoiceIdempotencyIds.add(idem);
    if (!invoiceFailures.isEmpty()) {
      throw invoiceFailures.pop();
    }
    SageRef ref = invoicesByIdempotencyId.get(idem);
    if (ref == null) {
      createdInvoices.add(draft);
      ref = new SageRef(hexId(), "SI-" + createdInvoices.size());
      invoicesByIdempotencyId.put(idem, ref);
    }
    if (!invoiceFailuresAfterCommit.isEmpty()) {
      throw invoiceFailuresAfterCommit.pop();
    }
    return ref;
  }

  @Override
  public String renderSalesInvoice(SageInvoiceDraft draft, String idempotencyId) {
    return "{\"sales_invoice\":{\"reference\":\"" + draft.reference() + "\"}}";
  }

  @Override
  public String renderContact(SageContactDraft draft, String idempotencyId) {
    return "{\"contact\":{\"reference\":\"" + draft.reference() + "\"}}";
  }

  public ReferenceData referenceData;
  public int referenceFetches;

  @Override
  public ReferenceData fetchReferenceData(SageConnection sage, Instant now) {
    referenceFetches++;
    if (referenceData == null) {
      throw new IllegalStateException("no reference data scripted");
    }
    return referenceData;
  }

  private String hexId() {
    return String.format("%032x", ++seq);
  }
}
