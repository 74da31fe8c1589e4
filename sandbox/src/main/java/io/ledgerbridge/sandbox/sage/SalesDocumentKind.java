package io.ledgerbridge.sandbox.sage;

import java.util.List;

/**
 * The two sales documents the sandbox creates. They share Sage's rules and read model and differ in
 * their names: wrapper key, collection, lines array, number fields and prefix (from {@code GET
 * /invoice_settings}), transaction type, and the header date field ({@code due_date} on invoices,
 * {@code original_invoice_date} on credit notes).
 */
enum SalesDocumentKind {
  INVOICE(
      "sales_invoice",
      "sales_invoices",
      "invoice_lines",
      "Invoice lines",
      "invoice_number",
      "SI-",
      "SALES_INVOICE",
      "Sales Invoice",
      List.of("UNPAID", "DRAFT", "PRO_FORMA")),
  CREDIT_NOTE(
      "sales_credit_note",
      "sales_credit_notes",
      "credit_note_lines",
      "Credit note lines",
      "credit_note_number",
      "SCN-",
      "SALES_CREDIT_NOTE",
      "Sales Credit Note",
      List.of("UNPAID", "DRAFT"));

  final String wrapper;
  final String collection;
  final String linesField;
  final String linesLabel;
  final String numberField;
  final String prefix;
  final String transactionTypeId;
  final String transactionTypeName;
  final List<String> creatableStatuses;

  SalesDocumentKind(
      String wrapper,
      String collection,
      String linesField,
      String linesLabel,
      String numberField,
      String prefix,
      String transactionTypeId,
      String transactionTypeName,
      List<String> creatableStatuses) {
    this.wrapper = wrapper;
    this.collection = collection;
    this.linesField = linesField;
    this.linesLabel = linesLabel;
    this.numberField = numberField;
    this.prefix = prefix;
    this.transactionTypeId = transactionTypeId;
    this.transactionTypeName = transactionTypeName;
    this.creatableStatuses = creatableStatuses;
  }

  /** {@code invoice_number_prefix} or {@code credit_note_number_prefix}. */
  String prefixField() {
    return numberField + "_prefix";
  }

  /** Path of the document in the (made-up) web UI, for {@code links[]}. */
  String uiPath() {
    return "invoicing/" + collection;
  }
}
