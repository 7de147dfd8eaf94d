// Whether the viewer {{viewer}} has liked and collected the note {{n}}, as map entries;
// content/viewer-note-states returns them as columns.
liked: EXISTS { ({{viewer}})-[:LIKED]->({{n}}) },
collected: EXISTS { ({{viewer}})-[:COLLECTED]->({{n}}) }
