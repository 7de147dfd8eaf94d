MATCH (w:SensitiveWord)
RETURN collect(w.word) AS words
