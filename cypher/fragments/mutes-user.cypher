// Whether the viewer {{viewer}} mutes the user {{u}} now: a MUTES relationship whose `until` is
// null (until lifted) or still ahead. An expired one stops counting at once; writes clean it up.
EXISTS { ({{viewer}})-[mute:MUTES]->({{u}}) WHERE mute.until IS NULL OR mute.until > datetime() }
