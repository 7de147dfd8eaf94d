// Sessions: one (:Session) per signed-in device, named by each token's sid claim.
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (s:Session) REQUIRE s.id IS UNIQUE;
