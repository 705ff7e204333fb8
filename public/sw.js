// Passerelle's service worker: keeps the app (its scripts, styles and WASM)
// and the accompanist's pages ("Aujourd'hui", the registers) so that they
// open with no network after one visit. Everything else goes to the network.
//
// Network first, the kept copy when the network fails or hangs: on a good
// connection the page and the app always come from the server together, so
// a new version never meets an old one. Server functions (/api/) are never
// kept here: the app's own outbox deals with them.
'use strict';

const PAGES = 'passerelle-pages';
// A new name when the kept files' names change (v2: the lazy files are named
// after their page, app.rs `lazy_page!`): the old cache is deleted at activation.
const SHELL = 'passerelle-shell-v2';
const KEPT = [PAGES, SHELL];
// A register on a bad Wi-Fi: after this long, show the kept page.
const PATIENCE_MS = 5000;

const isPage = (url) => url.pathname === '/aujourdhui' || url.pathname.startsWith('/appel/');
const isShell = (url) => url.pathname.startsWith('/pkg/') || url.pathname === '/favicon.ico';

// The app's own files, kept before this worker takes over: from then on the
// app opens with no network, whatever the page did meanwhile.
const SHELL_FILES = ['/pkg/passerelle.js', '/pkg/passerelle.wasm', '/pkg/passerelle.css', '/favicon.ico'];

// The tablet's pages are lazy routes (app.rs, `lazy_page!`): a release
// build puts their code in WASM files of their own, which the split manifest
// lists. Kept at install too, so that a register opens offline even if it
// was never opened before on this device. So is the code that reads and
// sends what the tablet kept (`wake` in attendance/outbox.rs, lazy too).
const SPLIT_MANIFEST = '/pkg/__wasm_split_manifest.json';
const SPLIT_LOADER = '/pkg/__wasm_split.______________________.js';
const OFFLINE_VIEWS = ['page_today', 'page_register', 'outbox_wake'];

async function shellFiles() {
  try {
    const response = await fetch(SPLIT_MANIFEST, { cache: 'no-cache' });
    if (!response.ok) return SHELL_FILES; // a build without --split
    const manifest = await response.json();
    const split = Object.entries(manifest)
      .filter(([view]) => OFFLINE_VIEWS.includes(view))
      .flatMap(([, files]) => files.map((file) => `/pkg/${file}.wasm`));
    return [...new Set([...SHELL_FILES, SPLIT_LOADER, ...split])];
  } catch (_) {
    return SHELL_FILES;
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    await Promise.all((await shellFiles()).map(async (file) => {
      try {
        const response = await fetch(file, { cache: 'no-cache' });
        if (response.ok) await cache.put(file, response);
      } catch (_) { /* offline at install: kept at the next visit */ }
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (!KEPT.includes(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The page asks to keep some of its pages (the first visit happens before
// this worker controls it, and "Aujourd'hui" lists the registers to keep).
self.addEventListener('message', (event) => {
  const urls = (event.data && event.data.keep) || [];
  event.waitUntil(Promise.all(urls.map(async (href) => {
    const url = new URL(href, self.location.origin);
    if (url.origin !== self.location.origin || !(isPage(url) || isShell(url))) return;
    try {
      await keep(url, await fetch(url.pathname, { credentials: 'same-origin' }));
    } catch (_) { /* offline: kept next time */ }
  })));
});

async function keep(url, response) {
  const type = response.headers.get('content-type') || '';
  if (!response.ok || response.redirected) return;
  if (isPage(url) && !type.startsWith('text/html')) return;
  const cache = await caches.open(isPage(url) ? PAGES : SHELL);
  await cache.put(url.pathname, response.clone());
}

function offlinePage() {
  const html = '<!DOCTYPE html><html lang="fr"><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + '<title>Hors ligne · Passerelle</title>'
    + '<body style="font-family: system-ui, sans-serif; padding: 1.5rem; line-height: 1.5">'
    + '<h1>Pas de réseau</h1><p>Cette page n\'a pas encore été ouverte sur cet appareil.</p>'
    + '<p><a href="/aujourdhui" style="font-size: 1.25rem">Ouvrir « Aujourd\'hui »</a></p></body></html>';
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (!(isPage(url) || isShell(url))) return;
  event.respondWith((async () => {
    const network = fetch(request).then(async (response) => {
      await keep(url, response);
      return response;
    });
    const kept = await caches.match(url.pathname);
    if (!kept) {
      try { return await network; } catch (_) { return offlinePage(); }
    }
    const slow = new Promise((resolve) => setTimeout(() => resolve(kept), PATIENCE_MS));
    try {
      return await Promise.race([network, slow]);
    } catch (_) {
      return kept;
    }
  })());
});
