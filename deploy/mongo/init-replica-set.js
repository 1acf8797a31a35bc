// One-shot (compose service mongo-init): makes the mongo node a single-node replica set, because the
// deduplicator commits its decisions in transactions and MongoDB only has those on a replica set.
// Idempotent: on later runs it finds the set initiated and only waits for a primary. The store creates
// its collections and indexes itself when a worker starts.
try {
  rs.status();
} catch (e) {
  if (e.codeName !== "NotYetInitialized") throw e;
  rs.initiate({ _id: "rs0", members: [{ _id: 0, host: "mongo:27017" }] });
}

for (let waited = 0; !db.hello().isWritablePrimary; waited++) {
  if (waited >= 60) throw new Error("replica set rs0 has no primary after 60 s");
  sleep(1000);
}
print("replica set rs0 ready, primary " + db.hello().primary);
