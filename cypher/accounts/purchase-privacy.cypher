// Whether the user lets mutual follows see what they bought (friendsWhoBought): on unless they
// turned it off with updateProfile.
MATCH (u:User {id: $id})
RETURN coalesce(u.showPurchasesToFriends, true) AS show
