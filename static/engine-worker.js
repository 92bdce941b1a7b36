// Runs authlens's analysis engine off the page's main thread. It loads the same wasm module as
// the page (whose main() mounts nothing outside a window), analyses one text and posts the
// answer back; the page terminates it when done or cancelled. The module's hashed names are
// filled in at build by scripts/worker-script.mjs.
import init, { analyse_job, export_job } from "./authlens.js";

const ready = init({ module_or_path: new URL("./authlens_bg.wasm", import.meta.url) });

self.onmessage = async (event) => {
  const [text, job, knowledge, task] = event.data;
  await ready;
  self.postMessage(task === "export" ? export_job(text, job, knowledge) : analyse_job(text, job, knowledge));
};
