// Verified-purchase reviews (issue 17 §1). A review is of one line of an order: its key is the
// order and product (`lineKey`), so two concurrent reviews of one line cannot both be stored.
CREATE CONSTRAINT review_id IF NOT EXISTS FOR (r:Review) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT review_line_key IF NOT EXISTS FOR (r:Review) REQUIRE r.lineKey IS UNIQUE;
// A product's reviews are listed newest first; the index serves the ordering.
CREATE INDEX review_created_at IF NOT EXISTS FOR (r:Review) ON (r.createdAt);
// One REVIEW_BURST flag per product and sign-up day (flags without the key are not constrained).
CREATE CONSTRAINT fraud_flag_burst_key IF NOT EXISTS FOR (f:FraudFlag) REQUIRE f.burstKey IS UNIQUE;
