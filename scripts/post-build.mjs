// trunk post_build hook. Trunk runs the hooks of one stage at the same time, so the steps that
// depend on each other run here in order: the precache list must see the final index.html.
await import("./externalize-loader.mjs");
await import("./worker-script.mjs");
await import("./knowledge.mjs");
await import("./precache.mjs");
await import("./precompress.mjs");
