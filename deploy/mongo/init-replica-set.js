// Single-node replica set: the deduplicator commits decisions in transactions, which need one.
try {
  rs.status();
} catch (e) {
  rs.initiate({ _id: "rs0", members: [{ _id: 0, host: "mongo:27017" }] });
}
