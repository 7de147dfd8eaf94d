// Live-stream shopping rooms (issue 16). Rooms, pins and comments are found by id; a room's
// minutes are MERGEd by (roomId, minute) under the room's lock; lists read rooms by status.
CREATE CONSTRAINT live_room_id IF NOT EXISTS FOR (r:LiveRoom) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT live_pin_id IF NOT EXISTS FOR (p:LivePin) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT live_comment_id IF NOT EXISTS FOR (c:LiveComment) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT live_minute_key IF NOT EXISTS FOR (m:LiveMinute) REQUIRE (m.roomId, m.minute) IS UNIQUE;
CREATE INDEX live_room_status IF NOT EXISTS FOR (r:LiveRoom) ON (r.status);
