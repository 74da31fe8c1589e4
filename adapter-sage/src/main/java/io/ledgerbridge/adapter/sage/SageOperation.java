package io.ledgerbridge.adapter.sage;

/** The remote operations this adapter performs, as reported in gateway exceptions. */
enum SageOperation {
  REFRESH_TOKEN("refresh_token", "token refresh"),
  EXCHANGE_CODE("exchange_code", "authorization code exchange"),
  REVOKE_TOKEN("revoke_token", "token revocation"),
  LIST_BUSINESSES("list_businesses", "businesses request"),
  FIND_CONTACT("find_contact", "contact search"),
  CREATE_CONTACT("create_contact", "contact"),
  UPDATE_CONTACT("update_contact", "contact update"),
  CREATE_SALES_INVOICE("create_sales_invoice", "sales_invoice"),
  CREATE_SALES_CREDIT_NOTE("create_sales_credit_note", "sales_credit_note"),
  CREATE_CONTACT_PAYMENT("create_contact_payment", "contact_payment"),
  CREATE_CONTACT_ALLOCATION("create_contact_allocation", "contact_allocation"),
  FETCH_SALES_INVOICE("fetch_sales_invoice", "sales invoice request"),
  FETCH_SALES_CREDIT_NOTE("fetch_sales_credit_note", "sales credit note request"),
  FETCH_CONTACT_PAYMENT("fetch_contact_payment", "contact payment request"),
  FETCH_FINANCIAL_SETTINGS("fetch_financial_settings", "financial settings request"),
  FETCH_BUSINESS("fetch_business", "business request"),
  FETCH_TAX_RATES("fetch_tax_rates", "tax rates request"),
  FETCH_LEDGER_ACCOUNTS("fetch_ledger_accounts", "ledger accounts request"),
  FETCH_BANK_ACCOUNTS("fetch_bank_accounts", "bank accounts request"),
  FETCH_CURRENCIES("fetch_currencies", "currencies request"),
  FETCH_PRICE_TYPES("fetch_price_types", "price types request"),
  CREATE_PRODUCT("create_product", "product"),
  CREATE_SERVICE("create_service", "service"),
  CREATE_STOCK_ITEM("create_stock_item", "stock_item"),
  UPDATE_PRODUCT("update_product", "product update"),
  UPDATE_SERVICE("update_service", "service update"),
  UPDATE_STOCK_ITEM("update_stock_item", "stock_item update"),
  FIND_CATALOG_ITEM("find_catalog_item", "item code search"),
  FETCH_STOCK_ITEM("fetch_stock_item", "stock item request"),
  CREATE_STOCK_MOVEMENT("create_stock_movement", "stock_movement");

  private final String code;
  private final String subject;

  SageOperation(String code, String subject) {
    this.code = code;
    this.subject = subject;
  }

  /** The operation name carried by exceptions, e.g. {@code create_sales_invoice}. */
  String code() {
    return code;
  }

  /** What Sage was asked to accept, for messages ("Sage rejected sales_invoice: ..."). */
  String subject() {
    return subject;
  }
}
