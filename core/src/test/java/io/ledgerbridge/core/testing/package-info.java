/** Test data builders shared by core's unit tests. Test scope only. */
package io.ledgerbridge.core.testing;
