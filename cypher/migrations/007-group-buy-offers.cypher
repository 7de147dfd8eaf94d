// Merchants' group-buy offers: groups start only from one, at its price.
CREATE CONSTRAINT group_buy_offer_id IF NOT EXISTS FOR (o:GroupBuyOffer) REQUIRE o.id IS UNIQUE;
