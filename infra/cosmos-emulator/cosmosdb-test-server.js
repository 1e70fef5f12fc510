#!/usr/bin/env node
// Runs @vercel/cosmosdb-server (same arguments as its cli.js) with two gaps of release 1.0.1 filled,
// following the Cosmos DB REST protocol, so the .NET SDK's own change-feed code can be tested:
// - Change feed (GET .../docs with "A-IM: Incremental feed"): the release returns every document of the
//   container with a constant ETag and answers every resumed read with 304. Here every document write
//   takes the next logical sequence number (_lsn); a read returns the documents of the requested logical
//   partition changed after the If-None-Match ETag, oldest change first, each at its latest version, at
//   most x-ms-max-item-count of them, with the last one's sequence number as ETag; 304 when none is newer.
// - Point read of a missing document: the release fails with 500; Cosmos DB answers 404.
"use strict";

const accountModule = require("@vercel/cosmosdb-server/lib/account");
const Items = require("@vercel/cosmosdb-server/lib/account/items").default;
const Documents = require("@vercel/cosmosdb-server/lib/account/documents").default;
const routes = require("@vercel/cosmosdb-server/lib/routes").default;
const readDocuments = require("@vercel/cosmosdb-server/lib/handler/read-documents").default;
const readDocument = require("@vercel/cosmosdb-server/lib/handler/read-document").default;
const { parsePartitionKey } = require("@vercel/cosmosdb-server/lib/utils/get-partition-from-header");
const { createHttpsServer, createHttpServer } = require("@vercel/cosmosdb-server");
const { randomUUID } = require("crypto");

let lastLsn = 0;
const setItem = Items.prototype._set;
Items.prototype._set = function setWithLsn(data) {
  return setItem.call(this, this instanceof Documents ? { ...data, _lsn: ++lastLsn } : data);
};

// The server builds its account when it starts listening; keep a handle on it.
let account;
const Account = accountModule.default;
accountModule.default = class TrackedAccount extends Account {
  constructor(...args) {
    super(...args);
    account = this;
  }
};

function send(res, status, headers, body) {
  res.writeHead(status, {
    "content-type": "application/json",
    "x-ms-activity-id": randomUUID(),
    "x-ms-request-charge": "1",
    ...headers,
  });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function partitionKeyOf(req) {
  const header = req.headers["x-ms-documentdb-partitionkey"];
  return header && header !== "[{}]" ? JSON.parse(header)[0] : undefined;
}

function serveChangeFeed(req, res, { dbId, collId }) {
  const collection = account.database(dbId).collection(collId);
  const properties = collection.read();
  if (!properties) {
    return send(res, 404, {}, { code: "NotFound", message: "Collection does not exist." });
  }

  const ifNoneMatch = (req.headers["if-none-match"] || "").replace(/"/g, "");
  const after = ifNoneMatch === "*" ? lastLsn : ifNoneMatch === "" ? 0 : Number(ifNoneMatch);
  if (!Number.isSafeInteger(after)) {
    return send(res, 400, {}, { code: "BadRequest", message: `Invalid If-None-Match: ${ifNoneMatch}` });
  }

  const maxItems = parseInt(req.headers["x-ms-max-item-count"], 10) > 0 ? parseInt(req.headers["x-ms-max-item-count"], 10) : Infinity;
  const path = properties.partitionKey.paths[0].slice(1).split("/");
  const partitionKey = partitionKeyOf(req);
  const changes = collection.documents
    .read()
    .result.filter(d => partitionKey === undefined || path.reduce((v, p) => (v == null ? undefined : v[p]), d) === partitionKey)
    .filter(d => d._lsn > after)
    .sort((a, b) => a._lsn - b._lsn)
    .slice(0, maxItems);
  if (changes.length === 0) {
    return send(res, 304, { etag: `"${after}"`, "x-ms-item-count": "0" });
  }

  const etag = `"${changes[changes.length - 1]._lsn}"`;
  return send(res, 200, { etag, "x-ms-item-count": String(changes.length) }, { _rid: properties._rid, Documents: changes, _count: changes.length });
}

function isMissingDocument(req, { dbId, collId, docId }) {
  const collection = account.database(dbId).collection(collId);
  const header = req.headers["x-ms-documentdb-partitionkey"];
  return collection.read() && header && !collection.document(docId, parsePartitionKey(header, docId)).read();
}

function wrap(server) {
  const [handle] = server.listeners("request");
  server.removeAllListeners("request");
  server.on("request", (req, res) => {
    const route = routes(req);
    if (route && route[1] === readDocuments && req.headers["a-im"]) {
      return serveChangeFeed(req, res, route[0]);
    }

    if (route && route[1] === readDocument && isMissingDocument(req, route[0])) {
      return send(res, 404, {}, { code: "NotFound", message: "Entity with the specified id does not exist in the system." });
    }

    return handle(req, res);
  });
  return server;
}

const args = process.argv.slice(2);
const option = (...names) => {
  const index = args.findIndex(a => names.includes(a));
  return index >= 0 ? args[index + 1] : undefined;
};
const host = option("--host");
const port = parseInt(option("-p", "--port") || "0", 10);
const secure = !args.includes("--no-ssl");
const server = wrap(secure ? createHttpsServer() : createHttpServer());
server.listen(port, host, () => {
  const address = server.address();
  console.log(`Ready to accept HTTP${secure ? "S" : ""} connections at ${host || address.address}:${address.port}`);
});
