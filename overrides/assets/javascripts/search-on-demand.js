/*
 * Sổ tay sinh hoạt chi bộ: Material's search index and search worker are fetched only when the
 * reader goes to search, not on every page view.
 *
 * Over http Material requests search/search_index.json (XMLHttpRequest) and starts its worker
 * (new Worker) as soon as a page loads; together they are more than half of a first visit's bytes.
 * This script, loaded in <head> before Material's bundle, holds both back until the reader shows an
 * intent to search: points at, focuses or opens the search box, presses a key on it, uses the "/",
 * "s" or "f" shortcut, or opens a page with "?q=" (a search link). Nothing else changes: the same
 * request and the same worker are made, just later. From file:// Material already waits for the
 * search box to open (and loads search_index.js), so there this script does nothing else.
 *
 * The worker answers from the headings first and then finishes the whole index in the background
 * (lunr.vi.min.js); when it has, it posts {type: 1, sotayFull: true}, and this script marks the page
 * <html data-sotay-search="full">, which tests wait for before they judge the ranking.
 */
(function () {
  "use strict"
  function markFull(event) {
    if (event.data && event.data.sotayFull) document.documentElement.setAttribute("data-sotay-search", "full")
  }
  /* From file:// the worker runs in an iframe (iframe-worker) and posts to this window. */
  window.addEventListener("message", markFull)
  if (location.protocol === "file:" || typeof XMLHttpRequest === "undefined") return

  var wanted = false
  var waiting = []
  function want() {
    if (wanted) return
    wanted = true
    var run = waiting
    waiting = []
    for (var i = 0; i < run.length; i++) run[i]()
  }
  function whenWanted(fn) {
    if (wanted) fn()
    else waiting.push(fn)
  }
  window.__sotaySearchWanted = function () { return wanted }

  /* The index request: opened by Material at load, sent when wanted (unless Material gave up on it). */
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/
  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__sotayIndex = INDEX.test(String(url))
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments
    if (!xhr.__sotayIndex || wanted) return send.apply(xhr, args)
    whenWanted(function () {
      if (xhr.readyState === XMLHttpRequest.OPENED) send.apply(xhr, args)
    })
  }

  /* The search worker: a stand-in that starts the real worker when wanted and forwards to it. */
  var RealWorker = window.Worker
  var WORKER = /\/workers\/search\.[^/]*\.js(?:[?#]|$)/
  if (typeof RealWorker === "function") {
    var Lazy = function (url, options) {
      if (!WORKER.test(String(url))) return new RealWorker(url, options)
      if (wanted) {
        var now = new RealWorker(url, options)
        now.addEventListener("message", markFull)
        return now
      }
      var self = this, real = null, dead = false, queue = [], listeners = [["message", markFull]]
      this.onmessage = this.onerror = null
      function start() {
        if (dead) return
        real = new RealWorker(url, options)
        for (var i = 0; i < listeners.length; i++) real.addEventListener.apply(real, listeners[i])
        if (self.onmessage) real.onmessage = self.onmessage
        if (self.onerror) real.onerror = self.onerror
        for (var j = 0; j < queue.length; j++) real.postMessage.apply(real, queue[j])
        listeners = queue = null
      }
      this.postMessage = function () {
        if (real) return real.postMessage.apply(real, arguments)
        queue.push(arguments)
        want()
      }
      this.addEventListener = function () {
        if (real) real.addEventListener.apply(real, arguments)
        else listeners.push(arguments)
      }
      this.removeEventListener = function (type, fn) {
        if (real) return real.removeEventListener.apply(real, arguments)
        listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== fn })
      }
      this.terminate = function () { dead = true; if (real) real.terminate() }
      this.dispatchEvent = function (event) { return real ? real.dispatchEvent(event) : true }
      whenWanted(start)
    }
    window.Worker = Lazy  /* (no Worker.prototype: its onmessage accessors refuse a stand-in) */
  }

  /* Intents to search. */
  if (/[?&]q=/.test(location.search)) want()
  function onSearch(event) {
    var el = event.target
    if (el && el.closest && el.closest(".md-search, label[for='__search']")) want()
  }
  document.addEventListener("focusin", onSearch, true)
  document.addEventListener("pointerdown", onSearch, true)
  document.addEventListener("pointerover", onSearch, { capture: true, passive: true })  /* a head start */
  document.addEventListener("touchstart", onSearch, { capture: true, passive: true })
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") want()
  }, true)
  document.addEventListener("keydown", function (event) {
    var el = document.activeElement
    var typing = el && (el.isContentEditable || /^(input|textarea|select)$/i.test(el.tagName))
    if (!typing && /^[fs/]$/i.test(event.key)) want()
  }, true)
})()
