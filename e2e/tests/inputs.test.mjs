// End-to-end: the input kinds beyond a single header, pasted as people paste them, and the
// examples gallery. Lines and URLs are from vendor docs and the real-world corpus.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp, openApp, paste, analysed } from "./harness.mjs";

const app = useApp();
const ids = async (page) =>
  page.locator(".report [data-id]").evaluateAll((els) => els.map((e) => e.dataset.id));

test("a mixed paste of nginx, Apache, Spring and Kubernetes log lines names each cause", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await paste(
    page,
    [
      // nginx auth_basic (nginx issue threads), Apache AH01797, Spring CSRF, Kubernetes authenticator.
      '2014/01/17 10:00:00 [error] 1234#0: *1 user "admin": password mismatch, client: 10.0.0.4, server: codebox, request: "GET / HTTP/1.1", host: "codebox"',
      "[Fri Apr 28 10:52:49.448151 2023] [access_compat:error] [pid 113949:tid 140482642425408] [client 10.75.150.1:39016] AH01797: client denied by server configuration: /var/www/html/",
      "2022-02-23 16:53:27,025 DEBUG [http-nio-8080-exec-7] o.s.s.w.c.CsrfFilter - Invalid CSRF token found for http://localhost:8080/workflow-manager/login",
      'E1126 03:38:26.776766       1 authentication.go:75] "Unable to authenticate the request" err="[invalid bearer token, service account token has expired]"',
    ].join("\n"),
  );
  assert.equal(await page.textContent("[data-testid=detected-kind]"), "Server / proxy log lines");
  const got = await ids(page);
  for (const id of ["exchange.credentials_rejected", "log.denied_by_config", "log.csrf_rejected", "jwt.expired"]) {
    assert.ok(got.includes(id), `${id} in ${got}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("a presigned URL pasted alone is judged against the clock", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  // The AWS SigV4 documentation's presigned URL, a day after it was signed plus a day.
  await page.clock.setFixedTime(new Date("2013-05-26T00:00:00Z"));
  await page.goto(app.srv.url);
  await page.waitForSelector("textarea#input");
  await paste(
    page,
    "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
  );
  assert.ok((await ids(page)).includes("signed.expired"));
  await context.close();
});

test("every example in the gallery shows the finding it is there for", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await page.click("details.gallery summary");
  const buttons = page.locator("nav.samples button[data-shows]");
  const n = await buttons.count();
  assert.ok(n >= 12, `${n} examples`);
  for (let i = 0; i < n; i++) {
    const b = buttons.nth(i);
    const shows = await b.getAttribute("data-shows");
    await b.click();
    await analysed(page);
    if (shows) assert.ok((await ids(page)).includes(shows), `${await b.textContent()}: ${shows}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
