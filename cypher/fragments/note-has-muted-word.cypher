// Whether the note {{n}}'s title or body contains one of the folded words {{words}}, ignoring case
// and width: the same match as src/mutes/rules.ts containsMutedWord over noteText (title, a line
// break, body). The folded text is made once per note, and only when there are words.
CASE WHEN size({{words}}) = 0 THEN false
     ELSE any(folded IN [toLower(normalize({{n}}.title + '\n' + {{n}}.body, NFKC))] WHERE any(word IN {{words}} WHERE folded CONTAINS word)) END
