// Keeps the page alive if the app's wasm module traps. The release build aborts on a Rust
// panic, which reaches JavaScript as a WebAssembly.RuntimeError ("unreachable") and leaves
// that instance unusable: the page would stay blank or frozen until a reload. Here the box's
// text is taken from the page (kept in memory, never stored), the dead instance's timers and
// DOM are cleared, and a fresh instance of the same module is mounted. The app reads the text
// from `authlensRecovered`, says that it was reset, and analyses that text in a worker, where
// a second trap ends only the worker. The module's hashed names are filled in at build by
// scripts/worker-script.mjs.
const GLUE = "./authlens.js";
const WASM = "./authlens_bg.wasm";
let resets = 0;
let resetting = false;

async function reset() {
  if (resetting) return;
  resetting = true;
  const box = document.querySelector("textarea#input");
  globalThis.authlensRecovered = box ? box.value : "";
  // Timer ids are handed out in order, so every timer the dead instance set is below this one.
  const last = setTimeout(() => {}, 0);
  for (let id = 0; id <= last; id++) {
    clearTimeout(id);
    clearInterval(id);
  }
  document.body.replaceChildren();
  resets += 1;
  try {
    // A new fragment makes a new module instance; the request itself is the same file, so the
    // service worker answers it offline.
    const glue = await import(`${GLUE}#reset-${resets}`);
    await glue.default({ module_or_path: new URL(WASM, import.meta.url) });
  } finally {
    resetting = false;
  }
}

const trapped = (e) => e instanceof WebAssembly.RuntimeError;
addEventListener("error", (event) => {
  if (trapped(event.error)) {
    event.preventDefault();
    reset();
  }
});
addEventListener("unhandledrejection", (event) => {
  if (trapped(event.reason)) {
    event.preventDefault();
    reset();
  }
});
