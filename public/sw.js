// Hometime's service worker: keeps the versioned app shell (index.html, trunk's hashed JS, wasm and CSS, the
// manifest and icons) so the app opens on a poor connection. It never caches API answers: everything under
// /api/ goes straight to the network, so nobody ever sees another session's data or stale messages.

// Bump on every deploy that changes files without changing their names (index.html, icons, manifest).
const CACHE = 'hometime-shell-v1';
const SHELL = ['/', '/index.html', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png'];
// Trunk names the build outputs `<name>-<hash>.<ext>`, so a cached copy can never go stale.
const HASHED = /^\/[A-Za-z0-9_-]+-[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$/;

function isShell(url) {
  return url.origin === self.location.origin && (SHELL.includes(url.pathname) || HASHED.test(url.pathname));
}

// index.html names this build's hashed files; cache them with it so the first offline start works.
async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch('/index.html', { cache: 'no-cache' });
  const html = await response.clone().text();
  const assets = [...html.matchAll(/(?:href|src|from|module_or_path:)\s*=?\s*["']([^"']+)["']/g)]
    .map((m) => new URL(m[1], self.location.origin))
    .filter(isShell)
    .map((u) => u.pathname);
  await cache.put('/index.html', response);
  await cache.addAll([...new Set([...SHELL.filter((p) => p !== '/index.html'), ...assets])]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // API requests are never touched: not answered from the cache and never stored in it.
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;

  // Pages: the network first (a new deploy shows at once), the cached shell when offline.
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() => caches.match('/index.html').then((r) => r || Response.error())),
    );
    return;
  }

  if (!isShell(url)) return;
  // Shell files: the cache first, then the network, keeping what we fetch.
  event.respondWith(
    caches.match(request).then(
      (cached) =>
        cached ||
        fetch(request).then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        }),
    ),
  );
});
