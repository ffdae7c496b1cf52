// Offline and installable (SPEC 12, docs/architecture.md#offline): registers
// the service worker that post-build writes for this build, and tells the app
// when a newer deploy has installed and is waiting. The app offers "A new
// version is ready: Reload" (`update-ready`); only that click swaps builds,
// so files of two builds never mix and nothing reloads under the partner.
if ("serviceWorker" in navigator) {
  let applying = false;
  const announce = (registration) => {
    if (registration.waiting && navigator.serviceWorker.controller) {
      window.__ucUpdateReady = true;
      window.dispatchEvent(new Event("upgrade-center:update-ready"));
    }
  };
  // The worker's precache must not compete with the first download or the
  // app's start for the partner's bandwidth and CPU.
  const register = () => navigator.serviceWorker.register("sw.js").then((registration) => {
    // A browser that blocks workers (a test harness, a policy) registers nothing.
    if (!registration) return;
    announce(registration);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker?.addEventListener("statechange", () => worker.state === "installed" && announce(registration));
    });
    window.addEventListener("upgrade-center:apply-update", () => {
      applying = true;
      registration.waiting?.postMessage("skip-waiting");
    });
  }, () => {});
  // Once loaded and then idle: the app's start (a large workspace read, the
  // first rows painted) keeps the main thread busy until it is done.
  const whenIdle = () => ("requestIdleCallback" in window ? requestIdleCallback(register, { timeout: 5000 }) : setTimeout(register, 0));
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
  // The first visit's worker takes control quietly; only an applied update reloads.
  navigator.serviceWorker.addEventListener("controllerchange", () => applying && location.reload());
}
