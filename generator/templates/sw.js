// The guide's service worker (generator/delivery.py writes it at the site's root, with this build's facts).
// It keeps the pages a resident opened, and what they need, in a cache named by the build: nothing up front.
// Online, pages come from the network (then saved); offline, the saved copy, labelled as such.
const FACTS = /*FACTS*/{};
const PREFIX = "panduan-";
const CACHE = PREFIX + FACTS.build;

self.addEventListener("install", (event) => {
  // Where the browser can (Chrome's static routing), a saved stylesheet, script or image is read from the
  // cache without starting this script: on a slow phone that is most of the time a page takes to show.
  // What is not saved yet goes to the network; the page then sends its list ("simpan" below).
  if (event.addRoutes) {
    event.waitUntil(event.addRoutes([{ condition: { not: { requestMode: "navigate" } }, source: "cache" }])
      .catch(() => {}));
  }
  self.skipWaiting();
});

// A new build: the copies of older builds go.
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
  }
  // The page's request starts while this worker boots (navigation preload), not after.
  if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
  await self.clients.claim();
})()));

const own = (url) => url.origin === self.location.origin;
const key = (url) => url.origin + url.pathname;

// The first page of a visit loads before this worker runs: it sends its own address and what it loaded.
self.addEventListener("message", (event) => {
  const list = event.data && Array.isArray(event.data.simpan) ? event.data.simpan : [];
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(list.map((href) => new URL(href, self.location.href)).filter(own).map(async (url) => {
      if (await cache.match(key(url))) return;
      try {
        const response = await fetch(key(url));  // from the browser's cache when the host allows it
        if (response.ok) await cache.put(key(url), response);
      } catch (error) { /* offline meanwhile: kept next time */ }
    }));
  })());
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || !own(url)) return;
  event.respondWith(event.request.mode === "navigate" ? page(event, url) : asset(event, url));
});

async function page(event, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = (await event.preloadResponse) || await fetch(event.request);
    // Saved meanwhile: the page streams in as it arrives.
    if (response.ok && !response.redirected) event.waitUntil(cache.put(key(url), response.clone()));
    return response;
  } catch (error) {
    const saved = await cache.match(key(url));
    if (!saved) return notSaved();
    // The saved copy says so: its label (overrides/partials/offline.html) is shown.
    const text = (await saved.text()).replace("data-salinan hidden", "data-salinan");
    return new Response(text, { headers: { "Content-Type": "text/html; charset=utf-8" } });
  }
}

async function asset(event, url) {
  const cache = await caches.open(CACHE);
  const saved = await cache.match(key(url));
  if (saved) return saved;
  const response = await fetch(event.request);
  if (response.ok && response.type === "basic") event.waitUntil(cache.put(key(url), response.clone()));
  return response;
}

function notSaved() {
  const html = `<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Tidak tersimpan</title></head>
<body style="font-family:sans-serif;margin:1.5rem;line-height:1.5"><h1>Halaman ini belum tersimpan</h1>
<p>Perangkat ini sedang tidak tersambung ke internet, dan halaman ini belum pernah dibuka di perangkat ini,
jadi tidak ada salinannya. Halaman panduan yang pernah Anda buka tetap bisa dibuka tanpa internet
(salinan panduan per ${FACTS.day}).</p><p><a href="${self.registration.scope}">Kembali ke beranda</a></p></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
