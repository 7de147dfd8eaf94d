// Two-factor sign-in (issue 23 §1): a logIn's challenge is found by the hash of its token.
CREATE CONSTRAINT two_factor_challenge_token IF NOT EXISTS FOR (c:TwoFactorChallenge) REQUIRE c.tokenHash IS UNIQUE;
