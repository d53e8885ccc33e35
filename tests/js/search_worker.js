/*
 * Material's own search worker (the minified script the site ships) run under Node, with our
 * lunr.vi.min.js, on a built site's search index: a fast way to run the query table and the folding
 * cases without a browser. The browser tests run the same worker in Chromium.
 *
 * Prints {readyMs, buildMs, results}: readyMs to READY (the headings' index), buildMs to the whole index.
 *
 * Usage: node search_worker.js SITE_DIR [--fold | --one-stage | --headings | --lunr-query] < requests.json
 *   SITE_DIR   a built site (its search/search_index.json, assets/javascripts/workers/search.*.min.js
 *              and assets/javascripts/lunr/min/*.js are read);
 *   stdin      JSON list of queries (strings); prints a JSON list: for each query the result page
 *              locations, best first, and the first result's highlighted title and text;
 *   --fold     stdin is a JSON list of words; prints lunr.vi.fold of each (the shared folding table);
 *   --one-stage  lunr.vi builds the whole index before READY (the two-stage build must rank the same);
 *   --headings   the queries run right after READY, on the headings' index;
 *   --lunr-query lunr's own Index.query instead of lunr.vi's (the two must return the same).
 */
"use strict"
const fs = require("fs")
const path = require("path")
const vm = require("vm")

const site = process.argv[2]
const foldOnly = process.argv.includes("--fold")
const oneStage = process.argv.includes("--one-stage")    // build the whole index before READY
const headingsOnly = process.argv.includes("--headings") // query before the whole index is done
const lunrQuery = process.argv.includes("--lunr-query")  // lunr's own Index.query, not lunr.vi's fast path
const js = path.join(site, "assets", "javascripts")
const worker = fs.readdirSync(path.join(js, "workers")).find(name => /^search\..*\.min\.js$/.test(name))

globalThis.self = globalThis
let handler = null
let reply = null
globalThis.addEventListener = (type, fn) => { if (type === "message") handler = fn }
globalThis.postMessage = message => { if (reply) reply(message) }
globalThis.importScripts = (...urls) => {
  for (const url of urls)
    vm.runInThisContext(fs.readFileSync(path.join(js, "lunr", url.replace(/^\.\.\/lunr\//, "")), "utf8"),
      { filename: url })
  if (oneStage && self.lunr.vi) self.lunr.vi.FIRST = null
  if (lunrQuery && self.lunr.vi) self.lunr.vi.lunrQuery = true
}
vm.runInThisContext(fs.readFileSync(path.join(js, "workers", worker), "utf8"), { filename: worker })

function send(message) {
  return new Promise(resolve => { reply = resolve; handler({ data: message }) })
}

async function main() {
  const input = JSON.parse(fs.readFileSync(0, "utf8"))
  const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"))
  const started = process.hrtime.bigint()
  await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } })
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6
  // The worker answers READY on the headings; the query table runs on the whole index.
  // (No timer runs between these awaits: with --headings every query meets the headings' index.)
  if (self.lunr.vi && self.lunr.vi.full && !headingsOnly) await self.lunr.vi.full
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6
  if (foldOnly) {
    process.stdout.write(JSON.stringify(input.map(word => self.lunr.vi.fold(word))))
    return
  }
  const out = []
  for (const query of input) {
    const t = process.hrtime.bigint()
    const result = await send({ type: 2, data: query })
    const ms = Number(process.hrtime.bigint() - t) / 1e6
    const items = result.data.items
    out.push({
      query, ms,
      keys: items.map(group => group[0].location.split("#")[0]),
      sections: items.map(group => group[0].location),
      first: items.length ? { title: items[0][0].title, text: items[0][0].text } : null
    })
  }
  process.stdout.write(JSON.stringify({ readyMs, buildMs, results: out }))
}
main().catch(err => { console.error(err); process.exit(1) })
