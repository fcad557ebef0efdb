// The slider's timing, for docs/benchmarks.md: from the input event to the new colours in the
// DOM (window.__ordoWorkTimes) and to the frame that shows them (window.__ordoPaintTimes).
let start = 0;

export function stepStarted() {
  start = performance.now();
}

// Called once the DOM holds the step's colours.
export function stepPainted() {
  if (!start) return;
  const t0 = start;
  start = 0;
  (window.__ordoWorkTimes ||= []).push(performance.now() - t0);
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => (window.__ordoPaintTimes ||= []).push(performance.now() - t0);
    ch.port2.postMessage(0);
  });
}
