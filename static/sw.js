// authlens service worker: keeps this build's files (listed at build time by
// scripts/precache.mjs) so that a reload works with the network off.
// - It answers only GET requests for those files, from this origin and under its scope. Every
//   other request (probes, JWKS and discovery fetches, anything on another origin) is left to
//   the network untouched.
// - Nothing is added to the cache at run time, so nothing pasted is ever stored; share links
//   keep their text in the fragment, which never reaches a request.
// - A new build installs beside the old one and waits; the page offers to reload, and only
//   then does it take over (the "skip-waiting" message).
const VERSION = "dev";
const FILES = [];
const CACHE = `authlens-${VERSION}`;
const SCOPE = new URL(self.registration.scope);
const SHELL = new Set(["./", ...FILES].map((f) => new URL(f, SCOPE).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...SHELL].map((url) => new Request(url, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("authlens-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || url.search !== "") return;
  url.hash = "";
  const key = url.href === new URL("index.html", SCOPE).href ? new URL("./", SCOPE).href : url.href;
  if (!SHELL.has(key)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((hit) => hit || fetch(request)),
  );
});
