package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageJson.SageError;
import java.util.List;

/** The outcome of a create: the stored read model, or Sage's validation errors. */
sealed interface CreateOutcome permits CreateOutcome.Created, CreateOutcome.Rejected {

  record Created(ObjectNode body) implements CreateOutcome {}

  record Rejected(List<SageError> errors) implements CreateOutcome {}
}
