// Starts the Rust probe-server (one route per failure mode) on a free port of 127.0.0.1, for the
// probe tests and the performance report. Builds it first if needed (a no-op when current).
import { spawn, execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Resolves to `{ base, stop }` once the server listens; `base` is its `http://127.0.0.1:port`. */
export async function startProbeServer() {
  execFileSync("cargo", ["build", "--quiet", "--bin", "probe-server"], { cwd: ROOT, stdio: "inherit" });
  // cargo puts the binary under $CARGO_TARGET_DIR when it is set, else under target/.
  const targetDir = process.env.CARGO_TARGET_DIR || join(ROOT, "target");
  const server = spawn(join(targetDir, "debug", "probe-server"), ["--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const base = await new Promise((ok, fail) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) ok(m[1]);
    });
    server.on("exit", (c) => fail(new Error(`probe-server exited ${c}`)));
  });
  return { base, stop: () => server.kill() };
}
