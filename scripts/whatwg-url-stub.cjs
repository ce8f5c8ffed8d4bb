// Bundled in place of whatwg-url (see bundle.mjs). node-fetch 2, which the
// Kubernetes client uses for watches, takes `Url.URL || whatwgUrl.URL`, so on
// any Node with a global URL only this module's require() ever ran: it built
// tr46's IDNA tables (290 KB of code, ~3 MB of heap) for nothing.
module.exports = { URL: require('node:url').URL, URLSearchParams: require('node:url').URLSearchParams };
