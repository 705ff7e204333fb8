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
// A kept page is served offline for this long after it was kept, no more:
// the session that fetched it has ended by then (12 h idle on the server).
const KEPT_FOR_MS = 12 * 60 * 60 * 1000;
// Signing in or out (any way: the app's button, a plain form, an
// invitation) ends what the last session kept: the pages go before the
// request does. A page the server answers with the sign-in page (a session
// that ended) does the same.
const SESSION_CHANGES = ['/api/auth/login', '/api/auth/code', '/api/auth/logout', '/api/auth/accept'];

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
  if (isPage(url) && response.redirected && new URL(response.url).pathname === '/connexion') {
    await caches.delete(PAGES);
    return;
  }
  if (!response.ok || response.redirected) return;
  if (isPage(url) && !type.startsWith('text/html')) return;
  if (!isPage(url)) {
    await (await caches.open(SHELL)).put(url.pathname, response.clone());
    return;
  }
  // The time it was kept travels with the page.
  const headers = new Headers(response.headers);
  headers.set('x-kept-at', String(Date.now()));
  const body = await response.clone().blob();
  await (await caches.open(PAGES)).put(url.pathname, new Response(body, { status: response.status, headers }));
}

// A kept page, if it is still young enough to be served.
async function keptPage(url) {
  const kept = await caches.match(url.pathname);
  if (!kept || !isPage(url)) return kept;
  const at = Number(kept.headers.get('x-kept-at') || 0);
  if (Date.now() - at > KEPT_FOR_MS) {
    await (await caches.open(PAGES)).delete(url.pathname);
    return undefined;
  }
  return kept;
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
  if (url.origin !== self.location.origin) return;
  if (SESSION_CHANGES.includes(url.pathname)) {
    event.respondWith(caches.delete(PAGES).then(() => fetch(request)));
    return;
  }
  if (request.method !== 'GET') return;
  if (!(isPage(url) || isShell(url))) return;
  event.respondWith((async () => {
    const network = fetch(request).then(async (response) => {
      await keep(url, response);
      return response;
    });
    const kept = await keptPage(url);
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
